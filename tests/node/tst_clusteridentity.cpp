// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Member and cluster ids must equal etcd's for the same flags (the seed
// session's member ce2a822cea30bfca in cluster 7e27652122e8b2ae), membership
// changes follow etcd's rules, and raft entries survive encode/decode and
// reject garbage.
#include "node/ClusterIdentity.h"
#include "node/ClusterMembership.h"
#include "node/RaftRequest.h"

#include <QRandomGenerator>
#include <QTest>

class TestClusterIdentity : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void seedIds()
    {
        const quint64 member = node::ClusterIdentity::memberId(
            {QStringLiteral("http://localhost:7001"), QStringLiteral("http://localhost:2380")},
            QStringLiteral("etcd-cluster"));
        QCOMPARE(QString::number(member, 16), QStringLiteral("ce2a822cea30bfca"));
        QCOMPARE(QString::number(node::ClusterIdentity::clusterId({member}), 16),
                 QStringLiteral("7e27652122e8b2ae"));
    }

    void idsDependOnTokenAndTime()
    {
        const QStringList urls{QStringLiteral("http://10.0.0.1:2380")};
        const quint64 a = node::ClusterIdentity::memberId(urls, QStringLiteral("a"));
        QVERIFY(a != node::ClusterIdentity::memberId(urls, QStringLiteral("b")));
        QVERIFY(a != node::ClusterIdentity::memberId(urls, QStringLiteral("a"), 1700000000));
        QCOMPARE(node::ClusterIdentity::clusterId({1, 2, 3}),
                 node::ClusterIdentity::clusterId({3, 1, 2}));
    }

    void membershipRules()
    {
        node::ClusterMembership m;
        api::MemberInfo a{1, QStringLiteral("a"), {QStringLiteral("http://h:1")}, {}};
        api::MemberInfo b{2, QString(), {QStringLiteral("http://h:2")}, {}};
        QCOMPARE(m.add(a), node::ClusterMembership::Change::Ok);
        QCOMPARE(m.add(a), node::ClusterMembership::Change::IdExists);
        api::MemberInfo clash{3, QString(), {QStringLiteral("http://h:1")}, {}};
        QCOMPARE(m.add(clash), node::ClusterMembership::Change::PeerUrlExists);
        QCOMPARE(m.add(b), node::ClusterMembership::Change::Ok);
        QCOMPARE(m.updatePeerUrls(2, {QStringLiteral("http://h:1")}),
                 node::ClusterMembership::Change::PeerUrlExists);
        QCOMPARE(m.updatePeerUrls(2, {QStringLiteral("http://h:22")}),
                 node::ClusterMembership::Change::Ok);
        QCOMPARE(m.setAttributes(2, QStringLiteral("b"), {QStringLiteral("http://c:2")}),
                 node::ClusterMembership::Change::Ok);
        QCOMPARE(m.remove(2), node::ClusterMembership::Change::Ok);
        QCOMPARE(m.remove(2), node::ClusterMembership::Change::IdRemoved);
        QCOMPARE(m.add(b), node::ClusterMembership::Change::IdRemoved);
        QCOMPARE(m.remove(9), node::ClusterMembership::Change::NotFound);

        m.setClusterId(0xabc);
        auto copy = node::ClusterMembership::fromJson(m.toJson());
        QVERIFY(copy);
        QCOMPARE(copy->clusterId(), quint64(0xabc));
        QCOMPARE(copy->members().size(), 1);
        QVERIFY(copy->isRemoved(2));
        QVERIFY(!node::ClusterMembership::fromJson("{nonsense"));
    }

    void raftRequestRoundTrip()
    {
        node::RaftRequest r;
        r.kind = node::RaftRequest::Kind::Store;
        r.id = 0x1234;
        r.command.op = store::Command::Op::CompareAndSwap;
        r.command.path = QStringLiteral("/a");
        r.command.value = QStringLiteral("v");
        r.command.prevIndex = 7;
        auto back = node::RaftRequest::decode(r.encode());
        QVERIFY(back);
        QCOMPARE(back->id, r.id);
        QCOMPARE(back->command.path, r.command.path);
        QCOMPARE(back->command.prevIndex, quint64(7));

        node::RaftRequest attrs;
        attrs.kind = node::RaftRequest::Kind::Attributes;
        attrs.memberId = 5;
        attrs.name = QStringLiteral("n");
        attrs.clientUrls = {QStringLiteral("http://x:1")};
        auto a = node::RaftRequest::decode(attrs.encode());
        QVERIFY(a);
        QCOMPARE(a->clientUrls, attrs.clientUrls);
    }

    void raftRequestGarbage()
    {
        QRandomGenerator rng(42);
        node::RaftRequest noop;
        noop.id = 1;
        const QByteArray good = noop.encode();
        for (int i = 0; i < 2000; ++i) {
            QByteArray junk(rng.bounded(64), Qt::Uninitialized);
            for (char &c : junk)
                c = char(rng.bounded(256));
            node::RaftRequest::decode(junk); // must not crash
            node::RaftRequest::decode(good.left(rng.bounded(good.size() + 1)));
        }
        QVERIFY(!node::RaftRequest::decode(QByteArray()));
    }
};

QTEST_APPLESS_MAIN(TestClusterIdentity)
#include "tst_clusteridentity.moc"
