#include "ClientThreads.h"

#include "ClientHandoff.h"
#include "HttpFrontend.h"

#include <QThread>

#include <unistd.h>

ClientThreads::ClientThreads(V2Api &api, const CorsPolicy &cors, std::shared_ptr<Mailbox> apiThread,
                             int count, qint64 maxBodyBytes)
{
    for (int i = 0; i < qMax(1, count); ++i) {
        Worker w;
        w.thread = new QThread;
        w.thread->setObjectName(QStringLiteral("qetcd-client-%1").arg(i));
        auto *frontend = new HttpFrontend(api, cors, apiThread);
        w.handoffObject = new ClientHandoff(maxBodyBytes, frontend);
        frontend->bind(w.handoffObject);
        frontend->moveToThread(w.thread);
        w.handoff = Mailbox::create(w.handoffObject);
        // Deleted on its own thread as the thread ends, sockets included.
        QObject::connect(w.thread, &QThread::finished, frontend, &QObject::deleteLater);
        w.thread->start();
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
    Worker &w = m_workers[m_next];
    m_next = (m_next + 1) % int(m_workers.size());
    ClientHandoff *handoff = w.handoffObject;
    if (!w.handoff->post([handoff, descriptor, tls] { handoff->adopt(descriptor, tls); }))
        ::close(int(descriptor));
}

void ClientThreads::stop()
{
    if (m_stopped)
        return;
    m_stopped = true;
    for (Worker &w : m_workers) {
        w.handoff->close();
        w.thread->quit();
    }
    for (Worker &w : m_workers)
        w.thread->wait();
}
