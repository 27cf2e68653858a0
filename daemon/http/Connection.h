#pragma once

#include <QObject>
#include <QPointer>
#include <QTcpSocket>

class QSslSocket;
class QTimer;

#include <functional>

// Per-connection HTTP state that Qt HttpServer 6.4 does not keep. It watches
// the raw bytes of the connection before Qt's parser sees them (its
// readyRead slot is connected first): it answers "Expect: 100-continue",
// notes whether the request is HTTP/1.0 (so the connection is closed after
// the answer), and enforces the header and body size limits with a 413/431
// answer and a closed connection. And it serves a connection's requests one
// at a time, like etcd's Go server: a request pipelined behind one still
// being answered (a write waiting for its commit, a watch) waits in a
// bounded queue until that answer is complete, so answers keep request
// order and a read sees the write sent before it (Qt 6.4 would answer out
// of order). A request whose bytes stop arriving before it is complete is
// answered 408 and the connection closed once sweep() has seen it stuck
// long enough (slow or stalled clients must not hold connections for
// ever); idle keep-alive connections and watches are left alone, as etcd
// leaves them. A new connection, though, must finish its TLS handshake and
// send the first byte of its first request within `firstByteTimeoutMs`, or
// it is closed: a client that connects and says nothing (or never finishes
// TLS) would otherwise hold a descriptor for ever. A TLS connection is only
// looked at once it is encrypted (TlsStart owns it before). A child of its
// socket, so it dies with it; the socket's thread only.
class ConnectionGuard : public QObject
{
    Q_OBJECT
public:
    // `firstByteTimeoutMs` 0: wait for ever.
    ConnectionGuard(QTcpSocket *socket, qint64 maxBodyBytes, int firstByteTimeoutMs);

    static ConnectionGuard *of(QTcpSocket *socket);

    bool http10() const { return m_http10; }
    // True once the connection was refused for size: ignore what it sends.
    bool rejected() const { return m_rejected; }
    // The parser delivered a whole request: the next bytes start a new one.
    void requestDone();

    // One request at a time: `serve` runs now if no answer is in progress,
    // else once the earlier answers are complete (in order).
    void serveInTurn(std::function<void()> serve);
    // Bytes of the answer in progress. `complete`: the answer ends with
    // them; `closeAfter`: then the connection closes.
    void writeAnswer(const QByteArray &bytes, bool complete, bool closeAfter);

    // Called periodically: after `stuckSweeps` calls that saw the same
    // request incomplete, it is refused with 408.
    void sweep(int stuckSweeps);

    static constexpr qint64 maxHeaderBytes = 64 * 1024;
    // Requests pipelined behind an unfinished answer before the connection is dropped.
    static constexpr int maxWaitingRequests = 128;

private:
    void inspect();
    void reject(int status, const QByteArray &message);
    void serveNext();

    void firstByteMissing();

    QTcpSocket *m_socket;
    QSslSocket *m_tlsSocket;            // m_socket when it is a TLS connection, else nullptr
    QString m_peer;                     // for the log: a closed socket forgets it
    QTimer *m_firstByteTimer = nullptr; // a child; until the first byte arrived
    qint64 m_maxBodyBytes;
    bool m_atRequestStart = true;
    bool m_headersSeen = false;
    bool m_http10 = false;
    bool m_rejected = false;
    qint64 m_bytesInRequest = 0;
    bool m_answering = false;
    quint64 m_requestsDone = 0;
    quint64 m_sweptRequest = 0;
    int m_stuckSweeps = 0;
    QList<std::function<void()>> m_waiting;
};
