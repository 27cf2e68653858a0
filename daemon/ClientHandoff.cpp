#include "ClientHandoff.h"

#include "ConnectionGuard.h"

#include <QLoggingCategory>
#include <QSslSocket>
#include <QTcpSocket>

#include <unistd.h>

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

ClientHandoff::ClientHandoff(qint64 maxBodyBytes, std::shared_ptr<std::atomic<int>> connections,
                             QObject *parent)
    : QTcpServer(parent), m_maxBodyBytes(maxBodyBytes), m_connections(std::move(connections))
{
    // Bursts of new connections (benchmarks, reconnect storms) must not be refused.
    setMaxPendingConnections(1024);
}

void ClientHandoff::adopt(qintptr descriptor, const std::optional<QSslConfiguration> &tls)
{
    QSslSocket *tlsSocket = tls ? new QSslSocket(this) : nullptr;
    QTcpSocket *socket = tlsSocket ? tlsSocket : new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcHttp) << "cannot adopt a client connection:" << socket->errorString();
        delete socket;
        ::close(int(descriptor));
        m_connections->fetch_sub(1);
        return;
    }
    connect(socket, &QObject::destroyed, this,
            [counter = m_connections] { counter->fetch_sub(1); });
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    new ConnectionGuard(socket, m_maxBodyBytes);
    if (tlsSocket) {
        tlsSocket->setSslConfiguration(*tls);
        connect(tlsSocket, &QSslSocket::sslErrors, tlsSocket,
                [tlsSocket](const QList<QSslError> &errors) {
                    qCWarning(lcHttp) << "TLS handshake with" << tlsSocket->peerAddress().toString()
                                      << "failed:" << errors;
                });
        tlsSocket->startServerEncryption();
    }
    // Emits pendingConnectionAvailable, which Qt HttpServer 6.4 listens to.
    addPendingConnection(socket);
}
