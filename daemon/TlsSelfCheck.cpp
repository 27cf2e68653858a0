// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "TlsSelfCheck.h"

#include <QTcpServer>

namespace server {

QString TlsSelfCheck::problem(const QSslConfiguration &configuration, QSslSocket::SslMode mode)
{
    QTcpServer listener;
    if (!listener.listen(QHostAddress::LocalHost, 0))
        return {};
    QSslSocket socket;
    socket.setSslConfiguration(configuration);
    socket.connectToHost(QHostAddress::LocalHost, listener.serverPort());
    if (!socket.waitForConnected(2000))
        return {};
    // Qt reports a context it cannot build from inside start*Encryption(), synchronously.
    QString error;
    QObject::connect(&socket, &QAbstractSocket::errorOccurred, &socket,
                     [&error, &socket](QAbstractSocket::SocketError) {
                         if (error.isEmpty())
                             error = socket.errorString();
                     });
    if (mode == QSslSocket::SslServerMode)
        socket.startServerEncryption();
    else
        socket.startClientEncryption();
    socket.abort();
    return error;
}

} // namespace server
