// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace http {

// The size and time limits of one connection's requests, as a pure state
// machine over what arrives: Qt HttpServer 6.4 has no header or body size
// limit, no request timeout, and ignores HTTP/1.0 and "Expect: 100-continue"
// (see Qt64.h), so the connection looks at its raw bytes before Qt's parser
// does and asks this what they mean. A request head over maxHeaderBytes is
// refused 431, a body over `maxBodyBytes` 413 (by its Content-Length, or, for
// a body without one, by the running total), and a request whose bytes stop
// arriving before it is complete 408 once sweep() has seen it stuck for
// `stuckSweeps` calls; an idle connection (between requests) is never timed
// out. Once refused, it stays refused. Owns nothing, reads no socket and no
// clock: fed by its Connection on the socket's thread; unit-tested alone.
class RequestLimits
{
public:
    static constexpr qint64 maxHeaderBytes = 64 * 1024;

    struct Verdict
    {
        enum class Action { None, SendContinue, Refuse };
        Action action = Action::None;
        int status = 0;     // Refuse: 413, 431 or 408
        QByteArray message; // Refuse: the "message" of the JSON body and the log
    };

    explicit RequestLimits(qint64 maxBodyBytes) : m_maxBodyBytes(maxBodyBytes) {}

    // True while the current request's head has not been seen whole: take()
    // then needs the buffered bytes themselves, not only their count.
    bool wantsHead() const { return !m_headersSeen; }
    // `available` new bytes arrived (all unread ones: the parser reads
    // everything it is offered); `buffered` is the start of them (at most
    // maxHeaderBytes + 4; empty when !wantsHead()).
    Verdict take(qint64 available, QByteArrayView buffered);
    // The parser delivered a whole request: the next bytes start a new one.
    void requestDone();
    // Called periodically (Connection's sweep): a Refuse 408 once the same
    // request was seen incomplete `stuckSweeps` times.
    Verdict sweep(int stuckSweeps);

    // Whether the request being read (the last one started) is HTTP/1.0.
    bool http10() const { return m_http10; }
    bool refused() const { return m_refused; }

private:
    Verdict refuse(int status, const char *message);

    qint64 m_maxBodyBytes;
    bool m_atRequestStart = true;
    bool m_headersSeen = false;
    bool m_http10 = false;
    bool m_refused = false;
    qint64 m_bytesInRequest = 0;
    quint64 m_requestsDone = 0;
    quint64 m_sweptRequest = 0;
    int m_stuckSweeps = 0;
};

} // namespace http
