// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "transport/PeerTls.h"

#include <QList>
#include <QSslConfiguration>
#include <QTcpServer>

#include <optional>

namespace transport {

class AcceptLoop;

// Listens on one peer URL. For an https URL every accepted socket is a QSslSocket that
// starts the server side of the TLS handshake at once; it is handed out immediately (not
// after the handshake, as QSslServer does) so that InboundConnection's handshake timeout
// and PeerTransport's bound on connections without a handshake also cover peers that
// never finish TLS. A failed handshake (no or untrusted client certificate under
// --peer-client-cert-auth) surfaces as the socket's errorOccurred. Connections are accepted by
// an AcceptLoop, which backs off when accept() fails (no descriptors left) where Qt's own loop
// retries at once, without end. A peer whose certificate PeerTls::liveServer revokes (a CRL) is
// disconnected right after the handshake, before anything it sends is read. Owner's thread.
class PeerServer : public QTcpServer
{
    Q_OBJECT

public:
    // nullopt: plain TCP (http); else TLS with tls->serverConfiguration() as it is when each
    // connection is accepted (tls->server must be set).
    explicit PeerServer(std::optional<PeerTls> tls, QObject *parent = nullptr);

    bool isTls() const { return m_tls.has_value(); }

    // Hides QTcpServer::listen (callers hold a PeerServer): starts the AcceptLoop.
    bool listen(const QHostAddress &address, quint16 port);
    // Connections the AcceptLoop took, oldest first (children of the server
    // until taken). Qt's own accepting stays off.
    bool hasPendingConnections() const override;
    QTcpSocket *nextPendingConnection() override;

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    const std::optional<PeerTls> m_tls;
    AcceptLoop *m_acceptLoop; // a child
    QList<QTcpSocket *> m_pending;
};

} // namespace transport
