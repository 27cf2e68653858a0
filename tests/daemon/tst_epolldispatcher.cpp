// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// http::EpollDispatcher, the client threads' event loop: what Qt's sockets,
// timers and queued calls rely on from a dispatcher, on a thread that runs it.
// (The whole daemon suite runs its client port on it too.)

#include "EpollDispatcher.h"

#include <QList>
#include <QMutex>
#include <QSemaphore>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>
#include <vector>

#include <sys/socket.h>
#include <unistd.h>

namespace {

constexpr int kWaitMs = 10000;

// A started thread on an EpollDispatcher, with an object living there to run calls on.
class DispatcherThread
{
public:
    DispatcherThread()
    {
        m_thread.setEventDispatcher(new http::EpollDispatcher);
        m_thread.start();
        m_context.moveToThread(&m_thread);
    }
    ~DispatcherThread()
    {
        // What a test left there dies on its own thread (notifiers and timers must).
        if (m_thread.isRunning())
            run([this] { qDeleteAll(m_context.children()); });
        m_thread.quit();
        m_thread.wait();
    }
    // Runs `call` there and waits for it.
    void run(const std::function<void()> &call)
    {
        QMetaObject::invokeMethod(&m_context, call, Qt::BlockingQueuedConnection);
    }
    // Runs `call` there without waiting.
    void post(std::function<void()> call)
    {
        QMetaObject::invokeMethod(&m_context, std::move(call), Qt::QueuedConnection);
    }
    QObject *context() { return &m_context; }
    // Descriptors in the dispatcher's epoll set, read on its thread.
    qsizetype watched()
    {
        qsizetype count = -1;
        run([&] { count = dispatcher()->watchedDescriptors(); });
        return count;
    }
    QThread &thread() { return m_thread; }
    http::EpollDispatcher *dispatcher()
    {
        return qobject_cast<http::EpollDispatcher *>(m_thread.eventDispatcher());
    }

private:
    QThread m_thread;
    QObject m_context;
};

// The order things happened in on the dispatcher's thread.
class Log
{
public:
    void add(const QString &what)
    {
        QMutexLocker lock(&m_mutex);
        m_entries.append(what);
        m_added.release();
    }
    // Waits until `count` entries in all were added.
    bool waitFor(int count)
    {
        if (count > m_waited && !m_added.tryAcquire(count - m_waited, kWaitMs))
            return false;
        m_waited = qMax(m_waited, count);
        return true;
    }
    QStringList entries()
    {
        QMutexLocker lock(&m_mutex);
        return m_entries;
    }

private:
    QMutex m_mutex;
    QStringList m_entries;
    QSemaphore m_added;
    int m_waited = 0;
};

struct SocketPair
{
    int fds[2] = {-1, -1};
    SocketPair() { ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds); }
    ~SocketPair()
    {
        for (int fd : fds) {
            if (fd >= 0)
                ::close(fd);
        }
    }
    void send() { QCOMPARE(::write(fds[1], "x", 1), ssize_t(1)); }
    void drain()
    {
        char buffer[64];
        while (::read(fds[0], buffer, sizeof buffer) > 0) {
        }
    }
};

} // namespace

class tst_EpollDispatcher : public QObject
{
    Q_OBJECT

private slots:
    void isInstalled();
    void postedCallsFromManyThreads();
    void timersFireInDeadlineOrder();
    void timerStoppedInItsHandlerStaysStopped();
    void remainingTimeAndRegisteredTimers();
    void zeroTimerLetsPostedCallsThrough();
    void readNotifierIsLevelTriggeredAndCanBeDisabled();
    void notifierRemovedByAnEarlierOneIsNotActivated();
    void writeNotifierAndHangUp();
    void tcpSocketsComeAndGo();
    void deleteLaterAndQuit();
};

void tst_EpollDispatcher::isInstalled()
{
    DispatcherThread t;
    QVERIFY(t.dispatcher());
    QThread *seen = nullptr;
    t.run([&] { seen = QThread::currentThread(); });
    QCOMPARE(seen, &t.thread());
}

void tst_EpollDispatcher::postedCallsFromManyThreads()
{
    // Every post wakes a thread blocked in epoll_wait: none may be left
    // waiting for an unrelated event (a lost wake-up hangs a client).
    DispatcherThread t;
    constexpr int kPosters = 4;
    constexpr int kEach = 5000;
    QSemaphore done;
    std::atomic<int> ran{0};
    std::vector<std::unique_ptr<QThread>> posters;
    for (int i = 0; i < kPosters; ++i) {
        posters.emplace_back(QThread::create([&] {
            for (int n = 0; n < kEach; ++n) {
                t.post([&] {
                    if (ran.fetch_add(1) + 1 == kPosters * kEach)
                        done.release();
                });
                if (n % 100 == 0)
                    QThread::yieldCurrentThread(); // let the loop block between bursts
            }
        }));
        posters.back()->start();
    }
    for (auto &poster : posters)
        QVERIFY(poster->wait(kWaitMs));
    QVERIFY(done.tryAcquire(1, kWaitMs));
    QCOMPARE(ran.load(), kPosters * kEach);
}

void tst_EpollDispatcher::timersFireInDeadlineOrder()
{
    DispatcherThread t;
    Log log;
    t.run([&] {
        QTimer::singleShot(60, Qt::PreciseTimer, t.context(), [&] { log.add("60"); });
        QTimer::singleShot(5, Qt::PreciseTimer, t.context(), [&] { log.add("5"); });
        QTimer::singleShot(30, Qt::CoarseTimer, t.context(), [&] { log.add("30"); });
    });
    QVERIFY(log.waitFor(3));
    QCOMPARE(log.entries(), QStringList({"5", "30", "60"}));
}

void tst_EpollDispatcher::timerStoppedInItsHandlerStaysStopped()
{
    DispatcherThread t;
    Log log;
    QTimer *timer = nullptr;
    int fired = 0;
    t.run([&] {
        timer = new QTimer(t.context());
        timer->setInterval(2);
        QObject::connect(timer, &QTimer::timeout, t.context(), [&] {
            log.add(QStringLiteral("tick %1").arg(++fired));
            if (fired == 3) {
                timer->stop();
                // Fires well after the next two ticks would have: if it
                // comes last, the stopped timer did not fire again.
                QTimer::singleShot(50, t.context(), [&] { log.add("after"); });
            }
        });
        timer->start();
    });
    QVERIFY(log.waitFor(4));
    QCOMPARE(log.entries(), QStringList({"tick 1", "tick 2", "tick 3", "after"}));
    t.run([&] { delete timer; });
}

void tst_EpollDispatcher::remainingTimeAndRegisteredTimers()
{
    DispatcherThread t;
    int left = 0, leftStopped = 0, id = 0;
    QList<QAbstractEventDispatcher::TimerInfo> listed, listedStopped;
    t.run([&] {
        QTimer timer;
        timer.setInterval(5000);
        timer.setTimerType(Qt::PreciseTimer);
        timer.start();
        id = timer.timerId();
        left = timer.remainingTime();
        listed = t.dispatcher()->registeredTimers(&timer);
        timer.stop();
        leftStopped = timer.remainingTime();
        listedStopped = t.dispatcher()->registeredTimers(&timer);
    });
    QVERIFY2(left > 4000 && left <= 5000, qPrintable(QString::number(left)));
    QCOMPARE(listed.size(), 1);
    QCOMPARE(listed.first().timerId, id);
    QCOMPARE(listed.first().interval, 5000);
    QCOMPARE(listed.first().timerType, Qt::PreciseTimer);
    QCOMPARE(leftStopped, -1);
    QVERIFY(listedStopped.isEmpty());
}

void tst_EpollDispatcher::zeroTimerLetsPostedCallsThrough()
{
    // A zero-interval timer runs on every turn; the loop must still take
    // posted calls and not block (nor spin without delivering them).
    DispatcherThread t;
    std::atomic<int> turns{0};
    QTimer *busy = nullptr;
    t.run([&] {
        busy = new QTimer(t.context());
        busy->setInterval(0);
        QObject::connect(busy, &QTimer::timeout, t.context(), [&] { turns.fetch_add(1); });
        busy->start();
    });
    QSemaphore ran;
    for (int i = 0; i < 100; ++i)
        t.post([&] { ran.release(); });
    QVERIFY(ran.tryAcquire(100, kWaitMs));
    const int before = turns.load();
    t.run([] {});
    t.run([] {});
    QVERIFY(turns.load() > before);
    t.run([&] { delete busy; });
}

void tst_EpollDispatcher::readNotifierIsLevelTriggeredAndCanBeDisabled()
{
    DispatcherThread t;
    SocketPair pair;
    Log log;
    QSocketNotifier *notifier = nullptr;
    int activations = 0;
    t.run([&] {
        notifier = new QSocketNotifier(pair.fds[0], QSocketNotifier::Read, t.context());
        QObject::connect(notifier, &QSocketNotifier::activated, t.context(), [&] {
            ++activations;
            if (activations == 1) {
                // Not read: level-triggered, so it fires again.
                log.add("unread");
                return;
            }
            pair.drain();
            log.add("read");
            notifier->setEnabled(false);
        });
    });
    pair.send();
    QVERIFY(log.waitFor(2));
    QCOMPARE(log.entries(), QStringList({"unread", "read"}));
    QCOMPARE(t.watched(), 0); // disabled: out of the epoll set

    // Disabled, a new byte activates nothing until it is enabled again.
    pair.send();
    t.run([&] { log.add("enabling"); });
    t.run([&] { notifier->setEnabled(true); });
    QVERIFY(log.waitFor(4));
    QCOMPARE(log.entries(), QStringList({"unread", "read", "enabling", "read"}));
    t.run([&] { delete notifier; });
}

void tst_EpollDispatcher::notifierRemovedByAnEarlierOneIsNotActivated()
{
    // Both descriptors are ready in one turn; whichever is activated first
    // deletes the other's notifier, which must then not be activated (a
    // use-after-free under ASan otherwise).
    DispatcherThread t;
    SocketPair a, b;
    a.send();
    b.send();
    Log log;
    t.run([&] {
        auto *first = new QSocketNotifier(a.fds[0], QSocketNotifier::Read, t.context());
        auto *second = new QSocketNotifier(b.fds[0], QSocketNotifier::Read, t.context());
        auto fire = [&log](QSocketNotifier *self, QSocketNotifier *other, SocketPair &pair,
                           const QString &name) {
            pair.drain();
            log.add(name);
            delete other;
            self->setEnabled(false);
        };
        QObject::connect(first, &QSocketNotifier::activated, t.context(),
                         [=, &a] { fire(first, second, a, "a"); });
        QObject::connect(second, &QSocketNotifier::activated, t.context(),
                         [=, &b] { fire(second, first, b, "b"); });
    });
    QVERIFY(log.waitFor(1));
    // A later turn has passed: a second activation would be logged by now.
    t.run([] {});
    t.run([&] { log.add("turn"); });
    QVERIFY(log.waitFor(2));
    QCOMPARE(log.entries().size(), 2);
    QCOMPARE(log.entries().last(), QStringLiteral("turn"));
    QCOMPARE(t.watched(), 0);
}

void tst_EpollDispatcher::writeNotifierAndHangUp()
{
    DispatcherThread t;
    SocketPair pair;
    Log log;
    t.run([&] {
        auto *writable = new QSocketNotifier(pair.fds[0], QSocketNotifier::Write, t.context());
        QObject::connect(writable, &QSocketNotifier::activated, t.context(), [&log, writable] {
            log.add("writable");
            writable->setEnabled(false);
        });
    });
    QVERIFY(log.waitFor(1));
    // The peer goes: a reader is woken (and reads end of file).
    t.run([&] {
        auto *readable = new QSocketNotifier(pair.fds[0], QSocketNotifier::Read, t.context());
        QObject::connect(readable, &QSocketNotifier::activated, t.context(),
                         [&log, &pair, readable] {
                             char byte;
                             log.add(::read(pair.fds[0], &byte, 1) == 0 ? "eof" : "data");
                             readable->setEnabled(false);
                         });
    });
    ::close(pair.fds[1]);
    pair.fds[1] = -1;
    QVERIFY(log.waitFor(2));
    QCOMPARE(log.entries(), QStringList({"writable", "eof"}));
}

void tst_EpollDispatcher::tcpSocketsComeAndGo()
{
    // Qt's sockets on the dispatcher: hundreds of idle connections sit in
    // the epoll set, one of them answers, and all leave it as they close.
    DispatcherThread t;
    QTcpServer *server = nullptr;
    quint16 port = 0;
    std::atomic<int> closed{0};
    t.run([&] {
        server = new QTcpServer(t.context());
        // All the clients may connect before the thread accepts any.
        server->setListenBacklogSize(1024);
        if (server->listen(QHostAddress::LocalHost))
            port = server->serverPort();
        QObject::connect(server, &QTcpServer::newConnection, server, [&] {
            while (QTcpSocket *socket = server->nextPendingConnection()) {
                QObject::connect(socket, &QTcpSocket::readyRead, socket,
                                 [socket] { socket->write(socket->readAll().toUpper()); });
                QObject::connect(socket, &QTcpSocket::disconnected, socket, [socket, &closed] {
                    closed.fetch_add(1);
                    socket->deleteLater();
                });
            }
        });
    });
    QVERIFY(port != 0);
    QCOMPARE(t.watched(), 1); // the listener

    constexpr int kClients = 300;
    std::vector<std::unique_ptr<QTcpSocket>> clients;
    for (int i = 0; i < kClients; ++i) {
        clients.push_back(std::make_unique<QTcpSocket>());
        clients.back()->connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(clients.back()->waitForConnected(kWaitMs));
    }
    QTRY_COMPARE_WITH_TIMEOUT(t.watched(), qsizetype(kClients + 1), kWaitMs);

    QTcpSocket &one = *clients[kClients / 2];
    one.write("ping");
    QVERIFY(one.waitForReadyRead(kWaitMs));
    QCOMPARE(one.readAll(), QByteArray("PING"));

    clients.clear();
    QTRY_COMPARE_WITH_TIMEOUT(closed.load(), kClients, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(t.watched(), qsizetype(1), kWaitMs);
    t.run([&] { delete server; });
    QCOMPARE(t.watched(), 0);
}

void tst_EpollDispatcher::deleteLaterAndQuit()
{
    auto t = std::make_unique<DispatcherThread>();
    QSemaphore destroyed;
    t->run([&] {
        auto *object = new QObject;
        QObject::connect(object, &QObject::destroyed, [&] { destroyed.release(); });
        object->deleteLater();
    });
    QVERIFY(destroyed.tryAcquire(1, kWaitMs));
    // quit() interrupts a thread blocked with nothing to do.
    QThread &thread = t->thread();
    thread.quit();
    QVERIFY(thread.wait(kWaitMs));
}

QTEST_GUILESS_MAIN(tst_EpollDispatcher)
#include "tst_epolldispatcher.moc"
