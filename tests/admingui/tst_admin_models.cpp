// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Models and value types of qetcd-admin that need no server: the latency
// series, the watch event table and its CSV/JSON, the cluster tables, the
// export format, value formatting, profiles and error wording.

#include "app/TimeText.h"
#include "cluster/MembersModel.h"
#include "cluster/StoreStatsModel.h"
#include "connection/ConnectionProfile.h"
#include "connection/ErrorText.h"
#include "connection/ProfileStore.h"
#include "keys/SubtreeJson.h"
#include "keys/ValueFormat.h"
#include "latency/LatencySeriesModel.h"
#include "tools/screenshots/SyntheticLeaderStatsSource.h"
#include "watch/WatchEventModel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QFile>
#include <QJsonDocument>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

// /v2/stats/leader of the leader of a 3-member cluster, as etcd documents it
// (shared/seed/etcd-basic.txt).
const char kThreeMemberStats[] = R"({
    "followers": {
        "6e3bd23ae5f1eae0": {
            "counts": {"fail": 0, "success": 745},
            "latency": {"average": 0.017039507382550306, "current": 0.000138,
                        "maximum": 1.007649, "minimum": 0,
                        "standardDeviation": 0.05289178277920594}
        },
        "a8266ecf031671f3": {
            "counts": {"fail": 0, "success": 735},
            "latency": {"average": 0.012124141496598642, "current": 0.000559,
                        "maximum": 0.791547, "minimum": 0,
                        "standardDeviation": 0.04187900156583733}
        }
    },
    "leader": "924e2e83e93f2560"
})";

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(text).object();
}

QJsonObject followerStats(double current, qint64 success)
{
    return QJsonObject{
        {QStringLiteral("latency"), QJsonObject{{QStringLiteral("current"), current},
                                                {QStringLiteral("average"), current},
                                                {QStringLiteral("minimum"), current},
                                                {QStringLiteral("maximum"), current},
                                                {QStringLiteral("standardDeviation"), 0}}},
        {QStringLiteral("counts"),
         QJsonObject{{QStringLiteral("success"), double(success)}, {QStringLiteral("fail"), 0}}}};
}

} // namespace

class TestAdminModels : public QObject
{
    Q_OBJECT
private slots:
    void latencyFromThreeMemberLeader();
    void latencyWindowSlides();
    void latencyFollowerSetChanges();
    void latencyRejectsOtherJson();
    void latencyFlagsSilentFollower();
    void latencyLevels_data();
    void latencyLevels();
    void syntheticSourceIsConsistent();

    void watchEventsCsvAndJson();
    void watchEventsTrimOldest();

    void storeStatsCounters();
    void membersKeepRowsAcrossRefresh();

    void subtreeWrites_data();
    void subtreeWrites();
    void subtreeParseAcceptsResponses();

    void prettyJson_data();
    void prettyJson();
    void rfc3339WithNanoseconds();

    void profilesRoundTrip();
    void profileValidation_data();
    void profileValidation();
    void errorWording();
};

void TestAdminModels::latencyFromThreeMemberLeader()
{
    admin::LatencySeriesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy followers(&model, &admin::LatencySeriesModel::followersChanged);
    // The same recording is played twice, 500 ms apart: counts that did not
    // move would mean "not answering" after the default 450 ms.
    model.setStaleAfterMs(1000);
    QVERIFY(model.addStats(1000, json(kThreeMemberStats)));
    QCOMPARE(model.leaderId(), QStringLiteral("924e2e83e93f2560"));
    QCOMPARE(model.followerIds(),
             QStringList({QStringLiteral("6e3bd23ae5f1eae0"), QStringLiteral("a8266ecf031671f3")}));
    QCOMPARE(followers.count(), 1);
    QCOMPARE(model.rowCount(), 2);
    const admin::FollowerLatency *f = model.follower(QStringLiteral("6e3bd23ae5f1eae0"));
    QVERIFY(f);
    QCOMPARE(f->success, 745);
    QCOMPARE(f->maximum, 1.007649);
    QCOMPARE(f->standardDeviation, 0.05289178277920594);
    QCOMPARE(model.samples(f->id), QList<QPointF>({QPointF(1000, 0.000138)}));
    // A second answer: one more point per follower, same rows.
    QVERIFY(model.addStats(1500, json(kThreeMemberStats)));
    QCOMPARE(followers.count(), 1);
    QCOMPARE(model.samples(QStringLiteral("a8266ecf031671f3")).size(), 2);

    model.setMemberNames({{QStringLiteral("a8266ecf031671f3"), QStringLiteral("infra2")}});
    QCOMPARE(model.index(1, admin::LatencySeriesModel::FollowerColumn).data().toString(),
             QStringLiteral("infra2"));
    QCOMPARE(model.index(0, admin::LatencySeriesModel::FollowerColumn).data().toString(),
             QStringLiteral("6e3bd23ae5f1eae0"));
    QCOMPARE(model.index(0, admin::LatencySeriesModel::SuccessColumn).data().toString(),
             QLocale().toString(745));
    // Current latency 0.000138 ms: green like the etcd dashboard.
    QCOMPARE(model.index(0, admin::LatencySeriesModel::CurrentColumn)
                 .data(Qt::BackgroundRole)
                 .value<QBrush>()
                 .color(),
             admin::LatencySeriesModel::color(admin::LatencySeriesModel::Level::Good));
}

void TestAdminModels::latencyWindowSlides()
{
    admin::LatencySeriesModel model;
    model.setWindowMs(10000);
    QJsonObject stats{
        {QStringLiteral("leader"), QStringLiteral("l")},
        {QStringLiteral("followers"), QJsonObject{{QStringLiteral("f"), followerStats(3, 1)}}}};
    for (qint64 t = 0; t <= 30000; t += 500)
        QVERIFY(model.addStats(t, stats));
    const QList<QPointF> points = model.samples(QStringLiteral("f"));
    QCOMPARE(points.first().x(), 20000.0);
    QCOMPARE(points.last().x(), 30000.0);
    QCOMPARE(points.size(), 21);
    QCOMPARE(model.sampleCount(), 61);
}

void TestAdminModels::latencyFollowerSetChanges()
{
    admin::LatencySeriesModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    auto stats = [](const QString &leader, const QStringList &followers) {
        QJsonObject f;
        for (const QString &id : followers)
            f.insert(id, followerStats(2, 1));
        return QJsonObject{{QStringLiteral("leader"), leader}, {QStringLiteral("followers"), f}};
    };
    QVERIFY(
        model.addStats(0, stats(QStringLiteral("a"), {QStringLiteral("b"), QStringLiteral("c")})));
    QVERIFY(model.addStats(500,
                           stats(QStringLiteral("a"), {QStringLiteral("b"), QStringLiteral("c")})));
    // Leadership moves from a to c: b stays a follower and keeps its history.
    QVERIFY(model.addStats(1000,
                           stats(QStringLiteral("c"), {QStringLiteral("a"), QStringLiteral("b")})));
    QCOMPARE(model.leaderId(), QStringLiteral("c"));
    QCOMPARE(model.followerIds(), QStringList({QStringLiteral("a"), QStringLiteral("b")}));
    QCOMPARE(model.samples(QStringLiteral("b")).size(), 3);
    QCOMPARE(model.samples(QStringLiteral("a")).size(), 1);
    // A single member: no followers at all.
    QVERIFY(model.addStats(1500, json(R"({"leader":"c","followers":{}})")));
    QCOMPARE(model.rowCount(), 0);
}

void TestAdminModels::latencyFlagsSilentFollower()
{
    admin::LatencySeriesModel model;
    auto stats = [](qint64 successB, qint64 successC) {
        return QJsonObject{{QStringLiteral("leader"), QStringLiteral("a")},
                           {QStringLiteral("followers"),
                            QJsonObject{{QStringLiteral("b"), followerStats(0.2, successB)},
                                        {QStringLiteral("c"), followerStats(0.3, successC)}}}};
    };
    QVERIFY(model.addStats(0, stats(10, 0)));
    // c never answered: flagged at once, its 0.3 ms (or 0) is not shown.
    QCOMPARE(model.troubledFollowers(), QStringList{QStringLiteral("c")});
    QCOMPARE(model.index(1, admin::LatencySeriesModel::CurrentColumn).data().toString(),
             QStringLiteral("no answer"));
    QVERIFY(model.addStats(500, stats(15, 5)));
    QVERIFY(model.troubledFollowers().isEmpty());
    // b stops answering: one poll of 200 ms is not enough, 450 ms is.
    QVERIFY(model.addStats(700, stats(15, 7)));
    QVERIFY(model.troubledFollowers().isEmpty());
    QVERIFY(model.addStats(1000, stats(15, 10)));
    QCOMPARE(model.troubledFollowers(), QStringList{QStringLiteral("b")});
    QCOMPARE(model.follower(QStringLiteral("b"))->lastAnswerMs, 500);
    QCOMPARE(model.answered(QStringLiteral("b")), QList<bool>({true, true, true, false}));
    QCOMPARE(model.index(0, admin::LatencySeriesModel::FollowerColumn)
                 .data(Qt::BackgroundRole)
                 .value<QBrush>()
                 .color(),
             admin::LatencySeriesModel::troubleColor());
    // Back: a new leader's smaller count is an answer too.
    QVERIFY(model.addStats(1500, stats(3, 12)));
    QVERIFY(model.troubledFollowers().isEmpty());
}

void TestAdminModels::latencyRejectsOtherJson()
{
    admin::LatencySeriesModel model;
    QVERIFY(!model.addStats(0, json(R"({"message":"not current leader"})")));
    QVERIFY(!model.addStats(0, json(R"({"leader":"a","followers":[1,2]})")));
    QCOMPARE(model.sampleCount(), 0);
}

void TestAdminModels::latencyLevels_data()
{
    QTest::addColumn<double>("ms");
    QTest::addColumn<int>("level");
    using L = admin::LatencySeriesModel::Level;
    QTest::newRow("0") << 0.0 << int(L::Good);
    QTest::newRow("24.9") << 24.9 << int(L::Good);
    QTest::newRow("25") << 25.0 << int(L::Fair);
    QTest::newRow("59.9") << 59.9 << int(L::Fair);
    QTest::newRow("60") << 60.0 << int(L::Poor);
    QTest::newRow("1000") << 1000.0 << int(L::Poor);
}

void TestAdminModels::latencyLevels()
{
    QFETCH(double, ms);
    QFETCH(int, level);
    QCOMPARE(int(admin::LatencySeriesModel::level(ms)), level);
}

void TestAdminModels::syntheticSourceIsConsistent()
{
    admin::SyntheticLeaderStatsSource source(QStringLiteral("l"), QStringLiteral("infra0"),
                                             {{QStringLiteral("f1"), QStringLiteral("infra1"), 2},
                                              {QStringLiteral("f2"), QStringLiteral("infra2"), 8}});
    admin::LatencySeriesModel model;
    connect(&source, &admin::LeaderStatsSource::statsReceived, &model,
            &admin::LatencySeriesModel::addStats);
    QSignalSpy names(&source, &admin::LeaderStatsSource::memberNamesChanged);
    source.backfill(200);
    QCOMPARE(names.count(), 1);
    QCOMPARE(model.followerIds(), QStringList({QStringLiteral("f1"), QStringLiteral("f2")}));
    for (const QString &id : model.followerIds()) {
        const admin::FollowerLatency *f = model.follower(id);
        QCOMPARE(f->success + f->fail, 200);
        QVERIFY(f->minimum <= f->average && f->average <= f->maximum);
        QVERIFY(f->standardDeviation >= 0);
        QCOMPARE(model.samples(id).size(), 121); // 60 s window at 500 ms, both ends kept
    }
}

void TestAdminModels::watchEventsCsvAndJson()
{
    admin::WatchEventModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    admin::WatchEvent a;
    a.time = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 6), Qt::UTC);
    a.action = QStringLiteral("set");
    a.key = QStringLiteral("/a");
    a.value = QStringLiteral("x, \"quoted\"\nsecond line");
    a.index = 7;
    admin::WatchEvent b = a;
    b.action = QStringLiteral("delete");
    b.value.clear();
    b.previousValue = QStringLiteral("x");
    b.index = 8;
    model.append({a, b});
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.index(0, admin::WatchEventModel::ValueColumn).data().toString(),
             QStringLiteral("x, \"quoted\"")); // first line in the table

    const QByteArray csv = model.toCsv();
    QCOMPARE(csv,
             QByteArray("time,action,key,value,prevValue,index\r\n"
                        "2026-01-02T03:04:05.006Z,set,/a,\"x, \"\"quoted\"\"\nsecond line\",,7\r\n"
                        "2026-01-02T03:04:05.006Z,delete,/a,,x,8\r\n"));
    QCOMPARE(model.toCsv({1}).count('\n'), 2);

    const QJsonArray array = QJsonDocument::fromJson(model.toJson()).array();
    QCOMPARE(array.size(), 2);
    QCOMPARE(array[0].toObject().value(QStringLiteral("value")).toString(), a.value);
    QCOMPARE(array[1].toObject().value(QStringLiteral("prevValue")).toString(),
             QStringLiteral("x"));
    QCOMPARE(array[1].toObject().value(QStringLiteral("index")).toInt(), 8);
}

void TestAdminModels::watchEventsTrimOldest()
{
    admin::WatchEventModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setMaxRows(3);
    for (int i = 1; i <= 5; ++i) {
        admin::WatchEvent e;
        e.index = quint64(i);
        model.append(e);
    }
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.event(0).index, 3u);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestAdminModels::storeStatsCounters()
{
    admin::StoreStatsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setStats(json(R"({"getsSuccess":12,"getsFail":3,"setsSuccess":40,"setsFail":0,
        "compareAndSwapSuccess":2,"compareAndSwapFail":1,"expireCount":5,"watchers":4})"));
    QCOMPARE(model.counter(0, admin::StoreStatsModel::SuccessColumn), 12);
    QCOMPARE(model.counter(0, admin::StoreStatsModel::FailColumn), 3);
    QCOMPARE(model.counter(5, admin::StoreStatsModel::FailColumn), 1);     // compare-and-swap
    QCOMPARE(model.counter(7, admin::StoreStatsModel::SuccessColumn), 5);  // expired
    QCOMPARE(model.counter(8, admin::StoreStatsModel::SuccessColumn), 4);  // watchers
    QCOMPARE(model.counter(2, admin::StoreStatsModel::SuccessColumn), -1); // not sent
    QCOMPARE(model.index(1, admin::StoreStatsModel::SuccessColumn).data().toString(),
             QLocale().toString(40));
}

void TestAdminModels::membersKeepRowsAcrossRefresh()
{
    admin::MembersModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    client::Member a{QStringLiteral("a1"),
                     QStringLiteral("infra0"),
                     {QStringLiteral("http://p0")},
                     {QStringLiteral("http://c0")}};
    client::Member b{QStringLiteral("b2"),
                     QStringLiteral("infra1"),
                     {QStringLiteral("http://p1")},
                     {QStringLiteral("http://c1")}};
    client::Member c{QStringLiteral("c3"), QString(), {QStringLiteral("http://p2")}, {}};
    model.setMembers({a, b});
    model.setHealth(QStringLiteral("b2"), admin::MemberRow::Health::Unreachable,
                    QStringLiteral("refused"));
    const QDateTime now = QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC);
    model.setSelfStats(QStringLiteral("a1"),
                       json(R"({"state":"StateLeader","startTime":"2026-01-01T10:59:00.123456789Z",
                                "leaderInfo":{"leader":"a1"},"recvAppendRequestCnt":3})"),
                       now);
    model.setMembers({b, c}); // a leaves, c is added (not started yet)
    QCOMPARE(model.rowCount(), 2);
    QCOMPARE(model.row(0).member.id, QStringLiteral("b2"));
    QCOMPARE(model.row(0).health, admin::MemberRow::Health::Unreachable);
    QCOMPARE(model.index(1, admin::MembersModel::NameColumn).data().toString(),
             QStringLiteral("(not started)"));
    QCOMPARE(model.leaderId(), QStringLiteral("a1"));

    model.setMembers({a, b});
    model.setSelfStats(QStringLiteral("a1"),
                       json(R"({"state":"StateLeader","startTime":"2026-01-01T10:59:00.123456789Z",
                                "leaderInfo":{"leader":"a1"}})"),
                       now);
    const int row = model.rowOf(QStringLiteral("a1"));
    QCOMPARE(model.row(row).uptimeSeconds, 3659);
    QCOMPARE(model.index(row, admin::MembersModel::RoleColumn).data().toString(),
             QStringLiteral("leader"));
}

void TestAdminModels::subtreeWrites_data()
{
    QTest::addColumn<QString>("document");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QStringList>("writes"); // "key=value", "key/" for directories, "+ttl"

    QTest::newRow("nested into other dir")
        << R"({"key":"/app","dir":true,"nodes":[
                {"key":"/app/a","value":"1"},
                {"key":"/app/empty","dir":true},
                {"key":"/app/sub","dir":true,"nodes":[{"key":"/app/sub/b","value":"2","ttl":30}]}]})"
        << "/copy" << QStringList{"/copy/a=1", "/copy/empty/", "/copy/sub/b=2+30"};
    QTest::newRow("directory with ttl is created first")
        << R"({"key":"/s","dir":true,"nodes":[{"key":"/s/d","dir":true,"ttl":60,
                "nodes":[{"key":"/s/d/k","value":"v"}]}]})"
        << "/t/" << QStringList{"/t/d/+60", "/t/d/k=v"};
    QTest::newRow("root export") << R"({"dir":true,"key":"/","nodes":[{"key":"/x","value":"y"}]})"
                                 << "/restored" << QStringList{"/restored/x=y"};
    QTest::newRow("single key") << R"({"key":"/one","value":"1"})"
                                << "/other" << QStringList{"/other=1"};
}

void TestAdminModels::subtreeWrites()
{
    QFETCH(QString, document);
    QFETCH(QString, target);
    QFETCH(QStringList, writes);
    client::Node root;
    QString error;
    QVERIFY2(admin::SubtreeJson::parse(document.toUtf8(), &root, &error), qPrintable(error));
    QStringList got;
    for (const admin::SubtreeWrite &w : admin::SubtreeJson::writesFor(root, target)) {
        QString s = w.dir ? w.key + QLatin1Char('/') : w.key + QLatin1Char('=') + w.value;
        if (w.ttl)
            s += QLatin1Char('+') + QString::number(w.ttl);
        got.append(s);
    }
    QCOMPARE(got, writes);
}

void TestAdminModels::subtreeParseAcceptsResponses()
{
    client::Node node;
    node.key = QStringLiteral("/a");
    node.dir = true;
    node.nodes.append(client::Node());
    node.nodes[0].key = QStringLiteral("/a/b");
    node.nodes[0].value = QStringLiteral("c");
    client::Node back;
    QString error;
    QVERIFY(admin::SubtreeJson::parse(admin::SubtreeJson::toDocument(node), &back, &error));
    QCOMPARE(back.nodes.size(), 1);
    QCOMPARE(back.nodes[0].value, QStringLiteral("c"));
    QVERIFY(admin::SubtreeJson::parse(R"({"action":"get","node":{"key":"/k","value":"v"}})", &back,
                                      &error));
    QCOMPARE(back.value, QStringLiteral("v"));
    QVERIFY(!admin::SubtreeJson::parse("[1,2]", &back, &error));
    QVERIFY(!admin::SubtreeJson::parse(R"({"no":"key"})", &back, &error));
    QVERIFY(!admin::SubtreeJson::parse("not json", &back, &error));
    QVERIFY(!error.isEmpty());
}

void TestAdminModels::prettyJson_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("isJson");
    QTest::addColumn<QString>("pretty");
    // Members in their stored order, numbers as written (QJsonDocument
    // would sort the members and print 1.50 as 1.5).
    QTest::newRow("object")
        << R"({"b":1.50,"a":[true,null]})" << true
        << "{\n    \"b\": 1.50,\n    \"a\": [\n        true,\n        null\n    ]\n}";
    QTest::newRow("array with spaces") << "  [1, 2] " << true << "[\n    1,\n    2\n]";
    QTest::newRow("number") << "42" << false << "";
    QTest::newRow("string") << R"("text")" << false << "";
    QTest::newRow("broken") << R"({"a":)" << false << "";
    QTest::newRow("plain") << "hello" << false << "";
}

void TestAdminModels::prettyJson()
{
    QFETCH(QString, value);
    QFETCH(bool, isJson);
    QFETCH(QString, pretty);
    QString out;
    QCOMPARE(admin::ValueFormat::prettyJson(value, &out), isJson);
    if (isJson)
        QCOMPARE(out, pretty);
}

void TestAdminModels::rfc3339WithNanoseconds()
{
    const QDateTime t =
        admin::TimeText::parseRfc3339(QStringLiteral("2026-11-24T00:01:02.123456789Z"));
    QVERIFY(t.isValid());
    QCOMPARE(t.toMSecsSinceEpoch(),
             QDateTime(QDate(2026, 11, 24), QTime(0, 1, 2, 123), Qt::UTC).toMSecsSinceEpoch());
    const QDateTime offset =
        admin::TimeText::parseRfc3339(QStringLiteral("2016-02-02T10:16:08.73+08:00"));
    QCOMPARE(offset.toUTC().time(), QTime(2, 16, 8, 730));
    QVERIFY(!admin::TimeText::parseRfc3339(QStringLiteral("yesterday")).isValid());
}

void TestAdminModels::profilesRoundTrip()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    admin::ProfileStore store(&settings);
    admin::ConnectionProfile p;
    p.name = QStringLiteral("prod/eu west"); // any text is a valid name
    p.endpoints = {QStringLiteral("https://10.0.0.1:2379"), QStringLiteral("10.0.0.2:2379")};
    p.username = QStringLiteral("root");
    p.password = QStringLiteral("secret");
    store.save(p);
    admin::ConnectionProfile q = p;
    q.name = QStringLiteral("kept");
    q.savePassword = true;
    q.production = true;
    // No keyring here: the store says so instead of writing the password
    // into the settings file.
    qputenv("QETCD_ADMIN_KEYRING", "off");
    QVERIFY(store.save(q).contains(QStringLiteral("keyring")));
    qunsetenv("QETCD_ADMIN_KEYRING");
    store.setRecent(q.name);

    QCOMPARE(store.names(), QStringList({QStringLiteral("kept"), QStringLiteral("prod/eu west")}));
    const auto loaded = store.load(p.name);
    QVERIFY(loaded);
    QCOMPARE(loaded->endpoints, p.endpoints);
    QCOMPARE(loaded->password, QString()); // not asked to remember it
    qputenv("QETCD_ADMIN_KEYRING", "off");
    QCOMPARE(store.load(q.name)->password, QString());
    qunsetenv("QETCD_ADMIN_KEYRING");
    QVERIFY(store.load(q.name)->savePassword);
    QVERIFY(store.load(q.name)->production);
    QVERIFY(!loaded->production);
    settings.sync();
    QFile ini(settings.fileName());
    QVERIFY(ini.open(QIODevice::ReadOnly));
    QVERIFY(!ini.readAll().contains("secret"));
    QCOMPARE(store.recent(), QStringLiteral("kept"));
    store.remove(QStringLiteral("kept"));
    QCOMPARE(store.recent(), QString());
    QVERIFY(!store.load(QStringLiteral("kept")));

    const client::ClientConfig config = loaded->toClientConfig();
    QCOMPARE(config.endpoints, QList<QUrl>({QUrl(QStringLiteral("https://10.0.0.1:2379")),
                                            QUrl(QStringLiteral("http://10.0.0.2:2379"))}));
    QCOMPARE(config.username, QStringLiteral("root"));
}

void TestAdminModels::profileValidation_data()
{
    QTest::addColumn<QString>("endpoints");
    QTest::addColumn<QString>("certFile");
    QTest::addColumn<QString>("keyFile");
    QTest::addColumn<bool>("valid");
    QTest::newRow("one") << "http://127.0.0.1:2379"
                         << ""
                         << "" << true;
    QTest::newRow("several, no scheme") << "127.0.0.1:2379, 127.0.0.1:22379"
                                        << ""
                                        << "" << true;
    QTest::newRow("none") << ""
                          << ""
                          << "" << false;
    QTest::newRow("ftp") << "ftp://127.0.0.1:2379"
                         << ""
                         << "" << false;
    QTest::newRow("missing cert file") << "http://127.0.0.1:2379"
                                       << "/nonexistent.pem"
                                       << "/nonexistent.key" << false;
}

void TestAdminModels::profileValidation()
{
    QFETCH(QString, endpoints);
    QFETCH(QString, certFile);
    QFETCH(QString, keyFile);
    QFETCH(bool, valid);
    admin::ConnectionProfile p;
    p.endpoints = admin::ConnectionProfile::parseEndpointText(endpoints);
    p.certFile = certFile;
    p.keyFile = keyFile;
    QCOMPARE(p.validate().isEmpty(), valid);
}

void TestAdminModels::errorWording()
{
    const client::Error unauthorized =
        client::Error::etcd(110, QStringLiteral("The request requires user authentication"),
                            QStringLiteral("Insufficient credentials"), 0, 401);
    QVERIFY(admin::ErrorText::isCredentialsError(unauthorized));
    QVERIFY(admin::ErrorText::describe(unauthorized).contains(QStringLiteral("credentials")));
    QVERIFY(admin::ErrorText::isCredentialsError(
        client::Error::make(client::Error::Kind::Http, QStringLiteral("x"), {}, 401)));
    const client::Error refused =
        client::Error::make(client::Error::Kind::Connection, QStringLiteral("connection refused"),
                            QUrl(QStringLiteral("http://127.0.0.1:1")));
    const QString down =
        admin::ErrorText::describe(client::Error::clusterUnavailable({refused, refused}));
    QCOMPARE(down.count(QStringLiteral("http://127.0.0.1:1")), 2);
    QVERIFY(!admin::ErrorText::isCredentialsError(refused));
    QVERIFY(admin::ErrorText::isConflict(client::Error::etcd(101, QStringLiteral("Compare failed"),
                                                             QStringLiteral("[1 != 2]"), 9, 412)));
}

QTEST_MAIN(TestAdminModels)
#include "tst_admin_models.moc"
