#include "ClientListener.h"

#include "ConnectionGuard.h"

#include <QLoggingCategory>
#include <QSslSocket>
#include <QTcpSocket>

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

ClientListener::ClientListener(qint64 maxBodyBytes, QObject *parent)
    : QTcpServer(parent), m_maxBodyBytes(maxBodyBytes)
{
    // Bursts of new connections (benchmarks, reconnect storms) must not be refused.
    setMaxPendingConnections(1024);
}

void ClientListener::incomingConnection(qintptr descriptor)
{
    QTcpSocket *socket = nullptr;
    QSslSocket *tls = nullptr;
    if (m_tls) {
        tls = new QSslSocket(this);
        socket = tls;
    } else {
        socket = new QTcpSocket(this);
    }
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    new ConnectionGuard(socket, m_maxBodyBytes);
    if (tls) {
        tls->setSslConfiguration(*m_tls);
        connect(tls, &QSslSocket::sslErrors, tls, [tls](const QList<QSslError> &errors) {
            qCWarning(lcHttp) << "TLS handshake with" << tls->peerAddress().toString()
                              << "failed:" << errors;
        });
        tls->startServerEncryption();
    }
    addPendingConnection(socket);
}
