#include "ClientListener.h"

#include "ConnectionGuard.h"

#include <QTcpSocket>

ClientListener::ClientListener(qint64 maxBodyBytes, QObject *parent)
    : QTcpServer(parent), m_maxBodyBytes(maxBodyBytes)
{
    // Bursts of new connections (benchmarks, reconnect storms) must not be refused.
    setMaxPendingConnections(1024);
}

void ClientListener::incomingConnection(qintptr descriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    new ConnectionGuard(socket, m_maxBodyBytes);
    addPendingConnection(socket);
}
