#include "ClientThreads.h"

#include "ClientHandoff.h"
#include "HttpFrontend.h"

#include <QLoggingCategory>
#include <QThread>

Q_LOGGING_CATEGORY(lcClients, "qetcd.clients")

#include <unistd.h>

ClientThreads::ClientThreads(V2Api &api, const CorsPolicy &cors, std::shared_ptr<Mailbox> apiThread,
                             int count, qint64 maxBodyBytes, int requestTimeoutMs,
                             int firstByteTimeoutMs)
{
    // Worker 0 is the member's own thread: a connection served there hands
    // nothing between threads, the lowest latency for a lone client.
    for (int i = 0; i <= qMax(0, count); ++i) {
        Worker w;
        auto *frontend = new HttpFrontend(api, cors, apiThread);
        w.connections = std::make_shared<std::atomic<int>>(0);
        w.handoffObject = new ClientHandoff(maxBodyBytes, requestTimeoutMs, firstByteTimeoutMs,
                                            w.connections, frontend);
        frontend->bind(w.handoffObject);
        w.frontend = frontend;
        w.handoff = Mailbox::create(w.handoffObject);
        if (i > 0) {
            w.thread = new QThread;
            w.thread->setObjectName(QStringLiteral("qetcd-client-%1").arg(i));
            frontend->moveToThread(w.thread);
            // Deleted on its own thread as the thread ends, sockets included.
            QObject::connect(w.thread, &QThread::finished, frontend, &QObject::deleteLater);
            w.thread->start();
        }
        m_workers.append(w);
    }
}

ClientThreads::~ClientThreads()
{
    stop();
    for (Worker &w : m_workers)
        delete w.thread;
}

void ClientThreads::dispatch(qintptr descriptor, const std::optional<QSslConfiguration> &tls)
{
    if (m_stopped || m_workers.isEmpty()) {
        ::close(int(descriptor));
        return;
    }
    if (openConnections() >= m_maxConnections) {
        // Closed at once rather than left in the listen backlog: the client learns now, and
        // the descriptor is back before the next accept.
        ::close(int(descriptor));
        if (m_refusedInRow++ == 0)
            qCWarning(lcClients).noquote()
                << QStringLiteral("%1 client connections open (--max-client-connections): "
                                  "closing new ones until some go")
                       .arg(m_maxConnections);
        return;
    }
    if (m_refusedInRow > 0) {
        qCInfo(lcClients).noquote()
            << QStringLiteral("taking client connections again; %1 were closed at the limit")
                   .arg(m_refusedInRow);
        m_refusedInRow = 0;
    }
    // The thread with the fewest open connections, but the member's own
    // unless it has more than one above that: a connection served there
    // costs no hand-over between threads per write, and one other open
    // connection (an idle keep-alive client, a watch, the last one not yet
    // torn down) must not push a lone writer off it.
    qsizetype least = 0;
    for (qsizetype i = 1; i < m_workers.size(); ++i) {
        if (m_workers[i].connections->load() < m_workers[least].connections->load())
            least = i;
    }
    const qsizetype chosen =
        m_workers[0].connections->load() <= m_workers[least].connections->load() + 1 ? 0 : least;
    Worker &w = m_workers[chosen];
    if (lcClients().isDebugEnabled()) {
        QStringList counts;
        for (const Worker &each : std::as_const(m_workers))
            counts << QString::number(each.connections->load());
        qCDebug(lcClients).noquote() << "connection to client thread" << chosen
                                     << "(open per thread:" << counts.join(QLatin1Char(' ')) << ")";
    }
    w.connections->fetch_add(1); // counted now, so a burst of accepts spreads
    ClientHandoff *handoff = w.handoffObject;
    if (!w.handoff->post([handoff, descriptor, tls] { handoff->adopt(descriptor, tls); })) {
        w.connections->fetch_sub(1);
        ::close(int(descriptor));
    }
}

qint64 ClientThreads::openConnections() const
{
    qint64 open = 0;
    for (const Worker &w : m_workers)
        open += w.connections->load();
    return open;
}

void ClientThreads::stop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    for (Worker &w : m_workers) {
        w.handoff->close();
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
