#include "transport/PeerServer.h"

#include "transport/AcceptLoop.h"
#include "transport/TransportLogging.h"

#include <QSslSocket>

namespace transport {

PeerServer::PeerServer(std::optional<QSslConfiguration> tls, QObject *parent)
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

QTcpSocket *PeerServer::nextPendingConnection()
{
    QTcpSocket *socket = QTcpServer::nextPendingConnection();
    pauseAccepting();
    return socket;
}

void PeerServer::incomingConnection(qintptr descriptor)
{
    if (!m_tls) {
        QTcpServer::incomingConnection(descriptor);
        return;
    }
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcTransport).noquote()
            << QStringLiteral("cannot take a peer connection: %1").arg(socket->errorString());
        delete socket;
        return;
    }
    socket->setSslConfiguration(*m_tls);
    socket->startServerEncryption();
    addPendingConnection(socket);
}

} // namespace transport
