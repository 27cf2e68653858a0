#pragma once

#include <QSslConfiguration>
#include <QTcpServer>

#include <optional>

// A QTcpServer for client connections that prepares every accepted socket
// before Qt HttpServer adopts it: TCP_NODELAY and keep-alive on (Qt leaves
// Nagle on for accepted sockets), and a ConnectionGuard whose readyRead slot
// runs before the HTTP parser's. With a TLS configuration every socket is a
// QSslSocket that starts server encryption at once (the HTTP parser then
// reads plaintext from it like from any QTcpSocket). Server thread only.
class ClientListener : public QTcpServer
{
    Q_OBJECT
public:
    ClientListener(qint64 maxBodyBytes, QObject *parent = nullptr);
    void setTls(const QSslConfiguration &configuration) { m_tls = configuration; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    qint64 m_maxBodyBytes;
    std::optional<QSslConfiguration> m_tls;
};
