// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QSslConfiguration>
#include <QString>

#include <optional>

namespace transport {

// TLS between members (etcd's --peer-cert-file, --peer-key-file, --peer-trusted-ca-file,
// --peer-client-cert-auth, --peer-cert-allowed-cn). Peer URLs with scheme https use it:
// `server` for connections accepted on an https listen URL, `client` for dialing an https
// peer URL (and asking it for cluster information). Either unset: https URLs on that side
// are refused. When `server` verifies client certificates (VerifyPeer), PeerTransport also
// binds each certificate to the member id its Hello claims (see PeerIdentity).
// Built by the daemon from the flags; the transport never reads files. Value type.
struct PeerTls
{
    std::optional<QSslConfiguration> server;
    std::optional<QSslConfiguration> client;
    // --peer-cert-allowed-cn: when not empty, every accepted peer connection (Hello or
    // cluster information request) must present a verified certificate whose subject
    // Common Name is exactly this; any other connection is refused, plain text included.
    // Dialing an https peer URL also requires it of the listener's certificate (PeerDialer).
    QString allowedCommonName;
};

} // namespace transport
