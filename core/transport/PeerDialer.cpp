// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "transport/PeerDialer.h"

#include "transport/PeerIdentity.h"
#include "transport/TransportLogging.h"

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
    socket->setSslConfiguration(tls.clientConfiguration());
    // etcd applies --peer-cert-allowed-cn to both ends of a peer connection: the dialer also
    // wants it as the listener's Common Name. Qt has no hook to fail the handshake itself, so
    // the connection is dropped right after it, before anything is sent on it.
    QObject::connect(socket, &QSslSocket::encrypted, parent,
                     [socket, ready = std::move(ready), allowed = tls.allowedCommonName] {
                         const QStringList names =
                             PeerIdentity::commonNames(socket->peerCertificate());
                         if (allowed.isEmpty() || names.contains(allowed)) {
                             ready();
                             return;
                         }
                         qCWarning(lcTransport).noquote()
                             << QStringLiteral("refusing peer %1:%2: its certificate's common "
                                               "name is %3 but --peer-cert-allowed-cn is %4")
                                    .arg(socket->peerName())
                                    .arg(socket->peerPort())
                                    .arg(names.join(QLatin1Char(',')), allowed);
                         socket->abort(); // -> disconnected(), as if the peer had closed
                     });
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
