// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "ConnectionBudget.h"
#include "Mailbox.h"

#include <QHostAddress>
#include <QList>
#include <QSslConfiguration>

#include "transport/LiveTls.h"

#include <atomic>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

class QAbstractHttpServer;
class QThread;

namespace http {

// The client port: listens, spreads accepted connections over the client
// threads and adopts each one there as a socket with its Connection.
//
// Listen: one listening socket per address, accepting on the calling (main)
// thread through a transport::AcceptLoop, which backs off when accept() fails
// (no descriptor left) where Qt's own loop retries at once, without end.
// Spread: the threads are the member's own (the calling one) and `threads`
// more, each with an HTTP frontend made by `makeFrontend` (the daemon's is
// Frontend; tests pass their own). A connection goes to the thread with the
// fewest open connections, the member's own unless it has more than one above
// that or memberThreadMaxConnections already (pickThread), so a lone client is
// served without any hand-over between threads and thousands of watchers do
// not sit in the loop that applies writes. At most maxConnections() are open
// at once, a watch stream's duplicate descriptor counting as one
// (ConnectionBudget): one more is closed as soon as it is accepted, so descriptors stay
// for storage and peers (FdLimit) and a flood of idle sockets cannot make
// accept() fail.
// Adopt: on its thread the descriptor becomes a socket (TCP_NODELAY and
// keep-alive on, as Qt leaves Nagle on for accepted sockets), gets its
// Connection (limits, order, writes; its readyRead slot runs before the
// parser's), goes through TlsStart's handshake when the URL is https, and is
// then offered to the thread's frontend. A request stalled half-way is
// refused 408 after about `requestTimeoutMs` (a per-thread sweep, not a timer
// per connection).
//
// Made and used on the main thread; stop() (or the destructor) closes the
// listeners and ends the threads, whose objects die on them, before what the
// frontends borrow (the api) may go.
class Server
{
public:
    struct Limits
    {
        qint64 maxBodyBytes = 0;
        int requestTimeoutMs = 0;   // 0: none
        int firstByteTimeoutMs = 0; // 0: none (see Connection)
    };
    // Called on this thread once per client thread; the frontend is owned
    // here and moved to its thread.
    using FrontendFactory = std::function<QAbstractHttpServer *()>;

    Server(const FrontendFactory &makeFrontend, int threads, const Limits &limits);
    ~Server();
    Server(const Server &) = delete;
    Server &operator=(const Server &) = delete;

    // Client threads, the member's own included.
    int threadCount() const { return int(m_workers.size()); }
    void setMaxConnections(qint64 max) { m_budget->setMax(max); }
    qint64 maxConnections() const { return m_budget->max(); }
    // Open client connections on all threads (counted from dispatch to disconnect), plus the
    // descriptors their watch streams hold besides (ConnectionBudget).
    qint64 openConnections() const { return m_budget->open(); }

    // Listens on `address`:`port` (0: any free port), with TLS when `tls` is
    // given. The port, or 0 with `*error` set.
    quint16 listen(const QHostAddress &address, quint16 port,
                   const std::optional<QSslConfiguration> &tls, QString *error);
    // The same with TLS as `tls` holds it when each connection is accepted (replaced on SIGHUP),
    // refusing clients whose certificate it revokes (--client-crl-file); null: plain TCP.
    quint16 listen(const QHostAddress &address, quint16 port,
                   const std::shared_ptr<transport::LiveTls> &tls, QString *error);
    // Stops accepting; open connections stay.
    void closeListeners();
    void stop();

    // The worker a new connection goes to, given each worker's open
    // connections (worker 0 is the member's thread). Pure.
    static qsizetype pickThread(const QList<int> &openPerThread);
    // The most client connections the member's own thread serves while
    // there are client threads: enough for the benchmarks' 64 connections
    // spread over three threads, few enough that its loop stays short.
    static constexpr int memberThreadMaxConnections = 32;

private:
    class Listener;
    class Adopter;
    struct Worker
    {
        QThread *thread = nullptr; // nullptr: the member's own thread
        QAbstractHttpServer *frontend = nullptr;
        std::shared_ptr<std::atomic<int>> connections; // open ones, kept by its Adopter
        std::shared_ptr<Mailbox> mailbox;              // runs adopt() on the worker's thread
        Adopter *adopter = nullptr;                    // the frontend's child
    };

    // Takes ownership of an accepted descriptor.
    void dispatch(qintptr descriptor, const std::shared_ptr<transport::LiveTls> &tls);

    QList<Worker> m_workers;
    std::vector<std::unique_ptr<Listener>> m_listeners;
    bool m_stopped = false;
    const std::shared_ptr<ConnectionBudget> m_budget = std::make_shared<ConnectionBudget>();
    qint64 m_refusedInRow = 0; // connections closed at the limit since the last one taken
};

} // namespace http
