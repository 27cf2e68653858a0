// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "RequestLimits.h"

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QSslSocket;
class QTcpSocket;
class QTimer;

namespace http {

class ConnectionBudget;

// One client connection's HTTP state, the part Qt HttpServer 6.4 does not
// keep (Qt64.h): its limits, the order of its answers and the writing of
// them. Made by Server when it adopts the socket; a child of its socket, so
// it dies with it; the socket's thread only.
//
// Limits: it watches the raw bytes before Qt's parser sees them (its
// readyRead slot is connected first) and feeds them to RequestLimits, which
// answers "Expect: 100-continue", notes HTTP/1.0 (the connection closes after
// the answer), and refuses an oversized head (431) or body (413) or a request
// stuck half-way (408, through sweep()) with a JSON answer and a closed
// connection. A new connection must also finish its TLS handshake and send
// the first byte of its first request within `firstByteTimeoutMs`, or it is
// closed: a client that connects and says nothing (or never finishes TLS)
// would otherwise hold a descriptor for ever. Idle keep-alive connections and
// watches are left alone, as etcd leaves them. A TLS connection is only looked
// at once it is encrypted (TlsStart owns it before).
//
// Ordering: requests are served one at a time, like etcd's Go server: one
// pipelined behind an answer still in progress (a write waiting for its
// commit, a watch) waits in a bounded queue until that answer is complete, so
// answers keep request order and a read sees the write sent before it
// (Qt HttpServer 6.4 would answer out of order: Qt64.h, 2.).
//
// Writes: every answer's bytes go out through writeAnswer(), which then
// closes the connection or serves the next waiting request. On plain TCP they
// go straight to the kernel while Qt holds nothing unsent for the socket, so
// that a connection never gets Qt's write buffer unless the kernel refuses
// bytes (write()).
class Connection : public QObject
{
    Q_OBJECT
public:
    // `firstByteTimeoutMs` 0: wait for ever.
    Connection(QTcpSocket *socket, qint64 maxBodyBytes, int firstByteTimeoutMs);

    // The connection of an adopted socket (nullptr for any other).
    static Connection *of(QTcpSocket *socket);

    bool http10() const { return m_limits.http10(); }
    // True once the connection was refused for size or time: ignore what it sends.
    bool refused() const { return m_limits.refused(); }
    // The parser delivered a whole request: the next bytes start a new one.
    void requestDone() { m_limits.requestDone(); }

    // One request at a time: `serve` runs now if no answer is in progress,
    // else once the earlier answers are complete (in order).
    void serveInTurn(std::function<void()> serve);
    // Bytes of the answer in progress. `complete`: the answer ends with
    // them; `closeAfter`: then the connection closes.
    void writeAnswer(const QByteArray &bytes, bool complete, bool closeAfter);

    // Called periodically by the thread's Server part: after `stuckSweeps`
    // calls that saw the same request incomplete, it is refused with 408.
    void sweep(int stuckSweeps);

    // The budget its server counts descriptors against (nullptr: none). Set once, when adopted.
    void setBudget(std::shared_ptr<ConnectionBudget> budget) { m_budget = std::move(budget); }
    const std::shared_ptr<ConnectionBudget> &budget() const { return m_budget; }

    // Requests pipelined behind an unfinished answer before the connection is dropped.
    static constexpr int maxWaitingRequests = 128;

private:
    void inspect();
    void act(const RequestLimits::Verdict &verdict);
    void serveNext();
    void firstByteMissing();
    void write(const QByteArray &bytes);

    QTcpSocket *m_socket;
    QSslSocket *m_tlsSocket;            // m_socket when it is a TLS connection, else nullptr
    QString m_peer;                     // for the log: a closed socket forgets it
    QTimer *m_firstByteTimer = nullptr; // a child; until the first byte arrived
    RequestLimits m_limits;
    bool m_answering = false;
    QList<std::function<void()>> m_waiting;
    std::shared_ptr<ConnectionBudget> m_budget;
};

} // namespace http
