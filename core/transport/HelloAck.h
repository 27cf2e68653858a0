// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>

#include <optional>

namespace transport {

// Why a listener accepted or refused a Hello.
enum class HelloStatus : quint8 {
    Accepted = 0,
    ClusterMismatch = 1, // the dialer belongs to another cluster
    WrongMember = 2,     // Hello.to is not the listener's id
    UnknownMember = 3,   // Hello.from is not (or no longer) a peer of the listener
    NotReady = 4,        // the listener does not know its cluster id yet
    // The dialer's certificate is not acceptable: its Common Name is not the one
    // --peer-cert-allowed-cn allows, or it does not name the host of any of the claimed
    // member's peer URLs (see PeerTransport). The listener's log says which.
    CertificateRefused = 5,
    // The claimed member already has as many unauthenticated connections as the listener
    // keeps (TransportOptions::maxInboundPerPeer), all of them in use.
    TooManyConnections = 6,
};

const char *helloStatusName(HelloStatus status);

// Body of the HelloAck frame. clusterId is the listener's own, so that a refused dialer
// can name both cluster ids in its log. Value type.
struct HelloAck
{
    HelloStatus status = HelloStatus::Accepted;
    quint64 clusterId = 0;

    QByteArray encode() const;
    // nullopt unless the body is exactly a known status and one integer.
    static std::optional<HelloAck> decode(const QByteArray &body);
};

} // namespace transport
