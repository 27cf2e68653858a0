#pragma once

#include "Mailbox.h"

#include <QList>
#include <QSslConfiguration>

#include <atomic>
#include <memory>
#include <optional>

class ClientHandoff;
class CorsPolicy;
class QThread;
class V2Api;

// The threads that serve client connections: the member's own thread and
// `count` more, each running an HttpFrontend and a ClientHandoff and owning
// the connections handed to it (to the one with the fewest open
// connections, the member's own unless it has more than one above that, so
// a lone client is served without any hand-over between threads). Plain reads are answered on
// these threads; the rest reaches the api thread through `apiThread`. Made
// and used on the main thread; stop() (or the destructor) ends the threads,
// and their objects die on them, before the api they borrow may go.
class ClientThreads
{
public:
    // `requestTimeoutMs`: see ClientHandoff.
    ClientThreads(V2Api &api, const CorsPolicy &cors, std::shared_ptr<Mailbox> apiThread, int count,
                  qint64 maxBodyBytes, int requestTimeoutMs);
    ~ClientThreads();
    ClientThreads(const ClientThreads &) = delete;
    ClientThreads &operator=(const ClientThreads &) = delete;

    int count() const { return int(m_workers.size()); }
    // Takes ownership of an accepted descriptor.
    void dispatch(qintptr descriptor, const std::optional<QSslConfiguration> &tls);
    void stop();

private:
    struct Worker
    {
        QThread *thread = nullptr; // nullptr: the member's own thread
        QObject *frontend = nullptr;
        std::shared_ptr<std::atomic<int>> connections; // open ones, kept by its ClientHandoff
        std::shared_ptr<Mailbox> handoff;              // runs adopt() on the worker's thread
        ClientHandoff *handoffObject = nullptr;
    };
    QList<Worker> m_workers;
    int m_next = 0;
    bool m_stopped = false;
};
