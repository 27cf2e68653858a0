#pragma once

#include <QObject>
#include <QPointer>
#include <QTcpSocket>

// Watches the raw bytes of one client connection before Qt's HTTP parser
// sees them (its readyRead slot is connected first), to cover what Qt
// HttpServer 6.4 does not: it answers "Expect: 100-continue", notes whether
// the request is HTTP/1.0 (so the connection is closed after the answer), and
// enforces the header and body size limits with a 413/431 answer and a
// closed connection. A child of its socket, so it dies with it; server thread
// only.
class ConnectionGuard : public QObject
{
    Q_OBJECT
public:
    ConnectionGuard(QTcpSocket *socket, qint64 maxBodyBytes);

    static ConnectionGuard *of(QTcpSocket *socket);

    bool http10() const { return m_http10; }
    // True once the connection was refused for size: ignore what it sends.
    bool rejected() const { return m_rejected; }
    // The parser delivered a whole request: the next bytes start a new one.
    void requestDone();

    static constexpr qint64 maxHeaderBytes = 64 * 1024;

private:
    void inspect();
    void reject(int status, const QByteArray &message);

    QTcpSocket *m_socket;
    qint64 m_maxBodyBytes;
    bool m_atRequestStart = true;
    bool m_headersSeen = false;
    bool m_http10 = false;
    bool m_rejected = false;
    qint64 m_bytesInRequest = 0;
};
