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

#include <atomic>
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
    SocketThread()
    {
        m_host = new QObject;
        mailbox = http::Mailbox::create(m_host); // on the host's thread, before it moves
        outbox = std::make_shared<http::StreamOutbox>(mailbox);
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

// Descriptors this process has open.
int openDescriptors()
{
    return int(QDir(QStringLiteral("/proc/self/fd"))
                   .entryList(QDir::NoDotAndDotDot | QDir::AllEntries)
                   .size());
}

constexpr char firstChunk[] = "{\"first\":true}";

struct Connection
{
    DescriptorServer server;
    QTcpSocket client;
    SocketThread socketThread;
    SocketThread senderThread; // the StreamSender's thread, for a direct stream
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
        const int open = openDescriptors();
        c.channel->endStream();
        QByteArray received;
        QVERIFY(c.readToTheEnd(&received));
        QTRY_COMPARE_WITH_TIMEOUT(openDescriptors(), open - (c.direct ? 1 : 0), 10000);
        QVERIFY(!c.socketThread.serverSawClose);
        QCOMPARE(c.client.state(), QAbstractSocket::ConnectedState);
    }
    {
        Connection c;
        QVERIFY(c.open());
        const int open = openDescriptors();
        c.client.abort(); // its descriptor, then the server's socket and any duplicate
        QTRY_VERIFY_WITH_TIMEOUT(c.closedReported, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(openDescriptors(), open - 2 - (c.direct ? 1 : 0), 10000);
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
