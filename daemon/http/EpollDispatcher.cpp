// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "EpollDispatcher.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QSocketNotifier>

#include <cerrno>
#include <chrono>
#include <climits>
#include <cstring>
#include <vector>

#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace http {

Q_LOGGING_CATEGORY(lcDispatcher, "qetcd.dispatcher")

namespace {
// Events taken from the kernel per wait; more ready descriptors are simply
// reported by the next turn (level-triggered).
constexpr int kEventsPerWait = 256;
constexpr qint64 kNsPerMs = 1000000;

// epoll's interest for a descriptor's notifiers, by QSocketNotifier::Type.
constexpr std::uint32_t kInterest[3] = {EPOLLIN, EPOLLOUT, EPOLLPRI};
// What the kernel reports that activates each type (as QEventDispatcherUNIX
// maps poll()'s revents: a hang-up or error wakes readers and writers).
constexpr std::uint32_t kActivatedBy[3] = {EPOLLIN | EPOLLHUP | EPOLLERR,
                                           EPOLLOUT | EPOLLHUP | EPOLLERR, EPOLLPRI};
} // namespace

EpollDispatcher::EpollDispatcher(QObject *parent) : QAbstractEventDispatcher(parent)
{
    m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
    m_wakeFd = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (m_epoll < 0 || m_wakeFd < 0)
        qFatal("qetcd: cannot create the client threads' epoll or eventfd: %s",
               std::strerror(errno));
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = m_wakeFd;
    if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeFd, &event) != 0)
        qFatal("qetcd: cannot watch the client threads' eventfd: %s", std::strerror(errno));
}

EpollDispatcher::~EpollDispatcher()
{
    ::close(m_wakeFd);
    ::close(m_epoll);
}

qint64 EpollDispatcher::nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

bool EpollDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted.store(false, std::memory_order_relaxed);
    emit awake();
    QCoreApplication::sendPostedEvents();

    const bool canWait = flags.testFlag(QEventLoop::WaitForMoreEvents) &&
                         !m_interrupted.load(std::memory_order_relaxed);
    const bool timers = !flags.testFlag(QEventLoop::X11ExcludeTimers);
    const int timeout = timers ? timeoutMs(canWait) : (canWait ? -1 : 0);
    if (canWait)
        emit aboutToBlock();
    int activated = waitAndActivate(timeout, !flags.testFlag(QEventLoop::ExcludeSocketNotifiers));
    if (timers)
        activated += activateTimers();
    return activated > 0;
}

int EpollDispatcher::waitAndActivate(int timeoutMs, bool notifiers)
{
    epoll_event events[kEventsPerWait];
    int count = 0;
    if (notifiers) {
        commitDeferred();
        count = ::epoll_wait(m_epoll, events, kEventsPerWait, timeoutMs);
    } else {
        // Notifiers excluded: only a wake-up may end the wait (epoll would
        // report ready sockets at once, again and again).
        pollfd wake{m_wakeFd, POLLIN, 0};
        count = ::poll(&wake, 1, timeoutMs);
        if (count > 0) {
            events[0].events = EPOLLIN;
            events[0].data.fd = m_wakeFd;
        }
    }
    if (count < 0) {
        if (errno != EINTR)
            qCWarning(lcDispatcher) << "epoll_wait failed:" << std::strerror(errno);
        return 0;
    }

    int activated = 0;
    // Local, not a member: an activation may run a nested loop that waits again.
    int ready[kEventsPerWait];
    int readyCount = 0;
    for (int i = 0; i < count; ++i) {
        const int fd = events[i].data.fd;
        if (fd == m_wakeFd) {
            // Read before clearing the flag: a wakeUp() between the two then
            // finds it set and writes nothing, and what it posted is sent at
            // the start of the next processEvents(), before any wait.
            std::uint64_t value = 0;
            [[maybe_unused]] const ssize_t got = ::read(m_wakeFd, &value, sizeof value);
            m_wakePending.store(false, std::memory_order_release);
            ++activated;
            continue;
        }
        const auto it = m_sockets.find(fd);
        if (it == m_sockets.end())
            continue;
        unsigned bits = 0;
        for (int type = 0; type < 3; ++type) {
            if (it->second.notifiers[type] && (events[i].events & kActivatedBy[type]))
                bits |= 1u << type;
        }
        if (bits) {
            it->second.pending |= bits;
            ready[readyCount++] = fd;
        }
    }

    for (int i = 0; i < readyCount; ++i) {
        for (int type = 0; type < 3; ++type) {
            // Looked up again each time: the previous activation may have
            // unregistered (or deleted) any notifier, this one's included.
            const auto it = m_sockets.find(ready[i]);
            if (it == m_sockets.end())
                break;
            const unsigned bit = 1u << type;
            if (!(it->second.pending & bit))
                continue;
            it->second.pending &= ~bit;
            QEvent event(QEvent::SockAct);
            QCoreApplication::sendEvent(it->second.notifiers[type], &event);
            ++activated;
        }
    }
    return activated;
}

void EpollDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const int type = int(notifier->type());
    if (fd < 0 || type < 0 || type > 2) {
        qCWarning(lcDispatcher) << "cannot watch descriptor" << fd;
        return;
    }
    Socket &socket = m_sockets[fd];
    if (socket.notifiers[type] && socket.notifiers[type] != notifier)
        qCWarning(lcDispatcher) << "a second notifier of one type for descriptor" << fd
                                << "replaces the first";
    socket.notifiers[type] = notifier;
    updateEpoll(fd, socket);
}

void EpollDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    const int type = int(notifier->type());
    const auto it = m_sockets.find(fd);
    if (it == m_sockets.end() || type < 0 || type > 2 || it->second.notifiers[type] != notifier)
        return;
    it->second.notifiers[type] = nullptr;
    it->second.pending &= ~(1u << type);
    updateEpoll(fd, it->second);
}

std::uint32_t EpollDispatcher::wantedEvents(const Socket &socket)
{
    std::uint32_t wanted = 0;
    for (int type = 0; type < 3; ++type) {
        if (socket.notifiers[type])
            wanted |= kInterest[type];
    }
    return wanted;
}

void EpollDispatcher::updateEpoll(int fd, Socket &socket)
{
    const std::uint32_t wanted = wantedEvents(socket);
    if (wanted == 0 || socket.registered == 0) {
        socket.deferred = false;
        commit(fd, socket, wanted); // may erase `socket`
        return;
    }
    if (wanted != socket.registered && !socket.deferred) {
        // A change of interest of a descriptor epoll already watches waits
        // until the next wait: a socket enables its write notifier for an
        // answer and disables it once flush() wrote it, in the same turn.
        // GET at 64 connections made 25,520 epoll_ctl calls for 21,630
        // answers, next to none now (strace -c). Adding and removing stay
        // immediate: a closed descriptor's number may be reused at once.
        socket.deferred = true;
        m_deferred.push_back(fd);
    }
}

void EpollDispatcher::commitDeferred()
{
    for (const int fd : m_deferred) {
        const auto it = m_sockets.find(fd);
        if (it == m_sockets.end() || !it->second.deferred)
            continue; // removed (and perhaps its number reused) meanwhile
        it->second.deferred = false;
        commit(fd, it->second, wantedEvents(it->second));
    }
    m_deferred.clear();
}

void EpollDispatcher::commit(int fd, Socket &socket, std::uint32_t wanted)
{
    if (wanted == socket.registered)
        return;
    if (wanted == 0) {
        // EBADF/ENOENT are fine: a descriptor closed first has left the set.
        ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
        m_sockets.erase(fd);
        return;
    }
    epoll_event event{};
    event.events = wanted;
    event.data.fd = fd;
    int op = socket.registered ? EPOLL_CTL_MOD : EPOLL_CTL_ADD;
    int result = ::epoll_ctl(m_epoll, op, fd, &event);
    // The set may disagree with our record when a descriptor was closed with
    // a notifier still registered and its number reused: follow the kernel.
    if (result != 0 && op == EPOLL_CTL_MOD && errno == ENOENT)
        result = ::epoll_ctl(m_epoll, op = EPOLL_CTL_ADD, fd, &event);
    else if (result != 0 && op == EPOLL_CTL_ADD && errno == EEXIST)
        result = ::epoll_ctl(m_epoll, op = EPOLL_CTL_MOD, fd, &event);
    if (result != 0) {
        qCWarning(lcDispatcher) << "cannot watch descriptor" << fd << ":" << std::strerror(errno);
        return;
    }
    socket.registered = wanted;
}

void EpollDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                                    QObject *object)
{
    if (timerId < 1 || interval < 0 || !object) {
        qCWarning(lcDispatcher) << "invalid timer" << timerId;
        return;
    }
    unregisterTimer(timerId); // a stale registration must not linger in m_deadlines
    Timer &timer = m_timers[timerId];
    timer.object = object;
    timer.intervalMs = interval;
    timer.type = timerType;
    timer.deadlineNs = nowNs() + interval * kNsPerMs;
    m_deadlines.emplace(timer.deadlineNs, timerId);
}

bool EpollDispatcher::unregisterTimer(int timerId)
{
    const auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return false;
    m_deadlines.erase({it->second.deadlineNs, timerId});
    m_timers.erase(it);
    return true;
}

bool EpollDispatcher::unregisterTimers(QObject *object)
{
    bool any = false;
    for (auto it = m_timers.begin(); it != m_timers.end();) {
        if (it->second.object != object) {
            ++it;
            continue;
        }
        m_deadlines.erase({it->second.deadlineNs, it->first});
        it = m_timers.erase(it);
        any = true;
    }
    return any;
}

QList<QAbstractEventDispatcher::TimerInfo> EpollDispatcher::registeredTimers(QObject *object) const
{
    QList<TimerInfo> list;
    for (const auto &[id, timer] : m_timers) {
        if (timer.object == object)
            list.append(TimerInfo(id, int(timer.intervalMs), timer.type));
    }
    return list;
}

int EpollDispatcher::remainingTime(int timerId)
{
    const auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return -1;
    const qint64 left = it->second.deadlineNs - nowNs();
    return left <= 0 ? 0 : int(qMin<qint64>((left + kNsPerMs - 1) / kNsPerMs, INT_MAX));
}

int EpollDispatcher::timeoutMs(bool canWait) const
{
    if (!canWait)
        return 0;
    if (m_deadlines.empty())
        return -1;
    const qint64 left = m_deadlines.begin()->first - nowNs();
    if (left <= 0)
        return 0;
    // Rounded up: waking a little early would only turn the loop once more.
    return int(qMin<qint64>((left + kNsPerMs - 1) / kNsPerMs, INT_MAX));
}

void EpollDispatcher::schedule(int timerId, Timer &timer, qint64 deadlineNs)
{
    m_deadlines.erase({timer.deadlineNs, timerId});
    timer.deadlineNs = deadlineNs;
    m_deadlines.emplace(deadlineNs, timerId);
}

int EpollDispatcher::activateTimers()
{
    if (m_deadlines.empty())
        return 0;
    const qint64 now = nowNs();
    // The due ones as the turn starts: one started or rescheduled by a
    // handler waits for the next turn.
    std::vector<int> due;
    for (auto it = m_deadlines.begin(); it != m_deadlines.end() && it->first <= now; ++it)
        due.push_back(it->second);

    int fired = 0;
    for (const int id : due) {
        auto it = m_timers.find(id);
        if (it == m_timers.end() || it->second.firing || it->second.deadlineNs > now)
            continue; // killed or restarted by an earlier handler, or in its own
        Timer &timer = it->second;
        const qint64 interval = timer.intervalMs * kNsPerMs;
        qint64 next = now + interval;
        if (timer.type == Qt::PreciseTimer && timer.deadlineNs + interval > now)
            next = timer.deadlineNs + interval; // keeps its phase unless a whole interval late
        schedule(id, timer, next);
        QObject *object = timer.object;
        timer.firing = true;
        QTimerEvent event(id);
        QCoreApplication::sendEvent(object, &event);
        ++fired;
        it = m_timers.find(id); // the handler may have killed it, or started another
        if (it != m_timers.end())
            it->second.firing = false;
    }
    return fired;
}

void EpollDispatcher::wakeUp()
{
    if (m_wakePending.exchange(true, std::memory_order_acq_rel))
        return; // written and not read yet: one wake-up is enough
    const std::uint64_t one = 1;
    [[maybe_unused]] const ssize_t put = ::write(m_wakeFd, &one, sizeof one);
}

void EpollDispatcher::interrupt()
{
    m_interrupted.store(true, std::memory_order_relaxed);
    wakeUp();
}

} // namespace http
