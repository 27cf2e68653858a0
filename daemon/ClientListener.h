#pragma once

#include <QTcpServer>

// A QTcpServer for client connections that prepares every accepted socket
// before Qt HttpServer adopts it: TCP_NODELAY and keep-alive on (Qt leaves
// Nagle on for accepted sockets), and a ConnectionGuard whose readyRead slot
// runs before the HTTP parser's. Server thread only.
class ClientListener : public QTcpServer
{
    Q_OBJECT
public:
    ClientListener(qint64 maxBodyBytes, QObject *parent = nullptr);

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    qint64 m_maxBodyBytes;
};
