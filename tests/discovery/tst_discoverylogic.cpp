// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The pure rules of etcd 2.2's discovery (DiscoveryLogic): token URLs, what a member registers,
// the size key, when the cluster is full, how registrations become the initial cluster, the
// backoff, --discovery-proxy and SRV records -> initial cluster.

#include "DiscoveryLogic.h"

#include <QTest>

using server::discovery::DiscoveryLogic;
using Failure = DiscoveryLogic::Failure;

Q_DECLARE_METATYPE(std::optional<int>)

namespace {

DiscoveryLogic::Registration reg(const QString &id, const QString &value, quint64 created)
{
    return {QStringLiteral("/_etcd/registry/tok/") + id, value, created, created};
}

} // namespace

class tst_DiscoveryLogic : public QObject
{
    Q_OBJECT

private slots:
    void errorTexts()
    {
        // etcd's own words (discovery/discovery.go).
        QCOMPARE(DiscoveryLogic::text(Failure::FullCluster), QString("discovery: cluster is full"));
        QCOMPARE(DiscoveryLogic::text(Failure::DuplicateId),
                 QString("discovery: found duplicate id"));
        QCOMPARE(DiscoveryLogic::text(Failure::SizeNotFound),
                 QString("discovery: size key not found"));
        QCOMPARE(DiscoveryLogic::text(Failure::BadSizeKey), QString("discovery: size key is bad"));
        QCOMPARE(DiscoveryLogic::text(Failure::TooManyRetries),
                 QString("discovery: too many retries"));
        QCOMPARE(DiscoveryLogic::text(Failure::DuplicateName),
                 QString("discovery: found duplicate name"));
    }

    void tokenUrl()
    {
        auto t = DiscoveryLogic::parseTokenUrl(
            "https://discovery.etcd.io/3e86b59982e49066c5d813af1c2e2579");
        QVERIFY(t);
        QCOMPARE(t->service, QUrl("https://discovery.etcd.io"));
        QCOMPARE(t->token, QString("/3e86b59982e49066c5d813af1c2e2579"));
        // A self-hosted service: the keys API path is part of the token.
        t = DiscoveryLogic::parseTokenUrl("http://127.0.0.1:2379/v2/keys/_etcd/registry/abc/");
        QVERIFY(t);
        QCOMPARE(t->service, QUrl("http://127.0.0.1:2379"));
        QCOMPARE(t->token, QString("/v2/keys/_etcd/registry/abc"));
        QCOMPARE(DiscoveryLogic::selfKey(t->token, 0x0588f452dd8d2bf3ULL),
                 QString("/v2/keys/_etcd/registry/abc/588f452dd8d2bf3"));
        QVERIFY(!DiscoveryLogic::parseTokenUrl("http://127.0.0.1:2379"));
        QVERIFY(!DiscoveryLogic::parseTokenUrl("http://127.0.0.1:2379/"));
        QVERIFY(!DiscoveryLogic::parseTokenUrl("ftp://host/token"));
        QVERIFY(!DiscoveryLogic::parseTokenUrl("not a url"));
    }

    void registrationValue()
    {
        // etcd's URLsMap.String(): name=url pairs, sorted.
        QCOMPARE(DiscoveryLogic::registrationValue(
                     "m1", {QUrl("http://10.0.0.1:7001"), QUrl("http://10.0.0.1:2380")}),
                 QString("m1=http://10.0.0.1:2380,m1=http://10.0.0.1:7001"));
    }

    void size_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<std::optional<int>>("size");
        QTest::newRow("3") << "3" << std::optional<int>(3);
        QTest::newRow("+5 (Atoi takes a sign)") << "+5" << std::optional<int>(5);
        QTest::newRow("0") << "0" << std::optional<int>();
        QTest::newRow("-1") << "-1" << std::optional<int>();
        QTest::newRow("word") << "three" << std::optional<int>();
        QTest::newRow("space") << " 3" << std::optional<int>();
        QTest::newRow("decimal") << "3.0" << std::optional<int>();
        QTest::newRow("empty") << "" << std::optional<int>();
        QTest::newRow("too big") << "99999999999" << std::optional<int>();
    }
    void size()
    {
        QFETCH(QString, text);
        QFETCH(std::optional<int>, size);
        QCOMPARE(DiscoveryLogic::parseSize(text), size);
    }

    void checkCluster()
    {
        // Ordered by createdIndex, whatever order the listing had.
        const QList<DiscoveryLogic::Registration> three{reg("c", "m3=http://h:3", 9),
                                                        reg("a", "m1=http://h:1", 3),
                                                        reg("b", "m2=http://h:2", 5)};
        DiscoveryLogic::Check check = DiscoveryLogic::checkCluster(three, 3, "c");
        QCOMPARE(check.failure, Failure::None);
        QCOMPARE(check.nodes.size(), 3);
        QCOMPARE(check.nodes.at(0).key.section('/', -1), QString("a"));
        QCOMPARE(check.nodes.at(2).key.section('/', -1), QString("c"));
        // Third of a cluster of two: full, and the first two are the cluster.
        check = DiscoveryLogic::checkCluster(three, 2, "c");
        QCOMPARE(check.failure, Failure::FullCluster);
        QCOMPARE(check.nodes.size(), 2);
        QCOMPARE(check.nodes.at(1).key.section('/', -1), QString("b"));
        // Not registered yet: full when `size` others are.
        QCOMPARE(DiscoveryLogic::checkCluster(three, 3, "d").failure, Failure::FullCluster);
        QCOMPARE(DiscoveryLogic::checkCluster(three.mid(1), 3, "d").failure, Failure::None);
        QCOMPARE(DiscoveryLogic::checkCluster({}, 1, "d").failure, Failure::None);
        // Registered among the first `size`: fine even when later ones came.
        QCOMPARE(DiscoveryLogic::checkCluster(three, 2, "a").failure, Failure::None);
    }

    void nodesToCluster()
    {
        DiscoveryLogic::Cluster c = DiscoveryLogic::nodesToCluster(
            {reg("a", "m1=http://h:1,m1=http://h:11", 1), reg("b", "m2=http://h:2", 2)}, 2);
        QCOMPARE(c.failure, Failure::None);
        QCOMPARE(c.text, QString("m1=http://h:1,m1=http://h:11,m2=http://h:2"));
        QCOMPARE(c.members.size(), 3);
        // Two registrations under one name (etcd's ErrDuplicateName).
        c = DiscoveryLogic::nodesToCluster(
            {reg("a", "m1=http://h:1", 1), reg("b", "m1=http://h:2", 2)}, 2);
        QCOMPARE(c.failure, Failure::DuplicateName);
        // A value that is no name=url (etcd's ErrInvalidURL).
        c = DiscoveryLogic::nodesToCluster({reg("a", "garbage", 1)}, 1);
        QCOMPARE(c.failure, Failure::InvalidUrl);
        QCOMPARE(DiscoveryLogic::duplicateUrl(
                     DiscoveryLogic::nodesToCluster(
                         {reg("a", "m1=http://h:1", 1), reg("b", "m2=http://h:1", 2)}, 2)
                         .members),
                 QString("http://h:1"));
    }

    void backoff()
    {
        // etcd: 2^retries seconds, constant from the 8th retry on.
        QCOMPARE(DiscoveryLogic::backoffSeconds(1), 2);
        QCOMPARE(DiscoveryLogic::backoffSeconds(2), 4);
        QCOMPARE(DiscoveryLogic::backoffSeconds(8), 256);
        QCOMPARE(DiscoveryLogic::backoffSeconds(9), 256);
        QCOMPARE(DiscoveryLogic::backoffSeconds(1000), 256);
        QCOMPARE(DiscoveryLogic::kDefaultRetries, 4294967295u);
    }

    void proxy()
    {
        QString error;
        QCOMPARE(DiscoveryLogic::proxyUrl("proxy.example:3128", &error),
                 std::optional<QUrl>(QUrl("http://proxy.example:3128")));
        QCOMPARE(DiscoveryLogic::proxyUrl("https://p.example:8443", &error),
                 std::optional<QUrl>(QUrl("https://p.example:8443")));
        QVERIFY(!DiscoveryLogic::proxyUrl("http://a b", &error));
        QVERIFY(error.contains("invalid proxy address"));
    }

    void srv()
    {
        const QHostAddress self("10.0.0.1");
        const QHostAddress other("10.0.0.2");
        const QList<DiscoveryLogic::OwnUrl> own{{QUrl("http://node1.example:2380"), {self}}};
        QList<DiscoveryLogic::SrvRecord> records{
            {"http", "node0.example.", 2380, {other}},
            {"http", "node1.example.", 2380, {self}},
            {"http", "node2.example.", 2380, {QHostAddress("10.0.0.3")}},
            {"http", "gone.example.", 2380, {}},
            {"http", "node1.example.", 2381, {self}}, // same host, another port: not this one
        };
        DiscoveryLogic::SrvCluster c = DiscoveryLogic::clusterFromSrv(records, "infra1", own);
        QVERIFY(c.error.isEmpty());
        QCOMPARE(c.entries,
                 QStringList({"0=http://node0.example:2380", "infra1=http://node1.example:2380",
                              "1=http://node2.example:2380", "2=http://node1.example:2381"}));
        QCOMPARE(c.notes.size(), 1); // gone.example did not resolve
        QVERIFY(c.notes.at(0).contains("gone.example:2380"));
        // This member's address under the https service while it advertises http.
        records = {{"https", "node1.example", 2380, {self}}};
        c = DiscoveryLogic::clusterFromSrv(records, "infra1", own);
        QVERIFY(c.error.contains("scheme mismatch"));
        QVERIFY(c.entries.isEmpty());
    }
};

QTEST_APPLESS_MAIN(tst_DiscoveryLogic)
#include "tst_discoverylogic.moc"
