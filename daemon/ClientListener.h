#pragma once

#include <QSslConfiguration>
#include <QTcpServer>

#include <optional>

class ClientThreads;

// A listening socket for client connections (one per --listen-client-urls
// address). Accepts on the main thread and hands every connection, with the
// URL's TLS configuration if it is https, to one of the client threads.
// Borrows the threads, which outlive it.
class ClientListener : public QTcpServer
{
    Q_OBJECT
public:
    ClientListener(ClientThreads &threads, QObject *parent = nullptr);
    void setTls(const QSslConfiguration &configuration) { m_tls = configuration; }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    ClientThreads &m_threads;
    std::optional<QSslConfiguration> m_tls;
};
