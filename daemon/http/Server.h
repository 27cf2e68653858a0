#pragma once

#include "Mailbox.h"

#include <QList>
#include <QSslConfiguration>

#include <atomic>
#include <limits>
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
// these threads; the rest reaches the api thread through `apiThread`. At most
// maxConnections() are open at once: one more is closed as soon as it is
// accepted, so descriptors stay for storage and peers (FdLimit) and a flood
// of idle sockets cannot make accept() fail. Made
// and used on the main thread; stop() (or the destructor) ends the threads,
// and their objects die on them, before the api they borrow may go.
class ClientThreads
{
public:
    // `requestTimeoutMs`, `firstByteTimeoutMs`: see ClientHandoff.
    ClientThreads(V2Api &api, const CorsPolicy &cors, std::shared_ptr<Mailbox> apiThread, int count,
                  qint64 maxBodyBytes, int requestTimeoutMs, int firstByteTimeoutMs);
    ~ClientThreads();
    ClientThreads(const ClientThreads &) = delete;
    ClientThreads &operator=(const ClientThreads &) = delete;

    int count() const { return int(m_workers.size()); }
    void setMaxConnections(qint64 max) { m_maxConnections = max; }
    qint64 maxConnections() const { return m_maxConnections; }
    // Open client connections on all threads (counted from dispatch to disconnect).
    qint64 openConnections() const;
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
    qint64 m_maxConnections = std::numeric_limits<qint64>::max();
    qint64 m_refusedInRow = 0; // connections closed at the limit since the last one taken
};
