// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QAbstractEventDispatcher>

#include <atomic>
#include <cstdint>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

namespace http {

// The event dispatcher of the client threads: Qt's socket notifiers, timers
// and posted events over Linux epoll, so a turn of the loop costs what is
// ready, not what is open.
//
// Why: Qt 6.4's QEventDispatcherUNIX (and its glib one) hands every enabled
// notifier of the thread to poll() on each turn. A client thread holding
// 5,000 idle long-poll watchers spent 90% of its time in the kernel's
// sock_poll, and one PUT client on that thread fell from 3,100 to 450 writes
// a second (bench/README "Scale", watchers). An etcd v2 deployment for
// service discovery has exactly those thousands of idle watchers.
//
// Semantics kept from QEventDispatcherUNIX, which Qt's sockets, timers and
// QHttpServer rely on:
// - notifiers are level-triggered (a read notifier fires while bytes wait);
//   read fires on EPOLLIN/HUP/ERR, write on EPOLLOUT/HUP/ERR, exception on
//   EPOLLPRI. A notifier unregistered while others are activated is not
//   activated afterwards in that turn (pending bits live with the
//   registration), nor is one registered during the turn.
// - timers fire at most once per turn each, in deadline order; a precise
//   timer keeps its phase (deadline += interval), others restart from now; a
//   timer is not re-entered from a nested loop in its own handler; a timer
//   started during the turn waits for the next one.
// - posted events are sent at the start of every processEvents(); any
//   thread's postEvent() calls wakeUp(), which writes an eventfd the wait
//   includes, so nothing posted is left waiting for a blocked thread.
// Timer ids are allocated and released by QObject, not here.
//
// Threading: made on any thread, then given to QThread::setEventDispatcher()
// before the thread starts; everything but wakeUp() and interrupt() runs on
// that thread. Owns its epoll and eventfd descriptors.
class EpollDispatcher : public QAbstractEventDispatcher
{
    Q_OBJECT

public:
    explicit EpollDispatcher(QObject *parent = nullptr);
    ~EpollDispatcher() override;

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                       QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override;
    void interrupt() override;

    // Descriptors in the epoll set now (sockets with an enabled notifier), for tests.
    qsizetype watchedDescriptors() const { return qsizetype(m_sockets.size()); }

private:
    // The notifiers of one descriptor, by QSocketNotifier::Type (Read, Write, Exception).
    struct Socket
    {
        QSocketNotifier *notifiers[3] = {nullptr, nullptr, nullptr};
        std::uint32_t registered = 0; // the event mask epoll has
        unsigned pending = 0;         // bit per type: ready in this turn, not yet activated
        bool deferred = false;        // in m_deferred: `registered` is brought up to date
                                      // before the next epoll_wait
    };
    struct Timer
    {
        QObject *object = nullptr;
        qint64 intervalMs = 0;
        Qt::TimerType type = Qt::CoarseTimer;
        qint64 deadlineNs = 0; // on the steady clock
        bool firing = false;   // its QTimerEvent is being delivered
    };

    static qint64 nowNs();
    static std::uint32_t wantedEvents(const Socket &socket);
    // Brings epoll in line with the socket's notifiers: adding and removing at once, other
    // changes deferred to commitDeferred(), which runs before every epoll_wait.
    void updateEpoll(int fd, Socket &socket);
    void commitDeferred();
    void commit(int fd, Socket &socket, std::uint32_t wanted);
    // Waits at most `timeoutMs` (-1: no limit); returns how many notifiers fired.
    int waitAndActivate(int timeoutMs, bool notifiers);
    int activateTimers();
    int timeoutMs(bool canWait) const;
    void schedule(int timerId, Timer &timer, qint64 deadlineNs);

    int m_epoll = -1;
    int m_wakeFd = -1;
    std::atomic<bool> m_wakePending{false}; // the eventfd was written and not yet read
    std::atomic<bool> m_interrupted{false};
    std::unordered_map<int, Socket> m_sockets;
    std::vector<int> m_deferred; // descriptors whose change of interest waits for the next wait
    std::unordered_map<int, Timer> m_timers;
    std::set<std::pair<qint64, int>> m_deadlines; // (deadline, timer id), soonest first
};

} // namespace http
