#include "transport/PeerDialer.h"

#include <QSslSocket>

namespace transport {

QString PeerDialer::unusable(const PeerAddress &address, const PeerTls &tls)
{
    if (address.tls && !tls.client)
        return QStringLiteral("https peer URLs need TLS between members (--peer-cert-file, "
                              "--peer-key-file or --peer-trusted-ca-file)");
    return {};
}

QTcpSocket *PeerDialer::create(const PeerAddress &address, const PeerTls &tls, QObject *parent,
                               std::function<void()> ready, QString *error)
{
    if (const QString why = unusable(address, tls); !why.isEmpty()) {
        if (error)
            *error = why;
        return nullptr;
    }
    if (!address.tls) {
        auto *socket = new QTcpSocket(parent);
        QObject::connect(socket, &QTcpSocket::connected, parent, std::move(ready));
        return socket;
    }
    auto *socket = new QSslSocket(parent);
    socket->setSslConfiguration(*tls.client);
    QObject::connect(socket, &QSslSocket::encrypted, parent, std::move(ready));
    return socket;
}

void PeerDialer::start(QTcpSocket *socket, const PeerAddress &address)
{
    if (auto *tlsSocket = qobject_cast<QSslSocket *>(socket))
        tlsSocket->connectToHostEncrypted(address.host, address.port, address.peerName);
    else
        socket->connectToHost(address.host, address.port);
}

} // namespace transport
