// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// PeerTransport over real loopback sockets: delivery and order, chunked payloads, the
// handshake's refusals, bounded queues while a peer is down and recovery after it comes
// back, hostile bytes on the listener, latency probes, cluster discovery, removal.
// Only loopback addresses and ephemeral ports (TransportTestUtil.h).
#include "RawFrame.h"
#include "TransportTestUtil.h"
#include "transport/Chunk.h"
#include "transport/Frame.h"
#include "transport/FrameReader.h"
#include "transport/Hello.h"
#include "transport/HelloAck.h"
#include "transport/PeerTransport.h"

#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QtEndian>
#include <QtTest>

#include <functional>
#include <memory>

using namespace transport;

namespace {

QByteArray randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    QRandomGenerator generator(size);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char(generator.bounded(256));
    return bytes;
}

// A scripted listener standing in for a misbehaving member: it answers the dialer's
// Hello with `onHello` and, once `closeAfterBytes` bytes after the Hello have arrived,
// closes the connection. With `echoPings` it answers Pings as a listener built before
// Pongs carried a clock did: the 8-byte sequence echoed.
class FakeListener : public QObject
{
public:
    QByteArray onHello;
    qsizetype closeAfterBytes = -1;
    bool echoPings = false;
    int connections = 0;

    FakeListener()
    {
        if (!m_server.listen(loopbackAddress(), 0)) // where loopbackUrl() points
            qFatal("cannot listen");
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                ++connections;
                auto received = std::make_shared<QByteArray>();
                auto parsed = std::make_shared<qsizetype>(kFrameHeaderSize + 24);
                connect(socket, &QTcpSocket::readyRead, socket, [=] {
                    const qsizetype helloSize = kFrameHeaderSize + 24;
                    const bool first = received->size() < helloSize;
                    received->append(socket->readAll());
                    if (first && received->size() >= helloSize)
                        socket->write(onHello);
                    while (echoPings && received->size() - *parsed >= kFrameHeaderSize) {
                        const char *header = received->constData() + *parsed;
                        const qsizetype length = qFromBigEndian<quint32>(header + 2);
                        if (received->size() - *parsed < kFrameHeaderSize + length)
                            break;
                        if (FrameType(header[1]) == FrameType::Ping)
                            socket->write(
                                Frame::encode(FrameType::Pong,
                                              received->mid(*parsed + kFrameHeaderSize, length)));
                        *parsed += kFrameHeaderSize + length;
                    }
                    if (closeAfterBytes >= 0 && received->size() >= helloSize + closeAfterBytes)
                        socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }
    QUrl url() const { return loopbackUrl(m_server.serverPort()); }

private:
    QTcpServer m_server;
};

QByteArray helloAck(HelloStatus status, quint64 cluster)
{
    return Frame::encode(FrameType::HelloAck, HelloAck{status, cluster}.encode());
}

} // namespace

class tst_PeerTransport : public QObject
{
    Q_OBJECT

private slots:
    void twoMembersExchangeInOrder();
    void threeMembersExchangeInOrder();
    void largePayloadsArriveIntact();
    void bulkPayloadsAreAcknowledged();
    void bulkPayloadLostWithItsConnectionIsReportedFailed();
    void hostileListenerCannotCrashTheDialer_data();
    void hostileListenerCannotCrashTheDialer();
    void refusedHandshakeDeliversNothing_data();
    void refusedHandshakeDeliversNothing();
    void clusterIdLearnedLater();
    void downPeerQueueIsBoundedAndDrainsOnReconnect();
    void tooLargeAndUnknownPeerAreRefused();
    void hostileBytesCloseOnlyThatConnection_data();
    void hostileBytesCloseOnlyThatConnection();
    void silentConnectionTimesOut();
    void silentEstablishedConnectionIsClosed();
    void handshakeBacklogIsBounded();
    void unansweredPingsFailAndDropTheConnection();
    void updatePeerRedirectsTraffic();
    void latencyProbesCollectSamples();
    void pongsCarryTheListenersClock();
    void listenerAnswersOldAndNewPings();
    void listenerWithoutClockKeepsTheConnection();
    void trafficCountersAddUp();
    void disconnectIsReported();
    void fetchClusterInfo();
    void fetchClusterInfoFailures();
    void removePeerStopsTraffic();
    void listenRejectsBadUrls_data();
    void listenRejectsBadUrls();
};

void tst_PeerTransport::twoMembersExchangeInOrder()
{
    Member a(1, kCluster), b(2, kCluster);
    QSignalSpy aConnected(a.transport.get(), &PeerTransport::peerConnected);
    meet(a, 1, b, 2);
    QList<QByteArray> toB, toA;
    for (int i = 0; i < 200; ++i) {
        toB.append(QByteArray("a->b ") + QByteArray::number(i));
        toA.append(QByteArray("b->a ") + QByteArray::number(i));
        QCOMPARE(a.transport->send(2, toB.last()), SendResult::Queued);
        QCOMPARE(b.transport->send(1, toA.last()), SendResult::Queued);
    }
    QTRY_COMPARE_WITH_TIMEOUT(b.received.size(), 200, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(a.received.size(), 200, kWaitMs);
    QCOMPARE(b.from(1), toB);
    QCOMPARE(a.from(2), toA);
    QCOMPARE(aConnected.count(), 1);
    QCOMPARE(aConnected.first().first().toULongLong(), 2ull);
    QVERIFY(a.transport->isConnected(2));
}

void tst_PeerTransport::threeMembersExchangeInOrder()
{
    Member m1(1, kCluster), m2(2, kCluster), m3(3, kCluster);
    Member *members[] = {&m1, &m2, &m3};
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
            if (i != j)
                members[i]->transport->addPeer(quint64(j + 1), {members[j]->url()});
    for (int n = 0; n < 50; ++n)
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j)
                if (i != j)
                    members[i]->transport->send(quint64(j + 1), QByteArray::number(i + 1) + ">" +
                                                                    QByteArray::number(n));
    for (Member *m : members)
        QTRY_COMPARE_WITH_TIMEOUT(m->received.size(), 100, kWaitMs);
    for (int j = 0; j < 3; ++j) {
        for (int i = 0; i < 3; ++i) {
            if (i == j)
                continue;
            QList<QByteArray> expected;
            for (int n = 0; n < 50; ++n)
                expected.append(QByteArray::number(i + 1) + ">" + QByteArray::number(n));
            QCOMPARE(members[j]->from(quint64(i + 1)), expected);
        }
    }
    QCOMPARE(m1.transport->peers(), (QList<quint64>{2, 3}));
}

void tst_PeerTransport::largePayloadsArriveIntact()
{
    Member a(1, kCluster), b(2, kCluster);
    meet(a, 1, b, 2);
    const QByteArray snapshot = randomBytes(5 * 1024 * 1024 + 17);
    const QByteArray bigEntry = randomBytes(kChunkSize + 1);
    QCOMPARE(a.transport->send(2, snapshot, Priority::Bulk), SendResult::Queued);
    QCOMPARE(a.transport->send(2, "heartbeat"), SendResult::Queued);
    QCOMPARE(a.transport->send(2, bigEntry), SendResult::Queued);
    QCOMPARE(a.transport->send(2, snapshot), SendResult::Queued); // chunked in the Normal lane
    QTRY_COMPARE_WITH_TIMEOUT(b.received.size(), 4, kWaitMs);
    const QList<QByteArray> got = b.from(1);
    // The Normal lane keeps its order; the Bulk snapshot may overtake or trail it.
    QList<QByteArray> normal = got;
    QVERIFY(normal.removeOne(snapshot)); // one of the two identical snapshots
    QCOMPARE(normal, (QList<QByteArray>{"heartbeat", bigEntry, snapshot}));
    QCOMPARE(a.transport->stats(2).queuedMessages, 0);
}

void tst_PeerTransport::bulkPayloadsAreAcknowledged()
{
    TransportOptions options = fastOptions();
    options.maxMessageBytes = 1000;
    Member a(1, kCluster, options), b(2, kCluster);
    meet(a, 1, b, 2);
    QSignalSpy finished(a.transport.get(), &PeerTransport::bulkSendFinished);
    QCOMPARE(a.transport->send(2, "snapshot 1", Priority::Bulk), SendResult::Queued);
    QCOMPARE(a.transport->send(2, "snapshot 2", Priority::Bulk), SendResult::Queued);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("dropping messages for peer 2"));
    QCOMPARE(a.transport->send(2, QByteArray(1001, 's'), Priority::Bulk), SendResult::TooLarge);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 3, kWaitMs);
    QList<bool> outcomes;
    for (const QList<QVariant> &signal : finished) {
        QCOMPARE(signal.at(0).toULongLong(), 2ull);
        outcomes.append(signal.at(1).toBool());
    }
    std::sort(outcomes.begin(), outcomes.end());
    QCOMPARE(outcomes, (QList<bool>{false, true, true}));
    QCOMPARE(b.from(1), (QList<QByteArray>{"snapshot 1", "snapshot 2"}));
}

void tst_PeerTransport::bulkPayloadLostWithItsConnectionIsReportedFailed()
{
    // The listener accepts, swallows the whole snapshot, and hangs up without BulkAck.
    FakeListener fake;
    fake.onHello = helloAck(HelloStatus::Accepted, kCluster);
    const QByteArray snapshot(100, 's');
    fake.closeAfterBytes = kFrameHeaderSize + Chunk::kHeaderSize + snapshot.size();
    PeerTransport a(1, kCluster);
    a.setOptions(fastOptions());
    QSignalSpy finished(&a, &PeerTransport::bulkSendFinished);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("lost connection to peer 2"));
    a.addPeer(2, {fake.url()});
    a.send(2, snapshot, Priority::Bulk);
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, kWaitMs);
    QCOMPARE(finished.first().at(1).toBool(), false);
    QCOMPARE(a.stats(2).queuedMessages, 0); // Raft decides whether to send a new one
}

void tst_PeerTransport::hostileListenerCannotCrashTheDialer_data()
{
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<QString>("log");
    QTest::newRow("garbage") << randomBytes(1000) << "bad frame";
    QTest::newRow("huge frame") << rawFrameHeader(1, 2, 0xFFFFFFF0u) << "exceeds the limit";
    QTest::newRow("malformed HelloAck")
        << Frame::encode(FrameType::HelloAck, "xyz") << "malformed HelloAck";
    QTest::newRow("Pong before HelloAck")
        << Frame::encode(FrameType::Pong, Frame::encodeSequence(1)) << "unexpected Pong";
    QTest::newRow("BulkAck for nothing")
        << helloAck(HelloStatus::Accepted, kCluster) + Frame::encode(FrameType::BulkAck)
        << "unexpected BulkAck";
    QTest::newRow("payload towards the dialer")
        << helloAck(HelloStatus::Accepted, kCluster) + Frame::encode(FrameType::Message, "hi")
        << "unexpected Message";
}

void tst_PeerTransport::hostileListenerCannotCrashTheDialer()
{
    QFETCH(QByteArray, answer);
    QFETCH(QString, log);
    FakeListener fake;
    fake.onHello = answer;
    PeerTransport a(1, kCluster);
    a.setOptions(fastOptions());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(log));
    a.addPeer(2, {fake.url()});
    a.send(2, "m");
    // It gives up on that connection, counts the failure and keeps redialing.
    QTRY_VERIFY_WITH_TIMEOUT(fake.connections >= 2, kWaitMs);
    QVERIFY(a.stats(2).fail >= 1);
}

void tst_PeerTransport::refusedHandshakeDeliversNothing_data()
{
    QTest::addColumn<quint64>("dialerCluster");
    QTest::addColumn<quint64>("targetIdAsDialed");
    QTest::addColumn<bool>("listenerKnowsDialer");
    QTest::addColumn<int>("logLevel");
    QTest::addColumn<QString>("log");
    QTest::addColumn<int>("reason"); // RefusalReason: what the listener counts
    QTest::newRow("other cluster") << quint64(0xbad) << quint64(2) << true << int(QtCriticalMsg)
                                   << "refused member 1 .*: it belongs to cluster bad but this "
                                      "member belongs to cluster c1"
                                   << int(RefusalReason::OtherCluster);
    QTest::newRow("wrong member at that URL")
        << kCluster << quint64(9) << true << int(QtWarningMsg)
        << "member 1 .* wants member 9 but this is 2" << int(RefusalReason::WrongMember);
    QTest::newRow("dialer not a member of the listener's cluster")
        << kCluster << quint64(2) << false << int(QtWarningMsg)
        << "member 1 .* not a member of this cluster" << int(RefusalReason::NotAMember);
}

void tst_PeerTransport::refusedHandshakeDeliversNothing()
{
    QFETCH(quint64, dialerCluster);
    QFETCH(quint64, targetIdAsDialed);
    QFETCH(bool, listenerKnowsDialer);
    QFETCH(int, logLevel);
    QFETCH(QString, log);
    QFETCH(int, reason);

    Member a(1, dialerCluster), b(2, kCluster);
    if (listenerKnowsDialer)
        b.transport->addPeer(1, {}); // known, but b does not dial it
    // The listener says why, naming both cluster ids when they differ...
    QTest::ignoreMessage(QtMsgType(logLevel), QRegularExpression(log));
    // ...and so does the refused dialer.
    if (dialerCluster != kCluster)
        QTest::ignoreMessage(QtCriticalMsg,
                             QRegularExpression("peer 2 .* belongs to cluster c1 but this "
                                                "member \\(1\\) belongs to cluster bad"));
    else
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression("cannot reach peer .*refused"));

    QSignalSpy unreachable(a.transport.get(), &PeerTransport::peerUnreachable);
    a.transport->addPeer(targetIdAsDialed, {b.url()});
    a.transport->send(targetIdAsDialed, "must not arrive");
    QTRY_VERIFY_WITH_TIMEOUT(a.transport->stats(targetIdAsDialed).fail >= 2, kWaitMs);
    QVERIFY(unreachable.count() >= 1);
    QCOMPARE(unreachable.first().first().toULongLong(), targetIdAsDialed);
    QVERIFY(!a.transport->isConnected(targetIdAsDialed));
    QCOMPARE(a.transport->stats(targetIdAsDialed).queuedMessages, 1); // never written
    QVERIFY(b.received.isEmpty());
    // The listener counted each refusal under its reason (/metrics), the first and a redial.
    QVERIFY2(refusedOnlyFor(*b.transport, RefusalReason(reason), 2),
             qPrintable(QStringLiteral("%1 refusals").arg(refusalsInAll(*b.transport))));
    QCOMPARE(refusalsInAll(*a.transport), 0u);
}

void tst_PeerTransport::clusterIdLearnedLater()
{
    Member a(1, 0), b(2, kCluster);
    meet(a, 1, b, 2);
    QCOMPARE(a.transport->send(2, "queued while the cluster id is unknown"), SendResult::Queued);
    // A marker: member 3 dials b after a's send, and its message arrives; a, had it dialed,
    // would have been connected by then.
    Member c(3, kCluster);
    meet(c, 3, b, 2);
    c.transport->send(2, "marker");
    QTRY_COMPARE_WITH_TIMEOUT(b.from(3).size(), 1, kWaitMs);
    QVERIFY(!a.transport->isConnected(2));
    QVERIFY(b.from(1).isEmpty());
    a.transport->setClusterId(kCluster);
    QTRY_COMPARE_WITH_TIMEOUT(b.from(1).size(), 1, kWaitMs);
    QCOMPARE(b.from(1).first(), QByteArray("queued while the cluster id is unknown"));
}

void tst_PeerTransport::downPeerQueueIsBoundedAndDrainsOnReconnect()
{
    TransportOptions options = fastOptions();
    options.maxQueueMessages = 10;
    options.maxQueueBytes = 1000;
    Member a(1, kCluster, options);
    const quint16 port = unusedPort();
    QSignalSpy unreachable(a.transport.get(), &PeerTransport::peerUnreachable);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("cannot reach peer 2"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("dropping messages for peer 2"));
    a.transport->addPeer(2, {loopbackUrl(port)});

    QList<QByteArray> queued;
    int full = 0;
    for (int i = 0; i < 25; ++i) {
        const QByteArray payload = "m" + QByteArray::number(i);
        const SendResult result = a.transport->send(2, payload);
        if (result == SendResult::Queued)
            queued.append(payload);
        else if (result == SendResult::QueueFull)
            ++full;
    }
    QCOMPARE(queued.size(), 10);
    QCOMPARE(full, 15);
    // The byte bound holds as well as the count bound.
    PeerStats stats = a.transport->stats(2);
    QCOMPARE(stats.queuedMessages, 10);
    QCOMPARE(stats.droppedMessages, quint64(15));
    QVERIFY(stats.fail >= 15);
    QTRY_VERIFY_WITH_TIMEOUT(unreachable.count() >= 1, kWaitMs);
    // Redials keep failing without growing anything.
    QTRY_VERIFY_WITH_TIMEOUT(a.transport->stats(2).fail >= 18, kWaitMs);
    QCOMPARE(a.transport->stats(2).queuedMessages, 10);

    // The peer comes up on that port: the queued payloads go out in order, then new ones.
    Member b(2, kCluster, fastOptions(), port);
    b.transport->addPeer(1, {a.url()});
    QTRY_COMPARE_WITH_TIMEOUT(b.received.size(), 10, kWaitMs);
    QCOMPARE(b.from(1), queued);
    QCOMPARE(a.transport->send(2, "after reconnect"), SendResult::Queued);
    QTRY_COMPARE_WITH_TIMEOUT(b.received.size(), 11, kWaitMs);
    QCOMPARE(b.received.last().second, QByteArray("after reconnect"));
    QCOMPARE(a.transport->stats(2).queuedMessages, 0);
    QCOMPARE(a.transport->stats(2).sentMessages, quint64(11));
}

void tst_PeerTransport::tooLargeAndUnknownPeerAreRefused()
{
    TransportOptions options = fastOptions();
    options.maxQueueBytes = 1000;
    options.maxMessageBytes = 4000;
    Member a(1, kCluster, options);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("dropping messages for peer 2"));
    a.transport->addPeer(2, {loopbackUrl(unusedPort())});
    QCOMPARE(a.transport->send(2, QByteArray(1001, 'n')), SendResult::TooLarge);
    QCOMPARE(a.transport->send(2, QByteArray(4001, 'b'), Priority::Bulk), SendResult::TooLarge);
    QCOMPARE(a.transport->send(2, QByteArray(4000, 'b'), Priority::Bulk), SendResult::Queued);
    QCOMPARE(a.transport->send(99, "nobody"), SendResult::UnknownPeer);
    QCOMPARE(a.transport->stats(2).droppedMessages, quint64(2));
    QCOMPARE(a.transport->stats(99).id, quint64(99));
}

void tst_PeerTransport::hostileBytesCloseOnlyThatConnection_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("log");
    const QByteArray hello = Frame::encode(FrameType::Hello, Hello{kCluster, 3, 2}.encode());
    QTest::newRow("random garbage") << randomBytes(4096) << "closing peer connection";
    QTest::newRow("HTTP request") << QByteArray("GET /members HTTP/1.1\r\nHost: x\r\n\r\n")
                                  << "protocol version";
    QTest::newRow("4 GiB frame length") << rawFrameHeader(1, 3, 0xFFFFFFFFu) << "exceeds the limit";
    QTest::newRow("unknown frame type") << rawFrameHeader(1, 200, 0) << "unknown frame type";
    QTest::newRow("message before hello")
        << Frame::encode(FrameType::Message, "sneaky") << "expected Hello";
    QTest::newRow("malformed hello")
        << Frame::encode(FrameType::Hello, QByteArray(23, '\1')) << "malformed Hello";
    QTest::newRow("huge frame after hello")
        << hello + rawFrameHeader(1, 3, 0x7FFFFFFFu) << "exceeds the limit";
    QTest::newRow("chunk announcing 1 TiB")
        << hello + Frame::encode(FrameType::Chunk, Chunk{0, 1ull << 40, 0, "x"}.encode())
        << "exceeds the limit";
    QTest::newRow("chunk out of sequence")
        << hello + Frame::encode(FrameType::Chunk, Chunk{0, 1000, 500, "x"}.encode())
        << "without a start";
    QTest::newRow("second hello") << hello + hello << "unexpected Hello";
    QTest::newRow("short ping") << hello + Frame::encode(FrameType::Ping, "1234")
                                << "malformed Ping";
}

void tst_PeerTransport::hostileBytesCloseOnlyThatConnection()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, log);
    Member a(1, kCluster), b(2, kCluster);
    b.transport->addPeer(3, {}); // the raw socket poses as member 3

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(log));
    QTcpSocket raw;
    raw.connectToHost(b.address(), b.port);
    QVERIFY(raw.waitForConnected(kWaitMs));
    raw.write(bytes);
    QTRY_COMPARE_WITH_TIMEOUT(raw.state(), QAbstractSocket::UnconnectedState, kWaitMs);
    QVERIFY(b.received.isEmpty());

    // The listener is fine: a real peer still gets through.
    meet(a, 1, b, 2);
    a.transport->send(2, "still alive");
    QTRY_COMPARE_WITH_TIMEOUT(b.received.size(), 1, kWaitMs);
    QCOMPARE(b.received.first(), (QPair<quint64, QByteArray>{1, "still alive"}));
}

void tst_PeerTransport::silentConnectionTimesOut()
{
    // A truncated frame (or no handshake at all) cannot hold a connection open forever.
    TransportOptions options = fastOptions();
    options.handshakeTimeoutMs = 200;
    Member b(2, kCluster, options);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("no handshake within 200 ms"));
    QVERIFY(closedWithoutHandshake(
        b, Frame::encode(FrameType::Hello, Hello{kCluster, 1, 2}.encode()).left(10)));
}

void tst_PeerTransport::silentEstablishedConnectionIsClosed()
{
    // A half-open connection (the dialer vanished without a FIN) is not kept forever.
    TransportOptions options = fastOptions();
    options.inboundIdleTimeoutMs = 200;
    Member b(2, kCluster, options);
    b.transport->addPeer(3, {});
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("member 3.*silent for 200 ms"));
    QTcpSocket raw;
    raw.connectToHost(b.address(), b.port);
    QVERIFY(raw.waitForConnected(kWaitMs));
    raw.write(Frame::encode(FrameType::Hello, Hello{kCluster, 3, 2}.encode()));
    QTRY_VERIFY_WITH_TIMEOUT(raw.bytesAvailable() > 0, kWaitMs); // accepted
    QTRY_COMPARE_WITH_TIMEOUT(raw.state(), QAbstractSocket::UnconnectedState, kWaitMs);
}

void tst_PeerTransport::handshakeBacklogIsBounded()
{
    TransportOptions options = fastOptions();
    options.maxPendingInbound = 2;
    Member b(2, kCluster, options);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("too many connections without a "
                                                          "handshake"));
    QTcpSocket first, second, third;
    for (QTcpSocket *s : {&first, &second}) {
        s->connectToHost(b.address(), b.port);
        QVERIFY(s->waitForConnected(kWaitMs)); // in the kernel's backlog, accepted in order
    }
    third.connectToHost(b.address(), b.port);
    QVERIFY(third.waitForConnected(kWaitMs));
    QTRY_COMPARE_WITH_TIMEOUT(third.state(), QAbstractSocket::UnconnectedState, kWaitMs);
    QCOMPARE(first.state(), QAbstractSocket::ConnectedState);
    QCOMPARE(second.state(), QAbstractSocket::ConnectedState);
    QVERIFY(refusedOnlyFor(*b.transport, RefusalReason::TooManyPending, 1));
    QCOMPARE(b.transport->refusals().count(RefusalReason::TooManyPending), 1u);
}

void tst_PeerTransport::unansweredPingsFailAndDropTheConnection()
{
    // The listener accepts and then never answers: a hung process or a dead path.
    FakeListener fake;
    fake.onHello = helloAck(HelloStatus::Accepted, kCluster);
    TransportOptions options = fastOptions();
    options.pingIntervalMs = 10;
    options.pingTimeoutMs = 50;
    options.deadAfterPingTimeouts = 3;
    PeerTransport a(1, kCluster);
    a.setOptions(options);
    QSignalSpy connected(&a, &PeerTransport::peerConnected);
    QSignalSpy disconnected(&a, &PeerTransport::peerDisconnected);
    // 3 unless the machine is so busy that one tick finds more than one ping timed out.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("[3-9] pings in a row unanswered"));
    a.addPeer(2, {fake.url()});
    QTRY_VERIFY_WITH_TIMEOUT(disconnected.count() >= 1, kWaitMs);
    QVERIFY(connected.count() >= 1);
    QVERIFY(a.stats(2).fail >= 3);
    QCOMPARE(a.stats(2).success, quint64(0));
    QTRY_VERIFY_WITH_TIMEOUT(fake.connections >= 2, kWaitMs); // and it redials
}

void tst_PeerTransport::updatePeerRedirectsTraffic()
{
    Member a(1, kCluster), b(2, kCluster);
    b.transport->addPeer(1, {a.url()});
    a.transport->addPeer(2, {loopbackUrl(unusedPort())}); // stale address
    QCOMPARE(a.transport->send(2, "queued for the right address"), SendResult::Queued);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("cannot reach peer 2"));
    QTRY_VERIFY_WITH_TIMEOUT(a.transport->stats(2).fail >= 1, kWaitMs);
    a.transport->updatePeer(2, {b.url()});
    QCOMPARE(a.transport->peerUrls(2).size(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(b.received.size(), 1, kWaitMs);
    QCOMPARE(b.received.first().second, QByteArray("queued for the right address"));
}

void tst_PeerTransport::latencyProbesCollectSamples()
{
    TransportOptions options = fastOptions();
    options.pingIntervalMs = 10;
    Member a(1, kCluster, options), b(2, kCluster, options);
    meet(a, 1, b, 2);
    QTRY_VERIFY_WITH_TIMEOUT(a.transport->stats(2).success >= 5, kWaitMs);
    const PeerStats stats = a.transport->stats(2);
    QCOMPARE(stats.id, quint64(2));
    QVERIFY(stats.connected);
    QCOMPARE(stats.fail, quint64(0));
    QVERIFY(stats.minimumMs > 0);
    QVERIFY(stats.minimumMs <= stats.averageMs);
    QVERIFY(stats.averageMs <= stats.maximumMs);
    QVERIFY(stats.currentMs >= stats.minimumMs && stats.currentMs <= stats.maximumMs);
    QVERIFY(stats.standardDeviationMs >= 0);

    a.transport->resetPeerStats();
    QCOMPARE(a.transport->stats(2).success, quint64(0));
}

void tst_PeerTransport::pongsCarryTheListenersClock()
{
    // b's wall clock reads 30 s ahead of a's: each measures the other, and warns.
    constexpr qint64 skewNs = qint64(30) * 1000000000;
    TransportOptions options = fastOptions();
    options.pingIntervalMs = 10;
    TransportOptions skewed = options;
    skewed.wallClockSkewNs = skewNs;
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression("clock difference against peer 2 is too high"));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression("clock difference against peer 1 is too high"));
    Member a(1, kCluster, options), b(2, kCluster, skewed);
    meet(a, 1, b, 2);
    QTRY_VERIFY_WITH_TIMEOUT(a.transport->stats(2).clockOffsetKnown, kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(b.transport->stats(1).clockOffsetKnown, kWaitMs);
    const PeerStats ab = a.transport->stats(2), ba = b.transport->stats(1);
    // Within the error bound the round trip gives, plus a millisecond for the two reads
    // of the clock that the bound does not cover.
    QVERIFY2(qAbs(ab.clockOffsetNs - skewNs) <= ab.clockOffsetErrorNs + 1000000,
             qPrintable(QString::number(ab.clockOffsetNs)));
    QVERIFY2(qAbs(ba.clockOffsetNs + skewNs) <= ba.clockOffsetErrorNs + 1000000,
             qPrintable(QString::number(ba.clockOffsetNs)));
    QVERIFY(ab.clockOffsetErrorNs > 0 && ab.clockOffsetErrorNs < qint64(1000000000));
    // Both warnings (expected above) came with the first samples.
}

void tst_PeerTransport::listenerAnswersOldAndNewPings()
{
    // A dialer that predates the clock bit gets its 8-byte echo; one that sets it gets
    // the listener's wall clock as well.
    Member b(2, kCluster);
    b.transport->addPeer(3, {}); // the raw socket poses as member 3
    QTcpSocket raw;
    raw.connectToHost(b.address(), b.port);
    QVERIFY(raw.waitForConnected(kWaitMs));
    const quint64 oldSeq = 5, newSeq = 6 | kPingWantsClock;
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    raw.write(Frame::encode(FrameType::Hello, Hello{kCluster, 3, 2}.encode()) +
              Frame::encode(FrameType::Ping, Frame::encodeSequence(oldSeq)) +
              Frame::encode(FrameType::Ping, Frame::encodeSequence(newSeq)));
    FrameReader reader(kMaxFrameBody);
    QList<Frame> frames;
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            while (reader.read(&raw) == FrameReader::Status::FrameReady)
                frames.append(reader.takeFrame());
            return frames.size() >= 3;
        }(),
        kWaitMs);
    const qint64 after = QDateTime::currentMSecsSinceEpoch();
    QCOMPARE(frames[0].type, FrameType::HelloAck);
    QCOMPARE(frames[1].type, FrameType::Pong);
    QCOMPARE(frames[1].body, Frame::encodeSequence(oldSeq));
    QCOMPARE(frames[2].type, FrameType::Pong);
    QCOMPARE(frames[2].body.size(), 16);
    const std::optional<Frame::Pong> pong = Frame::decodePong(frames[2].body);
    QVERIFY(pong && pong->wallNs);
    QCOMPARE(pong->seq, newSeq);
    QVERIFY(*pong->wallNs / 1000000 >= before && *pong->wallNs / 1000000 <= after);
}

void tst_PeerTransport::listenerWithoutClockKeepsTheConnection()
{
    // A listener built before the clock bit echoes 8 bytes: latency is measured, the
    // clock is not, and the connection stays up.
    FakeListener fake;
    fake.onHello = helloAck(HelloStatus::Accepted, kCluster);
    fake.echoPings = true;
    TransportOptions options = fastOptions();
    options.pingIntervalMs = 10;
    PeerTransport a(1, kCluster);
    a.setOptions(options);
    a.addPeer(2, {fake.url()});
    QTRY_VERIFY_WITH_TIMEOUT(a.stats(2).success >= 5, kWaitMs);
    const PeerStats stats = a.stats(2);
    QVERIFY(stats.connected);
    QCOMPARE(stats.fail, quint64(0));
    QVERIFY(!stats.clockOffsetKnown);
    QCOMPARE(fake.connections, 1);
}

void tst_PeerTransport::trafficCountersAddUp()
{
    Member a(1, kCluster), b(2, kCluster);
    meet(a, 1, b, 2);
    qsizetype bytes = 0;
    for (int i = 0; i < 30; ++i) {
        const QByteArray payload(100 + i, 'x');
        bytes += payload.size();
        a.transport->send(2, payload);
    }
    QTRY_COMPARE_WITH_TIMEOUT(b.received.size(), 30, kWaitMs);
    const TrafficStats sent = a.transport->trafficStats();
    const TrafficStats got = b.transport->trafficStats();
    QCOMPARE(sent.sentMessages, quint64(30));
    QCOMPARE(sent.sentBytes, quint64(bytes));
    QCOMPARE(got.receivedMessages, quint64(30));
    QCOMPARE(got.receivedBytes, quint64(bytes));
    QCOMPARE(got.sentMessages, quint64(0));
    QCOMPARE(a.transport->stats(2).sentMessages, quint64(30));
    QCOMPARE(a.transport->stats(2).sentBytes, quint64(bytes));
}

void tst_PeerTransport::disconnectIsReported()
{
    Member a(1, kCluster);
    auto b = std::make_unique<Member>(2, kCluster);
    meet(a, 1, *b, 2);
    QSignalSpy disconnected(a.transport.get(), &PeerTransport::peerDisconnected);
    QSignalSpy unreachable(a.transport.get(), &PeerTransport::peerUnreachable);
    QTRY_VERIFY_WITH_TIMEOUT(a.transport->isConnected(2), kWaitMs);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("lost connection to peer 2"));
    b.reset();
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.count(), 1, kWaitMs);
    QCOMPARE(disconnected.first().first().toULongLong(), 2ull);
    QTRY_VERIFY_WITH_TIMEOUT(unreachable.count() >= 1, kWaitMs);
    QVERIFY(!a.transport->isConnected(2));
}

void tst_PeerTransport::fetchClusterInfo()
{
    Member running(2, kCluster);
    running.transport->setClusterInfoProvider(
        [] { return QByteArray(R"({"clusterId":"c1","members":[{"id":"2"}]})"); });
    // A member joining an existing cluster: no cluster id yet, so no Raft traffic...
    Member joining(3, 0);
    std::optional<std::optional<QByteArray>> answer;
    joining.transport->fetchClusterInfo(running.url(),
                                        [&](std::optional<QByteArray> info) { answer = info; });
    QVERIFY(!answer); // never synchronous
    QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), kWaitMs);
    QVERIFY(answer->has_value());
    QCOMPARE(**answer, QByteArray(R"({"clusterId":"c1","members":[{"id":"2"}]})"));

    // ...until it learns the id; then it talks Raft like any member.
    joining.transport->setClusterId(kCluster);
    meet(joining, 3, running, 2);
    joining.transport->send(2, "hello from the new member");
    QTRY_COMPARE_WITH_TIMEOUT(running.received.size(), 1, kWaitMs);
}

void tst_PeerTransport::fetchClusterInfoFailures()
{
    TransportOptions options = fastOptions();
    options.fetchTimeoutMs = 3000;
    Member noProvider(2, kCluster, options);
    Member asker(3, 0, options);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("no cluster information"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("Connection refused"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("scheme must be http"));

    int calls = 0;
    QList<std::optional<QByteArray>> answers;
    auto collect = [&](std::optional<QByteArray> info) {
        ++calls;
        answers.append(info);
    };
    asker.transport->fetchClusterInfo(noProvider.url(), collect);
    asker.transport->fetchClusterInfo(loopbackUrl(unusedPort()), collect);
    asker.transport->fetchClusterInfo(QUrl("ftp://127.0.0.1:1"), collect);
    QTRY_COMPARE_WITH_TIMEOUT(calls, 3, kWaitMs);
    for (const auto &a : answers)
        QVERIFY(!a.has_value());
    // A marker: a fourth fetch, asked after the three answered, goes through a whole dial and
    // failure; once it has answered, a second answer to any of the first three (a late error
    // signal, a timer) would have come too.
    asker.transport->fetchClusterInfo(loopbackUrl(unusedPort()), collect);
    QTRY_COMPARE_WITH_TIMEOUT(calls, 4, kWaitMs);
    QCOMPARE(answers.size(), 4); // exactly once each
}

void tst_PeerTransport::removePeerStopsTraffic()
{
    Member a(1, kCluster), b(2, kCluster);
    meet(a, 1, b, 2);
    a.transport->send(2, "before");
    QTRY_COMPARE_WITH_TIMEOUT(b.received.size(), 1, kWaitMs);

    // b removes a: a's connection is closed and a's redials are refused.
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression("closing peer connection.*member removed"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("refused member 1 .*not a member"));
    b.transport->removePeer(1);
    QCOMPARE(b.transport->peers(), QList<quint64>{});
    QTRY_VERIFY_WITH_TIMEOUT(!a.transport->isConnected(2), kWaitMs);
    a.transport->send(2, "after removal");
    QTRY_VERIFY_WITH_TIMEOUT(a.transport->stats(2).fail >= 2, kWaitMs);
    QCOMPARE(b.received.size(), 1);
    QCOMPARE(b.transport->send(1, "to a removed member"), SendResult::UnknownPeer);

    // a removes b too: its queue is gone and sends are refused.
    a.transport->removePeer(2);
    QCOMPARE(a.transport->send(2, "x"), SendResult::UnknownPeer);
    QCOMPARE(a.transport->stats(2).queuedMessages, 0);
    // A marker: member 3 dials b now and its message arrives; anything a still sent would
    // have been there by then.
    Member c(3, kCluster);
    meet(c, 3, b, 2);
    c.transport->send(2, "marker");
    QTRY_COMPARE_WITH_TIMEOUT(b.from(3).size(), 1, kWaitMs);
    QCOMPARE(b.from(1).size(), 1);
}

void tst_PeerTransport::listenRejectsBadUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("reason");
    QTest::newRow("https without a certificate") << "https://127.0.0.1:0"
                                                 << "needs a certificate and key";
    QTest::newRow("no port") << "http://127.0.0.1"
                             << "port";
    QTest::newRow("host name") << "http://example.invalid:0"
                               << "IP address or localhost";
    QTest::newRow("unix") << "unix://127.0.0.1:0"
                          << "scheme";
}

void tst_PeerTransport::listenRejectsBadUrls()
{
    QFETCH(QString, url);
    QFETCH(QString, reason);
    PeerTransport transport(1, kCluster);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(reason));
    QString error;
    QVERIFY(!transport.listen({QUrl(url)}, &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
    QVERIFY(!transport.isListening());
    // localhost means the loopback address
    QVERIFY(transport.listen({QUrl("http://localhost:0")}, &error));
    QVERIFY(transport.listeningPorts().value(0) != 0);
}

QTEST_GUILESS_MAIN(tst_PeerTransport)
#include "tst_peertransport.moc"
