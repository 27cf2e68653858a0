// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Bulk payloads streamed from files and spooled to files: BulkSpooler on its own (ordering,
// limits, no partial file left), PeerNetwork's default sendBulk, and PeerTransport on loopback
// with payloads several times larger than maxMessageBytes (arrival intact with a chunk of sender
// memory, refusal without a spool directory, files cut short, maxBulkBytes, an unusable spool
// directory), and over TLS to a reader that takes its bytes slowly (the sender's unsent bytes,
// encrypted ones included, stay bounded). Only loopback addresses and ephemeral ports
// (TransportTestUtil.h).
#include "TlsTestUtil.h"
#include "TransportTestUtil.h"
#include "transport/BulkSpooler.h"
#include "transport/Chunk.h"
#include "transport/Frame.h"
#include "transport/PeerNetwork.h"
#include "transport/PeerTransport.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <algorithm>
#include <csignal>

#include <sys/resource.h>

using namespace transport;

namespace {

constexpr qint64 kMiB = 1024 * 1024;

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(seed);
    generator.fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
    for (qsizetype i = size / 4 * 4; i < size; ++i)
        bytes[i] = char(generator.bounded(256));
    return bytes;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files | QDir::Hidden);
}

Chunk chunk(quint64 total, quint64 offset, const QByteArray &data)
{
    Chunk c;
    c.lane = 1;
    c.total = total;
    c.offset = offset;
    c.data = data;
    return c;
}

// A PeerNetwork that records what reaches send(): for the default sendBulk().
class RecordingNetwork : public PeerNetwork
{
public:
    QList<QPair<QByteArray, Priority>> sent;

    void addPeer(quint64 id, const QList<QUrl> &) override { m_peers.append(id); }
    void updatePeer(quint64, const QList<QUrl> &) override {}
    void removePeer(quint64 id) override { m_peers.removeAll(id); }
    bool hasPeer(quint64 id) const override { return m_peers.contains(id); }
    QList<quint64> peers() const override { return m_peers; }
    SendResult send(quint64 to, const QByteArray &payload, Priority priority) override
    {
        if (!hasPeer(to))
            return SendResult::UnknownPeer;
        sent.append({payload, priority});
        return SendResult::Queued;
    }
    PeerStats stats(quint64 id) const override
    {
        PeerStats s;
        s.id = id;
        return s;
    }
    TrafficStats trafficStats() const override { return {}; }
    void resetPeerStats() override {}

private:
    QList<quint64> m_peers;
};

// A TCP relay on loopback to one member's peer port, whose forwarding from the dialer to the
// member can be held back: a reader that takes its bytes only as fast as the test lets it. The
// way back (handshake answers, pongs, acknowledgements) always flows. One connection at a time.
class Relay : public QObject
{
public:
    explicit Relay(quint16 targetPort) : m_targetPort(targetPort)
    {
        if (!m_server.listen(loopbackAddress()))
            qFatal("relay cannot listen: %s", qPrintable(m_server.errorString()));
        connect(&m_server, &QTcpServer::newConnection, this, &Relay::accept);
    }
    quint16 port() const { return m_server.serverPort(); }

    // From now on only `bytes` more go forward, in all (until allow() is called again).
    void limit() { m_budget = 0; }
    void allow(qint64 bytes)
    {
        m_budget = bytes < 0 ? -1 : (m_budget < 0 ? 0 : m_budget) + bytes;
        forward();
    }
    void allowAll() { allow(-1); }

private:
    void accept()
    {
        m_in.reset(m_server.nextPendingConnection());
        // Unread bytes stay in the kernel, so the dialer's connection fills up as with a slow
        // reader.
        m_in->setReadBufferSize(64 * 1024);
        m_out = std::make_unique<QTcpSocket>();
        connect(m_in.get(), &QTcpSocket::readyRead, this, &Relay::forward);
        connect(m_out.get(), &QTcpSocket::readyRead, this,
                [this] { m_in->write(m_out->readAll()); });
        m_out->connectToHost(loopbackAddress(), m_targetPort); // writes wait for the connection
    }
    void forward()
    {
        if (!m_in || !m_out)
            return;
        qint64 n = m_in->bytesAvailable();
        if (m_budget >= 0) {
            n = std::min(n, m_budget);
            m_budget -= n;
        }
        if (n > 0)
            m_out->write(m_in->read(n));
    }

    const quint16 m_targetPort;
    QTcpServer m_server;
    std::unique_ptr<QTcpSocket> m_in, m_out;
    qint64 m_budget = -1; // bytes that may still go forward; -1 = no limit
};

// Introduces a (member 1) and b (member 2) to each other; true once a has connected to b.
bool meetAndConnect(Member &a, Member &b)
{
    QSignalSpy connected(a.transport.get(), &PeerTransport::peerConnected);
    meet(a, 1, b, 2);
    return connected.wait(kWaitMs);
}

} // namespace

class tst_BulkSpool : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void spoolerWritesInOrderAndRenamesWhenComplete();
    void spoolerRefusesBadOrderWithoutLeavingAFile_data();
    void spoolerRefusesBadOrderWithoutLeavingAFile();
    void spoolerAbandonRemovesThePartialFile();
    void spoolerHonoursMaxBytes();
    void defaultSendBulkReadsTheFile();
    void spooledBulkArrivesIntact();
    void withoutSpoolDirLargeBulkIsRefused();
    void fileCutShortMidwayLeavesNothing();
    void missingFileFailsOnlyItsPayload();
    void maxBulkBytesClosesTheConnection();
    void unusableSpoolDirFailsThePayload();
    void fullDiskFailsThePayloadAndLeavesNothing();
    void tlsSenderHoldsBackForASlowReader();

private:
    TransportOptions senderOptions() const;
    TransportOptions spoolingOptions() const;
    QString spoolDir() const { return m_dir->filePath(QStringLiteral("spool")); }
    QString sourceFile(const QByteArray &bytes, const QString &name = QStringLiteral("snap"));

    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_BulkSpool::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

TransportOptions tst_BulkSpool::senderOptions() const
{
    TransportOptions options = fastOptions();
    options.maxMessageBytes = kMiB; // the payloads below are several times larger
    return options;
}

TransportOptions tst_BulkSpool::spoolingOptions() const
{
    TransportOptions options = senderOptions();
    options.bulkSpoolDir = spoolDir(); // not there yet: created on the first chunk
    return options;
}

QString tst_BulkSpool::sourceFile(const QByteArray &bytes, const QString &name)
{
    const QString path = m_dir->filePath(name);
    if (!writeFile(path, bytes))
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void tst_BulkSpool::spoolerWritesInOrderAndRenamesWhenComplete()
{
    BulkSpooler spooler(spoolDir(), 0, QStringLiteral("bulk-2"));
    const QByteArray payload = randomBytes(1000, 1);
    QCOMPARE(spooler.add(chunk(1000, 0, payload.left(400))), BulkSpooler::Result::Incomplete);
    QVERIFY(spooler.inProgress());
    const QStringList partial = filesIn(spoolDir());
    QCOMPARE(partial.size(), 1);
    QVERIFY2(partial.first().startsWith("bulk-2-") && partial.first().endsWith(".part"),
             qPrintable(partial.first()));
    QCOMPARE(spooler.add(chunk(1000, 400, payload.mid(400))), BulkSpooler::Result::Complete);
    QVERIFY(!spooler.inProgress());
    const QString first = spooler.takePath();
    QVERIFY2(first.endsWith(".bulk"), qPrintable(first));
    QCOMPARE(readFile(first), payload);

    // The next payload gets a file of its own.
    QCOMPARE(spooler.add(chunk(3, 0, "abc")), BulkSpooler::Result::Complete);
    const QString second = spooler.takePath();
    QVERIFY(second != first);
    QCOMPARE(readFile(second), QByteArray("abc"));
    QCOMPARE(filesIn(spoolDir()).size(), 2); // the receiver removes them, not the spooler
}

void tst_BulkSpool::spoolerRefusesBadOrderWithoutLeavingAFile_data()
{
    QTest::addColumn<QList<Chunk>>("chunks");
    QTest::newRow("no start") << QList<Chunk>{chunk(10, 5, "abcde")};
    QTest::newRow("zero total") << QList<Chunk>{chunk(0, 0, "a")};
    QTest::newRow("gap") << QList<Chunk>{chunk(10, 0, "abc"), chunk(10, 4, "def")};
    QTest::newRow("overlap") << QList<Chunk>{chunk(10, 0, "abc"), chunk(10, 2, "def")};
    QTest::newRow("other total") << QList<Chunk>{chunk(10, 0, "abc"), chunk(11, 3, "def")};
    QTest::newRow("past the end") << QList<Chunk>{chunk(4, 0, "abc"), chunk(4, 3, "de")};
    QTest::newRow("empty") << QList<Chunk>{chunk(4, 0, "abc"), chunk(4, 3, "")};
}

void tst_BulkSpool::spoolerRefusesBadOrderWithoutLeavingAFile()
{
    QFETCH(QList<Chunk>, chunks);
    BulkSpooler spooler(spoolDir(), 0, QStringLiteral("bulk-2"));
    for (qsizetype i = 0; i + 1 < chunks.size(); ++i)
        QCOMPARE(spooler.add(chunks.at(i)), BulkSpooler::Result::Incomplete);
    QCOMPARE(spooler.add(chunks.last()), BulkSpooler::Result::Error);
    QVERIFY(!spooler.error().isEmpty());
    QVERIFY(!spooler.inProgress());
    QCOMPARE(filesIn(spoolDir()), QStringList());
    // Usable again from a fresh start.
    QCOMPARE(spooler.add(chunk(2, 0, "ok")), BulkSpooler::Result::Complete);
    QCOMPARE(readFile(spooler.takePath()), QByteArray("ok"));
}

void tst_BulkSpool::spoolerAbandonRemovesThePartialFile()
{
    {
        BulkSpooler spooler(spoolDir(), 0, QStringLiteral("bulk-2"));
        QCOMPARE(spooler.add(chunk(10, 0, "abc")), BulkSpooler::Result::Incomplete);
        QCOMPARE(filesIn(spoolDir()).size(), 1);
        spooler.abandon();
        QCOMPARE(filesIn(spoolDir()), QStringList());
        QVERIFY(!spooler.inProgress());
        QCOMPARE(spooler.add(chunk(10, 0, "abc")), BulkSpooler::Result::Incomplete);
    } // destroyed mid-payload
    QCOMPARE(filesIn(spoolDir()), QStringList());
}

void tst_BulkSpool::spoolerHonoursMaxBytes()
{
    BulkSpooler spooler(spoolDir(), 5, QStringLiteral("bulk-2"));
    QCOMPARE(spooler.add(chunk(6, 0, "abc")), BulkSpooler::Result::Error);
    QVERIFY2(spooler.error().contains("exceeds the limit"), qPrintable(spooler.error()));
    QCOMPARE(filesIn(spoolDir()), QStringList());
    QCOMPARE(spooler.add(chunk(5, 0, "abcde")), BulkSpooler::Result::Complete);
    QCOMPARE(readFile(spooler.takePath()), QByteArray("abcde"));
}

void tst_BulkSpool::defaultSendBulkReadsTheFile()
{
    RecordingNetwork network;
    network.addPeer(2, {});
    QSignalSpy finished(&network, &PeerNetwork::bulkSendFinished);
    const QByteArray bytes = randomBytes(5000, 2);
    const QString path = sourceFile(bytes);
    QCOMPARE(network.sendBulk(2, {"head", path, 100, 4000}), SendResult::Queued);
    QCOMPARE(network.sendBulk(2, {"only a head", {}, 0, 0}), SendResult::Queued);
    QCOMPARE(network.sent.size(), 2);
    QCOMPARE(network.sent.at(0).first, "head" + bytes.mid(100, 4000));
    QCOMPARE(network.sent.at(0).second, Priority::Bulk);
    QCOMPARE(network.sent.at(1).first, QByteArray("only a head"));
    QCOMPARE(network.sent.at(1).second, Priority::Bulk);
    QCOMPARE(network.sendBulk(3, {"head", path, 0, 10}), SendResult::UnknownPeer);

    // Unreadable or shorter than announced: Invalid, failure reported from the event loop.
    QCOMPARE(network.sendBulk(2, {"head", m_dir->filePath("missing"), 0, 10}), SendResult::Invalid);
    QCOMPARE(network.sendBulk(2, {"head", path, 4000, 1001}), SendResult::Invalid);
    QCOMPARE(finished.count(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kWaitMs);
    for (const QList<QVariant> &signal : std::as_const(finished)) {
        QCOMPARE(signal.at(0).toULongLong(), 2ull);
        QCOMPARE(signal.at(1).toBool(), false);
    }
    QCOMPARE(network.sent.size(), 2);
}

void tst_BulkSpool::spooledBulkArrivesIntact()
{
    Member a(1, kCluster, senderOptions()), b(2, kCluster, spoolingOptions());
    QVERIFY(meetAndConnect(a, b));
    QSignalSpy finished(a.transport.get(), &PeerTransport::bulkSendFinished);
    QSignalSpy received(b.transport.get(), &PeerTransport::bulkReceived);

    const QByteArray file = randomBytes(5 * kMiB + 77, 3);
    const QByteArray head = randomBytes(1000, 4);
    const qint64 offset = 77, length = 5 * kMiB;
    QCOMPARE(a.transport->sendBulk(2, {head, sourceFile(file), offset, length}),
             SendResult::Queued);
    // The queue holds the head, never the file: sampled all along the transfer.
    qsizetype mostQueued = 0;
    QVERIFY(QTest::qWaitFor(
        [&] {
            mostQueued = std::max(mostQueued, a.transport->stats(2).queuedBytes);
            return finished.count() == 1 && received.count() == 1;
        },
        kWaitMs));
    QVERIFY2(mostQueued <= head.size(), qPrintable(QString::number(mostQueued)));
    QCOMPARE(a.transport->stats(2).queuedBytes, 0);
    QCOMPARE(finished.first().at(0).toULongLong(), 2ull);
    QCOMPARE(finished.first().at(1).toBool(), true);

    QCOMPARE(received.first().at(0).toULongLong(), 1ull);
    const QString path = received.first().at(1).toString();
    QCOMPARE(QFileInfo(path).absolutePath(), QFileInfo(spoolDir()).absoluteFilePath());
    QCOMPARE(QFileInfo(path).size(), head.size() + length);
    QVERIFY(readFile(path) == head + file.mid(offset, length));
    QCOMPARE(filesIn(spoolDir()), QStringList{QFileInfo(path).fileName()}); // no .part left
    QVERIFY(b.received.isEmpty()); // not through messageReceived
    QCOMPARE(b.transport->stats(1).receivedBytes, quint64(head.size() + length));

    // In-memory Bulk payloads take the spool too, and Normal traffic is untouched.
    QCOMPARE(a.transport->send(2, "small snapshot", Priority::Bulk), SendResult::Queued);
    QCOMPARE(a.transport->send(2, "heartbeat"), SendResult::Queued);
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 2, kWaitMs);
    QCOMPARE(readFile(received.at(1).at(1).toString()), QByteArray("small snapshot"));
    QTRY_COMPARE_WITH_TIMEOUT(b.from(1), QList<QByteArray>{"heartbeat"}, kWaitMs);
}

void tst_BulkSpool::withoutSpoolDirLargeBulkIsRefused()
{
    Member a(1, kCluster, senderOptions()), b(2, kCluster, senderOptions());
    meet(a, 1, b, 2);
    QSignalSpy finished(a.transport.get(), &PeerTransport::bulkSendFinished);
    const QString path = sourceFile(randomBytes(2 * kMiB, 5));
    QCOMPARE(a.transport->sendBulk(2, {{}, path, 0, 2 * kMiB}), SendResult::Queued);
    // The receiver closes at the first chunk; the payload restarts once on the next
    // connection, is refused again, and fails.
    QVERIFY(finished.wait(kWaitMs));
    QCOMPARE(finished.first().at(1).toBool(), false);
    QCOMPARE(a.transport->stats(2).queuedMessages, 0);
    QVERIFY(b.received.isEmpty());

    // What fits still goes through, in memory as before.
    const QByteArray fits = randomBytes(kMiB, 6);
    QCOMPARE(a.transport->sendBulk(2, {{}, sourceFile(fits, "fits"), 0, kMiB}), SendResult::Queued);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kWaitMs);
    QCOMPARE(finished.at(1).at(1).toBool(), true);
    QCOMPARE(b.from(1), QList<QByteArray>{fits});
}

void tst_BulkSpool::fileCutShortMidwayLeavesNothing()
{
    Member a(1, kCluster, senderOptions()), b(2, kCluster, spoolingOptions());
    QSignalSpy connected(a.transport.get(), &PeerTransport::peerConnected);
    QSignalSpy disconnected(a.transport.get(), &PeerTransport::peerDisconnected);
    meet(a, 1, b, 2);
    QVERIFY(connected.wait(kWaitMs));
    QSignalSpy finished(a.transport.get(), &PeerTransport::bulkSendFinished);
    QSignalSpy received(b.transport.get(), &PeerTransport::bulkReceived);

    const QString path = sourceFile(randomBytes(5 * kMiB, 7));
    QCOMPARE(a.transport->sendBulk(2, {{}, path, 0, 5 * kMiB}), SendResult::Queued);
    // sendBulk() cut the first frames up to the write high-water mark (1 MiB); the rest is
    // read as the socket drains, and the file now ends before it.
    QVERIFY(QFile::resize(path, 2 * kMiB));
    QVERIFY(finished.wait(kWaitMs));
    QCOMPARE(finished.first().at(1).toBool(), false);
    // The receiver holds part of it: the sender drops the connection so that it lets go.
    QVERIFY(disconnected.count() > 0 || disconnected.wait(kWaitMs));

    // A later payload on the next connection arrives alone; the cut one left no file.
    QCOMPARE(a.transport->send(2, "next snapshot", Priority::Bulk), SendResult::Queued);
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, kWaitMs);
    const QString next = received.first().at(1).toString();
    QCOMPARE(readFile(next), QByteArray("next snapshot"));
    QVERIFY(QFile::remove(next));
    QTRY_COMPARE_WITH_TIMEOUT(filesIn(spoolDir()), QStringList(), kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kWaitMs);
    QCOMPARE(finished.at(1).at(1).toBool(), true);
}

void tst_BulkSpool::missingFileFailsOnlyItsPayload()
{
    Member a(1, kCluster, senderOptions()), b(2, kCluster, spoolingOptions());
    QSignalSpy connected(a.transport.get(), &PeerTransport::peerConnected);
    QSignalSpy disconnected(a.transport.get(), &PeerTransport::peerDisconnected);
    meet(a, 1, b, 2);
    QVERIFY(connected.wait(kWaitMs));
    QSignalSpy finished(a.transport.get(), &PeerTransport::bulkSendFinished);
    QSignalSpy received(b.transport.get(), &PeerTransport::bulkReceived);

    const QString gone = sourceFile(randomBytes(kMiB, 8), "gone");
    QVERIFY(QFile::remove(gone)); // removed before its first frame was cut
    QCOMPARE(a.transport->sendBulk(2, {"head", gone, 0, kMiB}), SendResult::Queued);
    const QString shorter = sourceFile(randomBytes(kMiB, 9), "shorter");
    QCOMPARE(a.transport->sendBulk(2, {"head", shorter, 1, kMiB}), SendResult::Queued);
    QCOMPARE(a.transport->sendBulk(2, {"head", shorter, 1, kMiB - 1}), SendResult::Queued);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, kWaitMs);
    QList<bool> outcomes;
    for (const QList<QVariant> &signal : std::as_const(finished))
        outcomes.append(signal.at(1).toBool());
    std::sort(outcomes.begin(), outcomes.end());
    QCOMPARE(outcomes, (QList<bool>{false, false, true}));
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, kWaitMs);
    QCOMPARE(readFile(received.first().at(1).toString()),
             "head" + readFile(shorter).mid(1, kMiB - 1));
    QCOMPARE(filesIn(spoolDir()).size(), 1); // the good one only
    QCOMPARE(disconnected.count(), 0);       // nothing of the failed ones was written
}

void tst_BulkSpool::maxBulkBytesClosesTheConnection()
{
    TransportOptions options = spoolingOptions();
    options.maxBulkBytes = 2 * kMiB;
    Member a(1, kCluster, senderOptions()), b(2, kCluster, options);
    meet(a, 1, b, 2);
    QSignalSpy finished(a.transport.get(), &PeerTransport::bulkSendFinished);
    QSignalSpy received(b.transport.get(), &PeerTransport::bulkReceived);
    const QByteArray bytes = randomBytes(2 * kMiB + 1, 10);
    const QString path = sourceFile(bytes);
    QCOMPARE(a.transport->sendBulk(2, {{}, path, 0, 2 * kMiB + 1}), SendResult::Queued);
    QVERIFY(finished.wait(kWaitMs));
    QCOMPARE(finished.first().at(1).toBool(), false);
    QCOMPARE(received.count(), 0);
    QCOMPARE(filesIn(spoolDir()), QStringList());

    // At the limit: accepted.
    QCOMPARE(a.transport->sendBulk(2, {{}, path, 1, 2 * kMiB}), SendResult::Queued);
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, kWaitMs);
    QVERIFY(readFile(received.first().at(1).toString()) == bytes.mid(1));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kWaitMs);
    QCOMPARE(finished.at(1).at(1).toBool(), true);
}

void tst_BulkSpool::unusableSpoolDirFailsThePayload()
{
    TransportOptions options = spoolingOptions();
    const QString notADir = sourceFile("a file", "not-a-dir");
    options.bulkSpoolDir = notADir + QStringLiteral("/spool");
    Member a(1, kCluster, senderOptions()), b(2, kCluster, options);
    meet(a, 1, b, 2);
    QSignalSpy finished(a.transport.get(), &PeerTransport::bulkSendFinished);
    QSignalSpy received(b.transport.get(), &PeerTransport::bulkReceived);
    QCOMPARE(a.transport->send(2, "snapshot", Priority::Bulk), SendResult::Queued);
    QVERIFY(finished.wait(kWaitMs));
    QCOMPARE(finished.first().at(1).toBool(), false);
    QCOMPARE(received.count(), 0);
    QCOMPARE(readFile(notADir), QByteArray("a file"));
}

// The receiver's disk fills up part-way through a spool. Standing in for a full disk, the
// process's file size limit (RLIMIT_FSIZE, with SIGXFSZ ignored) makes the spool's writes past
// 1 MiB fail, as ENOSPC would (with EFBIG). The receiver drops the connection and its partial
// file, the sender's payload fails after its one restart, and once there is room again the same
// payload arrives whole.
void tst_BulkSpool::fullDiskFailsThePayloadAndLeavesNothing()
{
    const QByteArray bytes = randomBytes(3 * kMiB, 9);
    const QString path = sourceFile(bytes); // written before the limit
    Member a(1, kCluster, senderOptions()), b(2, kCluster, spoolingOptions());
    QVERIFY(meetAndConnect(a, b));
    QSignalSpy finished(a.transport.get(), &PeerTransport::bulkSendFinished);
    QSignalSpy received(b.transport.get(), &PeerTransport::bulkReceived);

    struct rlimit room = {};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &room), 0);
    struct rlimit full = room;
    full.rlim_cur = kMiB;
    const auto handler = std::signal(SIGXFSZ, SIG_IGN);
    {
        const auto restore = qScopeGuard([&] {
            setrlimit(RLIMIT_FSIZE, &room);
            std::signal(SIGXFSZ, handler);
        });
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &full), 0);
        QCOMPARE(a.transport->sendBulk(2, {{}, path, 0, 3 * kMiB}), SendResult::Queued);
        QVERIFY(finished.wait(kWaitMs));
    }
    QCOMPARE(finished.first().at(1).toBool(), false);
    QCOMPARE(received.count(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(filesIn(spoolDir()), QStringList(), kWaitMs);

    // Room again: the same payload arrives whole, and alone.
    QCOMPARE(a.transport->sendBulk(2, {{}, path, 0, 3 * kMiB}), SendResult::Queued);
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, kWaitMs);
    const QString spooled = received.first().at(1).toString();
    QVERIFY(readFile(spooled) == bytes);
    QCOMPARE(filesIn(spoolDir()), QStringList{QFileInfo(spooled).fileName()});
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, kWaitMs);
    QCOMPARE(finished.at(1).at(1).toBool(), true);
}

// Over TLS, Qt reports bytes written once they are encrypted into the connection's own buffer,
// not once the kernel took them. A sender that fed its socket on that signal alone poured the
// whole file into that buffer when the reader was slow. The reader here (a relay) lets bytes
// through only while the sender already holds its write bound; the file is much larger than
// what the kernel buffers on the way hold.
void tst_BulkSpool::tlsSenderHoldsBackForASlowReader()
{
    const auto tls = [](TransportOptions options) {
        const TransportOptions member = tlsMemberOptions(
            certificate("server.crt"), certificate("server.key"), certificate("ca.crt"));
        options.tls = member.tls;
        // Pings queue behind the file's bytes at the reader's pace: not a dead peer.
        options.pingTimeoutMs = 10 * kWaitMs;
        return options;
    };
    Member a(1, kCluster, tls(senderOptions())), b(2, kCluster, tls(spoolingOptions()));
    Relay relay(b.port);
    QSignalSpy connected(a.transport.get(), &PeerTransport::peerConnected);
    a.transport->addPeer(2, {loopbackUrl(relay.port(), QStringLiteral("https"))});
    b.transport->addPeer(1, {a.url()});
    QVERIFY(connected.wait(kWaitMs));
    QSignalSpy finished(a.transport.get(), &PeerTransport::bulkSendFinished);
    QSignalSpy received(b.transport.get(), &PeerTransport::bulkReceived);

    const qint64 length = 48 * kMiB;
    const QByteArray file = randomBytes(length, 11);
    relay.limit();
    QCOMPARE(a.transport->sendBulk(2, {{}, sourceFile(file), 0, length}), SendResult::Queued);
    const qint64 bound = senderOptions().writeHighWaterBytes;
    qint64 mostUnsent = 0;
    QTimer reader; // every loop turn
    QObject::connect(&reader, &QTimer::timeout, [&] {
        const PeerStats s = a.transport->stats(2);
        mostUnsent = std::max(mostUnsent, s.unsentBytes);
        if (s.sentMessages > 0)
            relay.allowAll(); // all of it handed to the socket: let the rest through
        else if (s.unsentBytes >= bound)
            relay.allow(kMaxFrameBody); // the sender is holding back: let a little through
    });
    reader.start(0);
    QTRY_COMPARE_WITH_TIMEOUT(received.count(), 1, 4 * kWaitMs);
    reader.stop();
    // At most the bound plus the frame written last, and TLS's framing of it.
    QVERIFY2(mostUnsent <= bound + kMaxFrameBody + 64 * 1024,
             qPrintable(QStringLiteral("%1 bytes unsent at once").arg(mostUnsent)));
    QVERIFY(readFile(received.first().at(1).toString()) == file);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kWaitMs);
    QCOMPARE(finished.first().at(1).toBool(), true);
}

QTEST_GUILESS_MAIN(tst_BulkSpool)
#include "tst_bulkspool.moc"
