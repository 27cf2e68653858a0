// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "transport/PeerAddress.h"
#include "transport/PeerTls.h"

#include <functional>

class QTcpSocket;
class QObject;

namespace transport {

// Opens the socket to a peer URL for OutboundPeer and ClusterInfoFetcher, so both speak
// TLS the same way: plain TCP for http; for https a QSslSocket with PeerTls::client that
// checks the peer's certificate against the URL's host. `ready` runs (from the event
// loop, in `context`) once the socket can carry frames: connected, or for TLS encrypted.
// Certificate problems end like any other failure, in errorOccurred, whose errorString()
// names the problem (Qt does not go on after an unignored sslErrors). With
// PeerTls::allowedCommonName the listener's certificate must have that Common Name too (as in
// etcd); otherwise the socket is aborted after the handshake (logged; seen as disconnected())
// and `ready` never runs. Pure helper.
class PeerDialer
{
public:
    // The socket for address, owned by parent, with `ready` wired; nullptr (and *error
    // set) for an https address without PeerTls::client. Wire the other signals, then
    // start(): Qt may report a loopback connection from inside connectToHost().
    static QTcpSocket *create(const PeerAddress &address, const PeerTls &tls, QObject *parent,
                              std::function<void()> ready, QString *error);
    static void start(QTcpSocket *socket, const PeerAddress &address);
    // Why an https URL cannot be dialed with this configuration, or empty.
    static QString unusable(const PeerAddress &address, const PeerTls &tls);
};

} // namespace transport
