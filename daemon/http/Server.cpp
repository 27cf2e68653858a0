// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "Server.h"

#include "Connection.h"
#include "EpollDispatcher.h"
#include "Qt64.h"
#include "TlsStart.h"
#include "transport/AcceptLoop.h"

#include <QAbstractHttpServer>
#include <QLoggingCategory>
#include <QPointer>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <utility>

#include <unistd.h>

namespace http {

Q_LOGGING_CATEGORY(lcClients, "qetcd.clients")
Q_DECLARE_LOGGING_CATEGORY(lcHttp)

namespace {
// A request is refused after this many sweeps found it stuck: the timeout
// is then met within a quarter of itself.
constexpr int kStuckSweeps = 4;
} // namespace

// One listening socket; accepts through an AcceptLoop and dispatches.
class Server::Listener : public QTcpServer
{
public:
    Listener(Server &server, std::shared_ptr<transport::LiveTls> tls)
        : m_tls(std::move(tls)),
          m_acceptLoop(new transport::AcceptLoop(
              this, lcClients, QStringLiteral("client"),
              [this, &server](qintptr descriptor) { server.dispatch(descriptor, m_tls); }))
    {
    }
    bool start(const QHostAddress &address, quint16 port)
    {
        if (!QTcpServer::listen(address, port))
            return false;
        m_acceptLoop->start();
        return true;
    }

private:
    const std::shared_ptr<transport::LiveTls> m_tls; // null: plain TCP
    transport::AcceptLoop *m_acceptLoop;             // a child
};

// A client thread's end of accepted connections: adopt() turns a descriptor
// accepted on the main thread into a socket of this thread and offers it to
// the frontend bound to it. Lives on its client thread, a
// child of the frontend.
class Server::Adopter : public QTcpServer
{
public:
    Adopter(const Limits &limits, std::shared_ptr<std::atomic<int>> connections,
            std::shared_ptr<ConnectionBudget> budget, QObject *parent)
        : QTcpServer(parent), m_maxBodyBytes(limits.maxBodyBytes),
          m_firstByteTimeoutMs(limits.firstByteTimeoutMs), m_connections(std::move(connections)),
          m_budget(std::move(budget))
    {
        setObjectName(QLatin1String(Qt64::adopterName));
        // Bursts of new connections (benchmarks, reconnect storms) must not be
        // refused; with TLS, only handshaken sockets are offered (Qt64.h, 8.).
        setMaxPendingConnections(1024);
        // One coarse timer per thread rather than one per connection: nothing
        // is done per request. A child, so it moves to the client thread with us.
        if (limits.requestTimeoutMs > 0) {
            m_sweeping = true;
            auto *sweepTimer = new QTimer(this);
            sweepTimer->setInterval(qMax(1, limits.requestTimeoutMs / kStuckSweeps));
            connect(sweepTimer, &QTimer::timeout, this, [this] {
                m_connectionsSwept.removeAll(nullptr);
                const auto all = m_connectionsSwept; // a sweep may close (and delete) some
                for (const QPointer<Connection> &connection : all) {
                    if (connection)
                        connection->sweep(kStuckSweeps);
                }
            });
            sweepTimer->start();
        }
    }

    // Client thread only; takes ownership of the descriptor.
    void adopt(qintptr descriptor, const std::shared_ptr<transport::LiveTls> &tls)
    {
        QSslSocket *tlsSocket = tls ? new QSslSocket(this) : nullptr;
        QTcpSocket *socket = tlsSocket ? tlsSocket : new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            qCWarning(lcHttp) << "cannot adopt a client connection:" << socket->errorString();
            delete socket;
            ::close(int(descriptor));
            m_connections->fetch_sub(1);
            return;
        }
        // Released when the client goes, not when Qt deletes the socket a loop
        // turn later: a client that reconnects at once must find its thread free.
        auto release = [counter = m_connections, counted = std::make_shared<bool>(true)] {
            if (std::exchange(*counted, false))
                counter->fetch_sub(1);
        };
        connect(socket, &QAbstractSocket::disconnected, this, release);
        connect(socket, &QObject::destroyed, this, release);
        // Qt HttpServer 6.4 (Qt64.h, 9.): accepted sockets keep Nagle on.
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
        auto *connection = new Connection(socket, m_maxBodyBytes, m_firstByteTimeoutMs);
        connection->setBudget(m_budget);
        if (m_sweeping)
            m_connectionsSwept.append(connection);
        if (!tlsSocket) {
            offer(socket);
            return;
        }
        tlsSocket->setSslConfiguration(tls->configuration());
        // --client-crl-file: checked as the handshake ends, before a request is read (etcd
        // checks the serials the same way, after the handshake).
        transport::LiveTls::refuseRevoked(tlsSocket, tls, lcHttp, "--client-crl-file");
        new TlsStart(tlsSocket, [this, tlsSocket] { offer(tlsSocket); });
    }

private:
    // Qt HttpServer 6.4 (Qt64.h, 1.): the bound frontend takes the socket
    // on pendingConnectionAvailable, which this emits.
    void offer(QTcpSocket *socket) { addPendingConnection(socket); }

    qint64 m_maxBodyBytes;
    int m_firstByteTimeoutMs;
    std::shared_ptr<std::atomic<int>> m_connections;
    std::shared_ptr<ConnectionBudget> m_budget;
    bool m_sweeping = false;
    QList<QPointer<Connection>> m_connectionsSwept; // only while sweeping: the sweep prunes it
};

Server::Server(const FrontendFactory &makeFrontend, int threads, const Limits &limits)
{
    Qt64::quietenAdopterWarnings();
    // Worker 0 is the member's own thread: a connection served there hands
    // nothing between threads, the lowest latency for a lone client.
    for (int i = 0; i <= qMax(0, threads); ++i) {
        Worker w;
        w.frontend = makeFrontend();
        w.connections = std::make_shared<std::atomic<int>>(0);
        m_budget->addThread(w.connections);
        w.adopter = new Adopter(limits, w.connections, m_budget, w.frontend);
        w.frontend->bind(w.adopter);
        w.mailbox = Mailbox::create(w.adopter);
        if (i > 0) {
            w.thread = new QThread;
            w.thread->setObjectName(QStringLiteral("qetcd-client-%1").arg(i));
            // Thousands of idle watchers live on these threads: a turn of
            // their loop must not cost a poll() of every socket (EpollDispatcher).
            w.thread->setEventDispatcher(new EpollDispatcher);
            w.frontend->moveToThread(w.thread);
            // Deleted on its own thread as the thread ends, sockets included.
            QObject::connect(w.thread, &QThread::finished, w.frontend, &QObject::deleteLater);
            w.thread->start();
        }
        m_workers.append(w);
    }
}

Server::~Server()
{
    stop();
    for (Worker &w : m_workers)
        delete w.thread;
}

quint16 Server::listen(const QHostAddress &address, quint16 port,
                       const std::optional<QSslConfiguration> &tls, QString *error)
{
    return listen(address, port, tls ? std::make_shared<transport::LiveTls>(*tls) : nullptr, error);
}

quint16 Server::listen(const QHostAddress &address, quint16 port,
                       const std::shared_ptr<transport::LiveTls> &tls, QString *error)
{
    auto listener = std::make_unique<Listener>(*this, tls);
    if (!listener->start(address, port)) {
        if (error)
            *error = listener->errorString();
        return 0;
    }
    const quint16 bound = listener->serverPort();
    m_listeners.push_back(std::move(listener));
    return bound;
}

void Server::closeListeners()
{
    for (const std::unique_ptr<Listener> &listener : m_listeners)
        listener->close();
}

qsizetype Server::pickThread(const QList<int> &openPerThread)
{
    // The thread with the fewest open connections, but the member's own
    // unless it has more than one above that: a connection served there
    // costs no hand-over between threads per write, and one other open
    // connection (an idle keep-alive client, a watch, the last one not yet
    // torn down) must not push a lone writer off it.
    // Past memberThreadMaxConnections the member's thread takes none: its
    // event loop polls every socket it holds on each turn, and it writes their
    // answers inline, so 3,000 watchers there made every applied write wait
    // for 3,000 sockets (bench/README "Scale", watchers).
    if (openPerThread.size() <= 1)
        return 0;
    qsizetype least = 1;
    for (qsizetype i = 2; i < openPerThread.size(); ++i) {
        if (openPerThread[i] < openPerThread[least])
            least = i;
    }
    const int own = openPerThread[0];
    return own < memberThreadMaxConnections && own <= openPerThread[least] + 1 ? 0 : least;
}

void Server::dispatch(qintptr descriptor, const std::shared_ptr<transport::LiveTls> &tls)
{
    if (m_stopped || m_workers.isEmpty()) {
        ::close(int(descriptor));
        return;
    }
    if (openConnections() >= maxConnections()) {
        // Closed at once rather than left in the listen backlog: the client learns now, and
        // the descriptor is back before the next accept.
        ::close(int(descriptor));
        if (m_refusedInRow++ == 0)
            qCWarning(lcClients).noquote()
                << QStringLiteral("%1 client connections open (--max-client-connections): "
                                  "closing new ones until some go")
                       .arg(maxConnections());
        return;
    }
    if (m_refusedInRow > 0) {
        qCInfo(lcClients).noquote()
            << QStringLiteral("taking client connections again; %1 were closed at the limit")
                   .arg(m_refusedInRow);
        m_refusedInRow = 0;
    }
    QList<int> open;
    open.reserve(m_workers.size());
    for (const Worker &each : std::as_const(m_workers))
        open.append(each.connections->load());
    const qsizetype chosen = pickThread(open);
    Worker &w = m_workers[chosen];
    if (lcClients().isDebugEnabled()) {
        QStringList counts;
        for (int n : std::as_const(open))
            counts << QString::number(n);
        qCDebug(lcClients).noquote() << "connection to client thread" << chosen
                                     << "(open per thread:" << counts.join(QLatin1Char(' ')) << ")";
    }
    w.connections->fetch_add(1); // counted now, so a burst of accepts spreads
    Adopter *adopter = w.adopter;
    if (!w.mailbox->post([adopter, descriptor, tls] { adopter->adopt(descriptor, tls); })) {
        w.connections->fetch_sub(1);
        ::close(int(descriptor));
    }
}

void Server::stop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    closeListeners();
    for (Worker &w : m_workers) {
        w.mailbox->close();
        if (w.thread)
            w.thread->quit();
        else
            delete w.frontend; // the member's own thread: this one
    }
    for (Worker &w : m_workers) {
        if (w.thread)
            w.thread->wait();
    }
}

} // namespace http
