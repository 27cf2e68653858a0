#pragma once

#include <QSslConfiguration>
#include <QTcpServer>

#include <optional>

class ClientThreads;
namespace transport {
class AcceptLoop;
}

// A listening socket for client connections (one per --listen-client-urls
// address). Accepts on the main thread and hands every connection, with the
// URL's TLS configuration if it is https, to one of the client threads (which
// close it at once when --max-client-connections are open). Connections are
// accepted by a transport::AcceptLoop, which backs off when accept() fails (no
// descriptor left) where Qt's own loop retries at once, without end. Borrows
// the threads, which outlive it.
class ClientListener : public QTcpServer
{
    Q_OBJECT
public:
    ClientListener(ClientThreads &threads, QObject *parent = nullptr);
    void setTls(const QSslConfiguration &configuration) { m_tls = configuration; }
    // Hides QTcpServer::listen (main holds a ClientListener): starts the AcceptLoop.
    bool listen(const QHostAddress &address, quint16 port);

private:
    ClientThreads &m_threads;
    std::optional<QSslConfiguration> m_tls;
    transport::AcceptLoop *m_acceptLoop; // a child
};
