// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "transport/Backoff.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTimer>

#include <cerrno>
#include <cstring>
#include <functional>

#include <sys/socket.h>

namespace transport {

// Accepts the connections of a listening QTcpServer in place of Qt's own loop, which handles
// running out of descriptors badly: on EMFILE/ENFILE the listening socket stays readable, so Qt
// 6.4.2 calls accept() again at once, thousands of times a second on the thread that also runs
// Raft, and logs nothing (strace of a member under `ulimit -n 256`: 46 565 failed accept4 calls
// in 3 s); other Qt versions pause the server on such an error and never resume it. Go's accept
// loop, which etcd uses, sleeps 5 ms after such an error, doubling up to 1 s, and tries again;
// this does the same: the socket's read notifier is off during the delay. The first connection
// accepted after failures resets the delay. One warning per run of failures and one line when
// accepting works again, not one per retry: a flood must not flood the log too.
// Header-only so that the peer port (core/transport) and the client port (daemon/) share it.
// A child of its server, so it dies with it; the server's thread only.
class AcceptLoop : public QObject
{
public:
    static constexpr int kInitialDelayMs = 5;
    static constexpr int kMaxDelayMs = 1000;
    // Connections taken per wake-up, so that a burst does not starve the thread's other work.
    static constexpr int kMaxPerWakeup = 64;

    // `take` receives each accepted descriptor (and owns it); `category`: the caller's logging
    // category; `what`: names the port in the log.
    AcceptLoop(QTcpServer *server, const QLoggingCategory &(*category)(), QString what,
               std::function<void(qintptr)> take)
        : QObject(server), m_server(server), m_category(category), m_what(std::move(what)),
          m_take(std::move(take)), m_backoff(kInitialDelayMs, kMaxDelayMs)
    {
        m_retry.setSingleShot(true);
        connect(&m_retry, &QTimer::timeout, this, [this] {
            if (stillOurs())
                m_notifier->setEnabled(true); // level-triggered: fires if a client waits
        });
    }

    // Once the server listens: Qt's own accepting stays paused from now on.
    void start()
    {
        if (!m_server->isListening())
            return;
        m_server->pauseAccepting();
        m_descriptor = m_server->socketDescriptor();
        delete m_notifier;
        m_notifier = new QSocketNotifier(m_descriptor, QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, &AcceptLoop::acceptPending);
    }

    // Failed accept attempts since the last success.
    int failures() const { return m_failures; }

private:
    // Closed (and its descriptor number perhaps reused): nothing of ours to accept from.
    bool stillOurs() const
    {
        return m_notifier && m_server && m_server->isListening() &&
               m_server->socketDescriptor() == m_descriptor;
    }

    void acceptPending()
    {
        if (!stillOurs()) {
            if (m_notifier)
                m_notifier->setEnabled(false);
            return;
        }
        for (int i = 0; i < kMaxPerWakeup; ++i) {
            const int fd = ::accept4(int(m_descriptor), nullptr, nullptr, SOCK_CLOEXEC);
            if (fd >= 0) {
                if (m_failures > 0) {
                    qCInfo(m_category).noquote()
                        << QStringLiteral("accepting %1 connections again after %2 failed "
                                          "attempts")
                               .arg(m_what)
                               .arg(m_failures);
                    m_failures = 0;
                    m_backoff.reset();
                }
                m_take(fd);
                if (!stillOurs())
                    return;
                continue;
            }
            const int error = errno;
            if (error == EAGAIN || error == EWOULDBLOCK)
                return;
            if (error == EINTR || error == ECONNABORTED)
                continue; // that client is gone, or a signal: the next one may be fine
            // EMFILE, ENFILE, ENOBUFS, ENOMEM, ...: wait before trying again.
            if (++m_failures == 1)
                qCWarning(m_category).noquote()
                    << QStringLiteral("cannot accept %1 connections on %2:%3: %4; retrying with "
                                      "back-off (up to %5 ms)")
                           .arg(m_what, m_server->serverAddress().toString())
                           .arg(m_server->serverPort())
                           .arg(QString::fromLocal8Bit(std::strerror(error)))
                           .arg(kMaxDelayMs);
            m_notifier->setEnabled(false);
            m_retry.start(m_backoff.nextDelayMs());
            return;
        }
    }

    QPointer<QTcpServer> m_server;
    const QLoggingCategory &(*m_category)();
    QString m_what;
    std::function<void(qintptr)> m_take;
    Backoff m_backoff;
    QTimer m_retry;
    QSocketNotifier *m_notifier = nullptr; // a child, once started
    qintptr m_descriptor = -1;
    int m_failures = 0;
};

} // namespace transport
