#pragma once

#include <QPointer>
#include <QSslConfiguration>
#include <QTcpServer>

#include <atomic>
#include <memory>
#include <optional>

// The client thread's end of an accepted connection: a QTcpServer that never
// listens; adopt() turns a descriptor accepted on another thread into a
// socket of this thread, prepared for Qt HttpServer (TCP_NODELAY and
// keep-alive on, as Qt leaves Nagle on for accepted sockets; a
// ConnectionGuard whose readyRead slot runs before the HTTP parser's; with a
// TLS configuration a QSslSocket that TlsStart takes through the handshake)
// and offers it to the HttpFrontend bound to it (a TLS one once its client
// has been seen to speak TLS). Lives on its client thread.
class ConnectionGuard;

class ClientHandoff : public QTcpServer
{
    Q_OBJECT
public:
    // `connections` counts the open connections of this thread (the
    // dispatcher counts one up before handing it over; it is counted down
    // here when the socket goes).
    // `requestTimeoutMs` (0: none): a request still incomplete after about
    // that long is refused with 408 (ConnectionGuard::sweep).
    // `firstByteTimeoutMs` (0: none): a new connection that has not finished
    // TLS and sent a byte by then is closed (ConnectionGuard).
    ClientHandoff(qint64 maxBodyBytes, int requestTimeoutMs, int firstByteTimeoutMs,
                  std::shared_ptr<std::atomic<int>> connections, QObject *parent = nullptr);

    // Client thread only; takes ownership of the descriptor.
    void adopt(qintptr descriptor, const std::optional<QSslConfiguration> &tls);

private:
    qint64 m_maxBodyBytes;
    int m_firstByteTimeoutMs;
    std::shared_ptr<std::atomic<int>> m_connections;
    bool m_sweeping = false;
    QList<QPointer<ConnectionGuard>> m_guards; // only while sweeping: the sweep prunes it
};
