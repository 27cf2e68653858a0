// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The bound on a watch stream's backlog (issue 13, item 5): chunks posted from the member's
// thread toward a client's socket thread count against the client's 16 MiB backlog limit even
// while that thread has not run them yet, so a socket thread that falls behind cannot let posted
// chunks pile up without bound; a reader that keeps up is never cut off. Each holds for a stream
// written by its socket's thread and for one written by a StreamSender's thread straight to the
// socket ("direct", issue 15 target 6), which also gives its descriptor back when done. And
// http::Connection's own writes: an answer the kernel takes only in part still arrives whole,
// and before the next one.

#include "Connection.h"
#include "Mailbox.h"
#include "SocketChannel.h"
#include "StreamOutbox.h"
#include "api/EncodedEvent.h"

#include <QDir>
#include <QSemaphore>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QtEndian>

#include <dlfcn.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <future>
#include <memory>

namespace {

// Accepts one connection and hands its descriptor out instead of making a socket here: the
// socket is made on the "socket thread" the test controls.
class DescriptorServer : public QTcpServer
{
public:
    qintptr descriptor = -1;

protected:
    void incomingConnection(qintptr handle) override { descriptor = handle; }
};

// The server side of one connection, living on its own thread as a client connection does in
// the daemon, with a way to block that thread's event loop.
class SocketThread
{
public:
    // `idleSender`: the thread stands for a StreamSender's (it is not given SCHED_IDLE here).
    explicit SocketThread(bool idleSender = false)
    {
        m_host = new QObject;
        mailbox = http::Mailbox::create(m_host); // on the host's thread, before it moves
        outbox = std::make_shared<http::StreamOutbox>(mailbox, idleSender);
        m_host->moveToThread(&m_thread);
        m_thread.start();
    }
    ~SocketThread()
    {
        m_gate.release(1000); // never leave the thread blocked
        runOnThread([this] { delete m_socket; });
        mailbox->close();
        outbox->close();
        // The host (and the mailbox's receiver, its child) goes with the thread's last events.
        QObject::connect(&m_thread, &QThread::finished, m_host, &QObject::deleteLater);
        m_thread.quit();
        m_thread.wait();
    }

    // Makes the socket (and its Connection) for `descriptor` on the thread.
    void adopt(qintptr descriptor)
    {
        runOnThread([this, descriptor] {
            m_socket = new QTcpSocket;
            m_socket->setSocketDescriptor(descriptor);
            connection = new http::Connection(m_socket, 1 << 20, 0);
            QObject::connect(m_socket, &QTcpSocket::disconnected, m_socket,
                             [this] { serverSawClose = true; });
        });
    }
    QTcpSocket *socket() const { return m_socket; }

    // Blocks the thread's event loop until unblock(): posted calls wait, as behind a busy thread.
    void block()
    {
        mailbox->post([this] { m_gate.acquire(); });
    }
    void unblock() { m_gate.release(); }

    std::shared_ptr<http::Mailbox> mailbox;
    std::shared_ptr<http::StreamOutbox> outbox;
    http::Connection *connection = nullptr;
    std::atomic<bool> serverSawClose{false};

private:
    // Runs `f` on the thread and waits for it. Through the mailbox and a promise rather than a
    // BlockingQueuedConnection, so ThreadSanitizer sees every hand-over (see MailboxReceiver).
    void runOnThread(std::function<void()> f)
    {
        std::promise<void> done;
        std::future<void> finished = done.get_future();
        QVERIFY(mailbox->post([&] {
            f();
            done.set_value();
        }));
        finished.wait();
    }

    QThread m_thread;
    QObject *m_host = nullptr;
    QTcpSocket *m_socket = nullptr;
    QSemaphore m_gate;
};

// What the descriptor refers to now ("socket:[inode]"), from /proc.
QByteArray identityOf(qintptr descriptor)
{
    char target[128];
    const QByteArray link = "/proc/self/fd/" + QByteArray::number(descriptor);
    const ssize_t n = ::readlink(link.constData(), target, sizeof target);
    return n > 0 ? QByteArray(target, int(n)) : QByteArray();
}

// How many of this process's descriptors refer to `identity` (a socket and its duplicates).
// Counted by what they refer to, not by number: other threads of the process (Qt's, the
// sanitizers') open and close descriptors of their own meanwhile.
int descriptorsOf(const QByteArray &identity)
{
    int n = 0;
    for (const QString &fd :
         QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::NoDotAndDotDot | QDir::AllEntries))
        n += identityOf(fd.toLongLong()) == identity ? 1 : 0;
    return n;
}

// A StreamSender's thread held inside send(), as a SCHED_IDLE thread preempted there is on a
// busy machine: it holds its direct stream's lock meanwhile. This executable's send() comes
// before the C library's for every caller in the process (the http library is linked in
// statically); it passes every call through, except that, once armed, the first call on the
// armed thread waits until released.
std::atomic<Qt::HANDLE> holdSendOf{nullptr};
QSemaphore sendHeld;    // the armed thread is inside send()
QSemaphore sendRelease; // it may go on

constexpr char firstChunk[] = "{\"first\":true}";

struct Connection
{
    DescriptorServer server;
    QTcpSocket client;
    SocketThread socketThread;
    SocketThread senderThread{true}; // the StreamSender's thread, for a direct stream
    bool direct = false;
    QObject apiHost; // the api (member) thread is the test's own
    std::shared_ptr<http::Mailbox> apiThread = http::Mailbox::create(&apiHost);
    std::shared_ptr<http::SocketChannel> channel;
    bool closedReported = false;

    // Opens a stream and sends it a first chunk; a direct one is then written by the sender.
    bool open()
    {
        QFETCH_GLOBAL(bool, directStream);
        direct = directStream;
        if (!server.listen(QHostAddress::LocalHost, 0))
            return false;
        client.connectToHost(QHostAddress::LocalHost, server.serverPort());
        if (!QTest::qWaitFor([&] { return server.descriptor != -1; }, 5000))
            return false;
        socketThread.adopt(server.descriptor);
        channel = std::make_shared<http::SocketChannel>(
            socketThread.socket(), socketThread.connection, socketThread.mailbox,
            socketThread.outbox, apiThread, false, false, false, api::HttpHeaders{},
            direct ? senderThread.outbox : nullptr);
        channel->onClosed([this] { closedReported = true; });
        api::HttpResponse head;
        head.status = 200;
        channel->beginStream(head);
        channel->writeChunk(firstChunk);
        if (!QTest::qWaitFor([&] { return channel->backlogBytes() == 0; }, 5000))
            return false;
        return !direct || QTest::qWaitFor([&] { return channel->sendsDirect(); }, 5000);
    }
    // Reads what the client gets until the chunked body's last chunk.
    bool readToTheEnd(QByteArray *received)
    {
        return QTest::qWaitFor(
            [&] {
                *received += client.readAll();
                return received->endsWith("\r\n0\r\n\r\n");
            },
            10000);
    }

    ~Connection() { apiThread->close(); } // a failed check may leave callbacks on their way here

    // Blocks every thread that may write the stream's events: the socket's, and the sender's for a
    // direct stream (whose socket thread takes over a stream that falls behind).
    void blockWriters()
    {
        socketThread.block();
        if (direct)
            senderThread.block();
    }
    void unblockWriters()
    {
        socketThread.unblock();
        if (direct)
            senderThread.unblock();
    }
};

} // namespace

extern "C" ssize_t send(int fd, const void *data, size_t size, int flags)
{
    using Send = ssize_t (*)(int, const void *, size_t, int);
    static const auto next = reinterpret_cast<Send>(dlsym(RTLD_NEXT, "send"));
    Qt::HANDLE armed = QThread::currentThreadId();
    if (holdSendOf.compare_exchange_strong(armed, nullptr)) {
        sendHeld.release();
        sendRelease.acquire();
    }
    return next(fd, data, size, flags);
}

class TestSocketChannel : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void postedChunksCountAgainstTheBound();
    void aReaderThatKeepsUpIsNeverCut();
    void aStreamBehindItsThreadGetsEveryPieceInOrder();
    void aWatchOwningItsChannelIsFreedOnceTheApiHasStopped();
    void aDirectStreamGivesItsDescriptorBack();
    void aDirectStreamBehindIsSentByItsSocketThread();
    void nothingWaitsForASenderPreemptedWithTheLock();
    void anAnswerTheKernelTakesInPartArrivesWholeBeforeTheNext();
};

void TestSocketChannel::initTestCase_data()
{
    QTest::addColumn<bool>("directStream");
    QTest::newRow("socket thread") << false;
    QTest::newRow("sender thread") << true;
}

void TestSocketChannel::postedChunksCountAgainstTheBound()
{
    Connection c;
    QVERIFY(c.open());
    c.blockWriters();

    // 40 MiB of events for a client whose thread runs nothing meanwhile: what is posted must
    // stay within the bound, and the stream is closed once it would pass it.
    const QByteArray event(1024 * 1024, 'e');
    int accepted = 0;
    for (int i = 0; i < 40 && c.channel->isOpen(); ++i) {
        c.channel->writeChunk(event);
        if (c.channel->isOpen())
            ++accepted;
    }
    QVERIFY2(!c.channel->isOpen(), "a stream kept taking events its thread could not send");
    QVERIFY(c.channel->backlogBytes() <= http::SocketChannel::maxBacklogBytes);
    QVERIFY(accepted <= int(http::SocketChannel::maxBacklogBytes / event.size()));

    // Once the thread runs again, the connection is aborted and the api hears of it (the watch
    // is removed through onClosed, as for any client that leaves).
    c.unblockWriters();
    QTRY_VERIFY_WITH_TIMEOUT(c.closedReported, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(c.client.state() == QAbstractSocket::UnconnectedState, 10000);
}

void TestSocketChannel::aReaderThatKeepsUpIsNeverCut()
{
    Connection c;
    QVERIFY(c.open());
    // The reader stops reading for a while: Qt takes at most 64 KiB off the kernel for it.
    c.client.setReadBufferSize(64 * 1024);
    const QByteArray event(1024 * 1024, 'e');
    for (int i = 0; i < 12; ++i) {
        c.channel->writeChunk(event);
        QVERIFY2(c.channel->isOpen(), qPrintable(QStringLiteral("cut off at MiB %1").arg(i)));
    }
    QTRY_VERIFY_WITH_TIMEOUT(c.channel->backlogBytes() > 4 * event.size(), 10000);

    // It catches up. With no further event, the backlog must be seen to come down (the socket
    // thread follows its buffer draining), or the next events would count stale bytes.
    qint64 received = 0;
    QObject::connect(&c.client, &QTcpSocket::readyRead, &c.client,
                     [&] { received += c.client.readAll().size(); });
    c.client.setReadBufferSize(0);
    received += c.client.readAll().size();
    QTRY_VERIFY_WITH_TIMEOUT(c.channel->backlogBytes() < event.size(), 10000);

    // And it is not cut off by the next 12 MiB, which would pass the bound on top of stale bytes.
    for (int i = 0; i < 12; ++i) {
        c.channel->writeChunk(event);
        QVERIFY2(c.channel->isOpen(), qPrintable(QStringLiteral("cut off at MiB %1").arg(12 + i)));
    }
    QTRY_VERIFY_WITH_TIMEOUT(received >= 24 * event.size(), 20000);
    QVERIFY(!c.closedReported);
    QVERIFY(!c.socketThread.serverSawClose);
}

// A stream whose socket thread is busy (here: blocked) while events keep coming gets them all,
// in order, then the error chunk and the end of the body, once the thread runs again: the
// outbox sends a stream's pieces together, and nothing of them may be lost, reordered or
// written after the last chunk.
void TestSocketChannel::aStreamBehindItsThreadGetsEveryPieceInOrder()
{
    Connection c;
    QVERIFY(c.open());
    c.blockWriters();
    constexpr int events = 300;
    for (int i = 1; i <= events; ++i) {
        store::Event event;
        event.action = store::Action::Set;
        event.node.key = QStringLiteral("/k%1").arg(i);
        event.node.value = QStringLiteral("v%1").arg(i).toUtf8();
        event.node.modifiedIndex = event.node.createdIndex = quint64(i);
        event.etcdIndex = quint64(i);
        c.channel->writeEvent(std::make_shared<const api::EncodedEvent>(event));
    }
    c.channel->writeChunk(QByteArrayLiteral("{\"errorCode\":401}"));
    c.channel->endStream();
    QVERIFY(c.channel->backlogBytes() > 0);
    c.unblockWriters();

    QByteArray received;
    QVERIFY(c.readToTheEnd(&received));
    const qsizetype bodyFrom = received.indexOf("\r\n\r\n");
    QVERIFY(received.startsWith("HTTP/1.1 200"));
    QVERIFY(bodyFrom > 0);

    // Unframe the chunked body.
    QList<QByteArray> chunks;
    qsizetype at = bodyFrom + 4;
    for (;;) {
        const qsizetype lineEnd = received.indexOf("\r\n", at);
        QVERIFY(lineEnd > at);
        bool ok = false;
        const qsizetype size = received.mid(at, lineEnd - at).toLongLong(&ok, 16);
        QVERIFY(ok);
        if (size == 0)
            break;
        chunks.append(received.mid(lineEnd + 2, size));
        at = lineEnd + 2 + size + 2;
    }
    QCOMPARE(at + 5, received.size()); // "0\r\n\r\n" ends it, nothing after
    QCOMPARE(chunks.size(), events + 2);
    QCOMPARE(chunks.first(), QByteArray(firstChunk));
    for (int i = 1; i <= events; ++i) {
        const QByteArray &chunk = chunks[i];
        QVERIFY2(chunk.contains(QStringLiteral("\"key\":\"/k%1\"").arg(i).toUtf8()),
                 chunk.constData());
        QVERIFY2(chunk.contains(QStringLiteral("\"modifiedIndex\":%1,").arg(i).toUtf8()),
                 chunk.constData());
    }
    QCOMPARE(chunks.last(), QByteArrayLiteral("{\"errorCode\":401}"));
    QTRY_COMPARE_WITH_TIMEOUT(c.channel->backlogBytes(), qint64(0), 10000);
    QVERIFY(!c.socketThread.serverSawClose);
}

// A watch stream and its channel own each other through the channel's onClosed callback (the
// watch keeps the channel to write events to; the callback keeps the watch to cancel it). When the
// daemon stops with a watch open, the api's mailbox is closed before the client threads end, so
// the callback can no longer run: the channel must drop it, or both are never freed (a leak
// LeakSanitizer caught at a daemon's exit with a client watching).
void TestSocketChannel::aWatchOwningItsChannelIsFreedOnceTheApiHasStopped()
{
    Connection c;
    QVERIFY(c.open());
    struct Watch
    {
        std::shared_ptr<http::SocketChannel> channel;
    };
    auto watch = std::make_shared<Watch>();
    watch->channel = c.channel;
    std::weak_ptr<Watch> watchAlive = watch;
    bool ran = false;
    c.channel->onClosed([watch, &ran] { ran = true; });
    watch.reset();
    c.channel.reset();
    QVERIFY(!watchAlive.expired()); // only the cycle holds it now

    c.apiThread->close(); // the daemon stops: the api runs nothing more
    c.client.abort();
    QTRY_VERIFY_WITH_TIMEOUT(c.socketThread.serverSawClose, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(watchAlive.expired(), 10000);
    QVERIFY(!ran);
}

// A direct stream holds a second descriptor of its socket while the sender writes it, and gives it
// back when the stream ends (the connection stays for the client's next request) and when the
// client leaves, or a member with thousands of watch streams would run out of descriptors.
void TestSocketChannel::aDirectStreamGivesItsDescriptorBack()
{
    {
        Connection c;
        QVERIFY(c.open());
        const QByteArray server = identityOf(c.server.descriptor);
        QVERIFY(server.startsWith("socket:"));
        QCOMPARE(descriptorsOf(server), c.direct ? 2 : 1); // the socket's, and the sender's
        c.channel->endStream();
        QByteArray received;
        QVERIFY(c.readToTheEnd(&received));
        QTRY_COMPARE_WITH_TIMEOUT(descriptorsOf(server), 1, 10000);
        QVERIFY(!c.socketThread.serverSawClose);
        QCOMPARE(c.client.state(), QAbstractSocket::ConnectedState);
    }
    {
        Connection c;
        QVERIFY(c.open());
        const QByteArray server = identityOf(c.server.descriptor);
        QCOMPARE(descriptorsOf(server), c.direct ? 2 : 1);
        c.client.abort(); // its descriptor, then the server's socket and any duplicate
        QTRY_VERIFY_WITH_TIMEOUT(c.closedReported, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(descriptorsOf(server), 0, 10000);
    }
}

// The sender runs at the lowest priority and may get no processor for as long as a load keeps
// them all busy. A direct stream that falls urgentBacklogBytes behind is then sent by its
// socket's thread as well until it has caught up, instead of falling to the bound and being cut.
void TestSocketChannel::aDirectStreamBehindIsSentByItsSocketThread()
{
    Connection c;
    QVERIFY(c.open());
    if (c.direct)
        c.senderThread.block(); // a sender that gets no processor
    qint64 received = c.client.readAll().size();
    QObject::connect(&c.client, &QTcpSocket::readyRead, &c.client,
                     [&] { received += c.client.readAll().size(); });
    const QByteArray event(256 * 1024, 'e');
    const int events = int(3 * http::SocketChannel::urgentBacklogBytes / event.size());
    for (int i = 0; i < events; ++i) {
        c.channel->writeChunk(event);
        QVERIFY2(c.channel->isOpen(), qPrintable(QStringLiteral("cut off at event %1").arg(i)));
        // Paced like a reader that keeps up, so only a stream no thread sends can pass the bound.
        QTRY_VERIFY_WITH_TIMEOUT(
            c.channel->backlogBytes() < 2 * http::SocketChannel::urgentBacklogBytes, 10000);
    }
    // All of it but what is left for the sender (less than urgentBacklogBytes) arrives while the
    // sender gets no processor; the rest once it runs.
    const qint64 total = qint64(events) * event.size();
    QTRY_VERIFY_WITH_TIMEOUT(received >= total - http::SocketChannel::urgentBacklogBytes, 10000);
    if (c.direct)
        c.senderThread.unblock();
    QTRY_VERIFY_WITH_TIMEOUT(received >= total, 10000);
    QVERIFY(!c.closedReported);
}

// On a busy machine the sender, at SCHED_IDLE, may be preempted while it holds a direct stream's
// lock and get no processor again for a second or more (session 35 measured client threads
// waiting up to 1 s for it). Nothing else may wait for it: the stream's socket thread, which
// serves other connections, goes on running its calls; the api thread (the member's own) cuts
// the stream at its bound at once; the client sees the connection end although the sender still
// holds a duplicate of its descriptor; and the sender gives the duplicate back once it runs.
void TestSocketChannel::nothingWaitsForASenderPreemptedWithTheLock()
{
    using namespace std::chrono_literals;
    Connection c;
    QVERIFY(c.open());
    if (!c.direct)
        QSKIP("only a direct stream has a sender");
    const QByteArray server = identityOf(c.server.descriptor);
    QCOMPARE(descriptorsOf(server), 2); // the socket's, and the sender's duplicate
    std::promise<Qt::HANDLE> senderId;
    QVERIFY(c.senderThread.mailbox->post([&] { senderId.set_value(QThread::currentThreadId()); }));
    holdSendOf.store(senderId.get_future().get());
    const QByteArray event(256 * 1024, 'e');
    c.channel->writeChunk(event); // the sender takes it, and is held in send() with the lock
    QVERIFY(sendHeld.tryAcquire(1, 5000));
    bool released = false;
    auto release = [&] {
        if (!std::exchange(released, true))
            sendRelease.release();
    };
    // The api's calls come from a thread of the test's, so that a wait shows as a timeout, not
    // a hang. Declared before the release below, so that a failed check lets the sender go
    // before it waits for those calls to end.
    std::future<void> apiCalls;
    // Also on a failed check: a held thread would never stop.
    const std::shared_ptr<void> releaseAtEnd(nullptr, [&](void *) { release(); });

    // Past urgentBacklogBytes the socket's thread sends too, and finds the lock held.
    auto writeSome = [&](int events) {
        apiCalls = std::async(std::launch::async, [&, events] {
            for (int i = 0; i < events && c.channel->isOpen(); ++i)
                c.channel->writeChunk(event);
        });
        return apiCalls.wait_for(10s) == std::future_status::ready;
    };
    const int urgent = int(2 * http::SocketChannel::urgentBacklogBytes / event.size());
    QVERIFY(writeSome(urgent));
    std::promise<void> ran;
    QVERIFY(c.socketThread.mailbox->post([&] { ran.set_value(); }));
    QVERIFY2(ran.get_future().wait_for(5s) == std::future_status::ready,
             "the socket's thread waits for the sender");

    // On to the bound: the stream is cut, and the client sees its connection end.
    const int toTheBound = int(http::SocketChannel::maxBacklogBytes / event.size()) + 1;
    QVERIFY2(writeSome(toTheBound), "the api thread waits for the sender");
    QVERIFY(!c.channel->isOpen());
    QTRY_VERIFY_WITH_TIMEOUT(c.client.state() == QAbstractSocket::UnconnectedState, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(c.closedReported, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(c.socketThread.serverSawClose, 5000);

    QCOMPARE(descriptorsOf(server), 1); // the socket's is closed; the held sender's is not
    // The sender runs again: its send fails on the shut-down connection, and it lets go of the
    // duplicate.
    release();
    QTRY_COMPARE_WITH_TIMEOUT(descriptorsOf(server), 0, 5000);
}

// http::Connection writes an answer straight to the kernel when Qt holds nothing unsent for the
// socket, and gives Qt what the kernel does not take. An answer larger than the kernel's buffers,
// written while the client reads nothing, must still arrive whole; and the answer written after
// it, once the client has made room in the kernel but before Qt could send the rest, must follow
// that rest, not slip into the kernel ahead of it.
void TestSocketChannel::anAnswerTheKernelTakesInPartArrivesWholeBeforeTheNext()
{
    DescriptorServer server;
    QTcpSocket client;
    SocketThread socketThread;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QVERIFY(QTest::qWaitFor([&] { return server.descriptor != -1; }, 5000));
    socketThread.adopt(server.descriptor);

    // 8 MiB, more than the kernel buffers for a reader that reads nothing (4 MiB at most on the
    // sending side); every 4-byte word differs, so a misplaced piece shows.
    QByteArray large(8 * 1024 * 1024, Qt::Uninitialized);
    for (qsizetype i = 0; i < large.size(); i += 4)
        qToBigEndian(quint32(i / 4), large.data() + i);
    const QByteArray next = QByteArrayLiteral("the next answer");
    std::promise<qint64> written;
    std::future<qint64> heldByQt = written.get_future();
    QVERIFY(socketThread.mailbox->post([&] {
        socketThread.connection->writeAnswer(large, true, false);
        written.set_value(socketThread.socket()->bytesToWrite());
    }));
    // The thread then writes nothing more (Qt does not get to send its part) until the next
    // answer has been written.
    socketThread.block();
    QVERIFY(socketThread.mailbox->post(
        [&] { socketThread.connection->writeAnswer(next, true, false); }));
    QVERIFY2(heldByQt.get() > 0,
             "the kernel took the whole answer at once: nothing was left for Qt to send");

    QByteArray received;
    QVERIFY(QTest::qWaitFor(
        [&] {
            received += client.readAll();
            return received.size() >= 1024 * 1024; // room in the kernel again
        },
        10000));
    socketThread.unblock();
    QVERIFY(QTest::qWaitFor(
        [&] {
            received += client.readAll();
            return received.size() >= large.size() + next.size();
        },
        20000));
    QCOMPARE(received.size(), large.size() + next.size());
    QVERIFY(received.startsWith(large));
    QVERIFY(received.endsWith(next));
}

QTEST_GUILESS_MAIN(TestSocketChannel)
#include "tst_socketchannel.moc"
