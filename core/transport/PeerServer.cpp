// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "transport/PeerServer.h"

#include "transport/AcceptLoop.h"
#include "transport/TransportLogging.h"

#include <QSslSocket>

namespace transport {

PeerServer::PeerServer(std::optional<PeerTls> tls, QObject *parent)
    : QTcpServer(parent), m_tls(std::move(tls)),
      m_acceptLoop(
          new AcceptLoop(this, lcTransport, QStringLiteral("peer"), [this](qintptr descriptor) {
              incomingConnection(descriptor);
              emit newConnection();
          }))
{
}

bool PeerServer::listen(const QHostAddress &address, quint16 port)
{
    if (!QTcpServer::listen(address, port))
        return false;
    m_acceptLoop->start();
    return true;
}

bool PeerServer::hasPendingConnections() const
{
    return !m_pending.isEmpty();
}

QTcpSocket *PeerServer::nextPendingConnection()
{
    // Not QTcpServer's queue: taking from it turns Qt's read notifier on the
    // listening socket back on, beside the AcceptLoop's, and the event
    // dispatcher keeps one notifier per socket ("Multiple socket notifiers for
    // same socket"); pausing Qt's again then unregistered the AcceptLoop's too,
    // and the port accepted nothing more after its first connection.
    return m_pending.isEmpty() ? nullptr : m_pending.takeFirst();
}

void PeerServer::incomingConnection(qintptr descriptor)
{
    QTcpSocket *socket = m_tls ? new QSslSocket(this) : new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcTransport).noquote()
            << QStringLiteral("cannot take a peer connection: %1").arg(socket->errorString());
        delete socket;
        return;
    }
    if (auto *ssl = qobject_cast<QSslSocket *>(socket)) {
        ssl->setSslConfiguration(m_tls->serverConfiguration());
        // Connected first, so it runs before InboundConnection reads anything.
        if (m_tls->liveServer)
            LiveTls::refuseRevoked(ssl, m_tls->liveServer, lcTransport, "--peer-crl-file");
        ssl->startServerEncryption();
    }
    m_pending.append(socket);
}

} // namespace transport
