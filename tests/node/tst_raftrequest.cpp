// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// RaftRequest::decode never trusts an entry's bytes (issue 13, item 5: decoding never reserves
// memory from a count read off the wire): a hostile string-list count fails the decode instead of
// making Qt reserve it, and valid requests still round-trip in the same format.

#include "node/RaftRequest.h"

#include <QDataStream>
#include <QFile>
#include <QIODevice>
#include <QTest>

class TestRaftRequest : public QObject
{
    Q_OBJECT

private:
    // An Attributes or PeerUrls entry whose URL list claims `count` items and then ends.
    static QByteArray withListCount(node::RaftRequest::Kind kind, quint32 count)
    {
        QByteArray out;
        QDataStream s(&out, QIODevice::WriteOnly);
        s.setVersion(QDataStream::Qt_6_4);
        s << quint8(1) << quint8(kind) << quint64(7) << quint64(0x1234);
        if (kind == node::RaftRequest::Kind::Attributes)
            s << QStringLiteral("infra0");
        s << count;
        return out;
    }

    // The most address space this process ever had (Linux), in KiB: a reservation shows here
    // even if its pages are never touched.
    static qint64 vmPeakKiB()
    {
        QFile status(QStringLiteral("/proc/self/status"));
        if (!status.open(QIODevice::ReadOnly))
            return -1;
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("VmPeak:"))
                return line.mid(7).trimmed().split(' ').value(0).toLongLong();
        }
        return -1;
    }

private slots:
    void urlListsRoundTrip()
    {
        node::RaftRequest attributes;
        attributes.kind = node::RaftRequest::Kind::Attributes;
        attributes.id = 42;
        attributes.memberId = 0xabc;
        attributes.name = QStringLiteral("infra1");
        attributes.clientUrls = {QStringLiteral("http://10.0.0.1:2379"),
                                 QStringLiteral("http://10.0.0.1:4001")};
        const auto decoded = node::RaftRequest::decode(attributes.encode());
        QVERIFY(decoded);
        QCOMPARE(decoded->name, attributes.name);
        QCOMPARE(decoded->clientUrls, attributes.clientUrls);

        node::RaftRequest peers;
        peers.kind = node::RaftRequest::Kind::PeerUrls;
        peers.memberId = 0xdef;
        peers.peerUrls = {QStringLiteral("https://10.0.0.2:2380")};
        const auto decodedPeers = node::RaftRequest::decode(peers.encode());
        QVERIFY(decodedPeers);
        QCOMPARE(decodedPeers->peerUrls, peers.peerUrls);
    }

    void hostileListCountIsRefused_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<quint32>("count");
        QTest::newRow("attributes, 4G urls")
            << int(node::RaftRequest::Kind::Attributes) << 0xfffffffeu;
        QTest::newRow("peer urls, 4G urls")
            << int(node::RaftRequest::Kind::PeerUrls) << 0xfffffffeu;
        QTest::newRow("peer urls, 2 of 0") << int(node::RaftRequest::Kind::PeerUrls) << 2u;
        // 256 Mi strings: a reservation of 6 GiB that the machine would grant.
        QTest::newRow("attributes, 256Mi urls")
            << int(node::RaftRequest::Kind::Attributes) << 0x10000000u;
    }
    void hostileListCountIsRefused()
    {
        QFETCH(int, kind);
        QFETCH(quint32, count);
        // Qt's own QStringList reader would reserve `count` strings (up to 96 GiB) first.
        const QByteArray entry = withListCount(node::RaftRequest::Kind(kind), count);
        const qint64 before = vmPeakKiB();
        QVERIFY(before > 0);
        QVERIFY(!node::RaftRequest::decode(entry));
        const qint64 grownMiB = (vmPeakKiB() - before) / 1024;
        QVERIFY2(grownMiB < 64,
                 qPrintable(QStringLiteral("address space grew by %1 MiB").arg(grownMiB)));
    }
};

QTEST_GUILESS_MAIN(TestRaftRequest)
#include "tst_raftrequest.moc"
