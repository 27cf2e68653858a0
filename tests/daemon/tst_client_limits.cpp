// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The client port when descriptors run short (issue 12, item 4): a member under an open-file
// limit of 256 survives 300 idle sockets and answers afterwards; the connection cap closes
// what is over it; accept() failing with EMFILE is retried with back-off and logged; the
// descriptor budget keeps its reserve.

#include "DaemonProcess.h"
#include "FdLimit.h"
#include "RawHttpClient.h"
#include "transport/PeerServer.h"

#include <QDir>
#include <QList>
#include <QMutex>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <memory>

#include <sys/resource.h>
#include <unistd.h>

namespace {

QByteArray statusLine(const QByteArray &response)
{
    return response.left(response.indexOf("\r\n"));
}

const QByteArray kHealth = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

// A kept-alive connection that has been served /health, or nullptr if the member closed it.
std::unique_ptr<RawHttpClient> servedConnection(quint16 port)
{
    auto client = std::make_unique<RawHttpClient>(port);
    client->send(kHealth);
    if (statusLine(client->readResponse(2000)) != "HTTP/1.1 200 OK")
        return nullptr;
    return client;
}

// Whether a new connection is served (`served`) or refused within 10 s. Each try opens a
// connection, which counts against the limit until the member has seen it close: asked twice
// in a row, the second try can be refused because of the first. So each try is asked once, and
// the first that gives the answer ends the wait (QTRY_VERIFY asks its expression again after
// it held, and failed on such a refusal).
bool waitUntilServed(const DaemonProcess &member, bool served)
{
    return QTest::qWaitFor(
        [&] { return (servedConnection(member.clientPort()) != nullptr) == served; }, 10000);
}

// Warnings and infos of one logging category, collected from any thread.
class LogCapture
{
public:
    explicit LogCapture(const char *category) : m_category(category)
    {
        s_current = this;
        m_previous = qInstallMessageHandler(handler);
    }
    ~LogCapture()
    {
        qInstallMessageHandler(m_previous);
        s_current = nullptr;
    }
    bool contains(const QString &text) const
    {
        QMutexLocker lock(&m_mutex);
        for (const QString &line : m_lines) {
            if (line.contains(text))
                return true;
        }
        return false;
    }

private:
    static void handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
    {
        LogCapture *self = s_current;
        if (self && context.category && qstrcmp(context.category, self->m_category) == 0) {
            QMutexLocker lock(&self->m_mutex);
            self->m_lines.append(message);
        }
        if (self && self->m_previous)
            self->m_previous(type, context, message);
    }

    static inline LogCapture *s_current = nullptr;
    const char *m_category;
    QtMessageHandler m_previous = nullptr;
    mutable QMutex m_mutex;
    QStringList m_lines;
};

} // namespace

class tst_ClientLimits : public QObject
{
    Q_OBJECT

private slots:
    void connectionBudget_data();
    void connectionBudget();
    void memberSurvivesIdleSocketsUnderLowFdLimit();
    void connectionsOverTheLimitAreClosed();
    void aStreamsSecondDescriptorCountsAgainstTheLimit();
    void acceptBacksOffWhenDescriptorsRunOut();
};

void tst_ClientLimits::connectionBudget_data()
{
    QTest::addColumn<quint64>("softLimit");
    QTest::addColumn<quint64>("flag");
    QTest::addColumn<quint64>("expected");
    QTest::newRow("ulimit 256: reserve 64") << quint64(256) << quint64(0) << quint64(192);
    QTest::newRow("ulimit 1024: reserve an eighth") << quint64(1024) << quint64(0) << quint64(896);
    QTest::newRow("large limit: reserve capped at 1024")
        << quint64(1048576) << quint64(0) << quint64(1048576 - 1024);
    QTest::newRow("flag below the budget wins") << quint64(1024) << quint64(100) << quint64(100);
    QTest::newRow("flag above the budget is cut") << quint64(256) << quint64(1000) << quint64(192);
    QTest::newRow("tiny limit still takes one") << quint64(32) << quint64(0) << quint64(1);
}

void tst_ClientLimits::connectionBudget()
{
    QFETCH(quint64, softLimit);
    QFETCH(quint64, flag);
    QFETCH(quint64, expected);
    QCOMPARE(server::FdLimit::clientConnectionLimit(softLimit, flag), expected);
}

// The audit's experiment: `ulimit -n 256`, 300 idle sockets. A client connected before the
// flood keeps writing meanwhile; with --snapshot-count 1 every write makes the storage open a
// new snapshot file, which failed with EMFILE and ended the member before the fix.
void tst_ClientLimits::memberSurvivesIdleSocketsUnderLowFdLimit()
{
    DaemonProcess member;
    member.setExtraArguments({"--snapshot-count", "1"});
    member.process().setChildProcessModifier([] {
        const rlimit limit{256, 256};
        setrlimit(RLIMIT_NOFILE, &limit);
    });
    QVERIFY2(member.start(), member.output().constData());

    RawHttpClient early(member.clientPort());
    early.send(RawHttpClient::putRequest("early", "0"));
    QCOMPARE(statusLine(early.readResponse()), QByteArray("HTTP/1.1 201 Created"));

    std::vector<std::unique_ptr<QTcpSocket>> idle;
    for (int i = 0; i < 300; ++i) {
        idle.push_back(std::make_unique<QTcpSocket>());
        idle.back()->connectToHost(TestLoopback::address(), member.clientPort());
    }
    // The member has taken what it will take: it has no descriptor left (before the fix), or
    // it closes what is over its connection limit.
    const QDir fds(QStringLiteral("/proc/%1/fd").arg(member.process().processId()));
    QTRY_VERIFY_WITH_TIMEOUT(
        !member.isRunning() ||
            fds.entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot).size() >= 250 ||
            std::any_of(idle.begin(), idle.end(),
                        [](const std::unique_ptr<QTcpSocket> &s) {
                            return s->state() == QAbstractSocket::UnconnectedState;
                        }),
        20000);
    QVERIFY2(member.isRunning(), member.output().right(2000).constData());
    for (int i = 1; i <= 3; ++i) {
        early.send(RawHttpClient::putRequest("early", QByteArray::number(i)));
        QCOMPARE(statusLine(early.readResponse()), QByteArray("HTTP/1.1 200 OK"));
    }
    QVERIFY2(member.isRunning(), member.output().right(2000).constData());

    idle.clear(); // closes them
    RawHttpClient health(member.clientPort());
    health.send(kHealth);
    const QByteArray answer = health.readResponse();
    QCOMPARE(statusLine(answer), QByteArray("HTTP/1.1 200 OK"));
    QVERIFY(answer.endsWith("{\"health\":\"true\"}"));
    RawHttpClient late(member.clientPort());
    late.send(RawHttpClient::putRequest("late", "1"));
    QCOMPARE(statusLine(late.readResponse()), QByteArray("HTTP/1.1 201 Created"));
    QTRY_VERIFY(member.output().contains("at most 192 client connections"));
}

void tst_ClientLimits::connectionsOverTheLimitAreClosed()
{
    DaemonProcess member;
    member.setExtraArguments({"--max-client-connections", "2"});
    QVERIFY2(member.start(), member.output().constData());

    // Kept-alive connections, served one after another until the member closes one: never more
    // than two. (The readiness probe's connections may hold a slot for a moment: retried.)
    std::vector<std::unique_ptr<RawHttpClient>> served;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            auto client = servedConnection(member.clientPort());
            if (client)
                served.push_back(std::move(client));
            return !served.empty();
        }(),
        10000);
    while (served.size() < 5) {
        auto client = servedConnection(member.clientPort());
        if (!client)
            break;
        served.push_back(std::move(client));
    }
    QVERIFY2(served.size() <= 2, QByteArray::number(qsizetype(served.size())).constData());

    // One more while they are open: closed without an answer.
    QTcpSocket third;
    QSignalSpy closed(&third, &QTcpSocket::disconnected);
    third.connectToHost(TestLoopback::address(), member.clientPort());
    QVERIFY(third.waitForConnected(5000));
    third.write(kHealth);
    QVERIFY(closed.wait(10000));
    QCOMPARE(third.readAll(), QByteArray());
    QTRY_VERIFY(member.output().contains("2 client connections open (--max-client-connections)"));

    // Once they go, a new one is served.
    served.clear();
    QVERIFY(waitUntilServed(member, true));
}

// A watch stream written by a StreamSender holds a duplicate of its socket's descriptor
// (SocketChannel, direct mode): it counts against --max-client-connections like a connection, or
// a member full of streams would spend the descriptors its WAL and peers are kept for.
void tst_ClientLimits::aStreamsSecondDescriptorCountsAgainstTheLimit()
{
    DaemonProcess member;
    member.setExtraArguments({"--max-client-connections", "3"});
    QVERIFY2(member.start(), member.output().constData());

    RawHttpClient watcher(member.clientPort());
    watcher.send("GET /v2/keys/s?wait=true&recursive=true&stream=true HTTP/1.1\r\n"
                 "Host: 127.0.0.1\r\n\r\n");
    QVERIFY(watcher.readUntil([](const QByteArray &b) { return b.contains("\r\n\r\n"); }));
    QCOMPARE(statusLine(watcher.buffer), QByteArray("HTTP/1.1 200 OK"));
    RawHttpClient writer(member.clientPort());
    writer.send(RawHttpClient::putRequest("s/a", "0"));
    QCOMPARE(statusLine(writer.readResponse()), QByteArray("HTTP/1.1 201 Created"));
    QVERIFY(watcher.readUntil([](const QByteArray &b) { return b.contains("\"value\":\"0\""); }));
    // Two connections and, the stream going on after its first event, a duplicate: the limit.
    writer.send(RawHttpClient::putRequest("s/a", "1"));
    QCOMPARE(statusLine(writer.readResponse()), QByteArray("HTTP/1.1 200 OK"));
    QVERIFY(watcher.readUntil([](const QByteArray &b) { return b.contains("\"value\":\"1\""); }));
    QVERIFY(waitUntilServed(member, false));
    QTRY_VERIFY(member.output().contains("3 client connections open (--max-client-connections)"));

    // The stream still gets every event, and once the watcher goes, both descriptors are back.
    writer.send(RawHttpClient::putRequest("s/a", "2"));
    QCOMPARE(statusLine(writer.readResponse()), QByteArray("HTTP/1.1 200 OK"));
    QVERIFY(watcher.readUntil([](const QByteArray &b) { return b.contains("\"value\":\"2\""); }));
    watcher.socket.abort();
    QVERIFY(waitUntilServed(member, true));
}

// In process: the peer port's listener (the client port uses the same AcceptLoop) while this
// process has no descriptor left. Qt 6.4.2 retried accept() at once, without end and without
// a word; the loop logs, backs off, and accepts once descriptors are back.
void tst_ClientLimits::acceptBacksOffWhenDescriptorsRunOut()
{
    LogCapture log("qetcd.transport");
    transport::PeerServer server(std::nullopt);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    QSignalSpy accepted(&server, &QTcpServer::newConnection);

    rlimit saved{};
    QCOMPARE(getrlimit(RLIMIT_NOFILE, &saved), 0);
    const rlimit lowered{std::min<rlim_t>(saved.rlim_cur, 512), saved.rlim_max};
    QCOMPARE(setrlimit(RLIMIT_NOFILE, &lowered), 0);
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, server.serverPort());
    QVERIFY(client.waitForConnected(5000)); // in the listen backlog, not yet accepted
    QList<int> filler;
    for (int fd = ::dup(0); fd >= 0; fd = ::dup(0))
        filler.append(fd);
    const bool warned =
        QTest::qWaitFor([&] { return log.contains("cannot accept peer connections"); }, 5000);
    const qsizetype acceptedWhileFull = accepted.size();
    for (int fd : std::as_const(filler))
        ::close(fd);
    setrlimit(RLIMIT_NOFILE, &saved);

    QVERIFY2(warned, "no warning while accept() failed for lack of descriptors");
    QCOMPARE(acceptedWhileFull, qsizetype(0));
    QTRY_COMPARE_WITH_TIMEOUT(accepted.size(), 1, 5000);
    QVERIFY(log.contains("accepting peer connections again after"));
    QTcpSocket *socket = server.nextPendingConnection();
    QVERIFY(socket);
}

QTEST_GUILESS_MAIN(tst_ClientLimits)
#include "tst_client_limits.moc"
