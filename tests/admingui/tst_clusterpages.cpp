// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The cluster page and the leader latency page: members, health and store
// counters from a real member; add/remove member answers reach the user; the
// latency chart from the real single member (no followers), from recorded
// 3-member leader statistics, from synthetic samples and - once clustering
// exists - from a live 3-member cluster.

#include "GuiTestCluster.h"
#include "ThreeMemberCluster.h"
#include "cluster/ClusterPage.h"
#include "cluster/ClusterPoller.h"
#include "cluster/MembersModel.h"
#include "cluster/StoreStatsModel.h"
#include "latency/ClientLeaderStatsSource.h"
#include "latency/LatencyChartPage.h"
#include "latency/LatencySeriesModel.h"
#include "tools/screenshots/SyntheticLeaderStatsSource.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QLabel>
#include <QLineSeries>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

// Plays back /v2/stats/leader answers handed to it, like a leader would
// send them every 500 ms.
class RecordedStatsSource : public admin::LeaderStatsSource
{
public:
    void start() override { m_running = true; }
    void stop() override { m_running = false; }
    bool isRunning() const override { return m_running; }
    QString description() const override { return QStringLiteral("recorded"); }
    void play(qint64 atMs, const QJsonObject &stats) { emit statsReceived(atMs, stats); }

private:
    bool m_running = false;
};

// A leader's statistics shaped like the seed's 3-member example, with the
// given current latencies.
QJsonObject leaderStats(const QString &leader, const QMap<QString, double> &current)
{
    QJsonObject followers;
    for (auto it = current.cbegin(); it != current.cend(); ++it) {
        followers.insert(
            it.key(),
            QJsonObject{{QStringLiteral("counts"), QJsonObject{{QStringLiteral("fail"), 0},
                                                               {QStringLiteral("success"), 745}}},
                        {QStringLiteral("latency"),
                         QJsonObject{{QStringLiteral("average"), 0.017},
                                     {QStringLiteral("current"), it.value()},
                                     {QStringLiteral("maximum"), 1.007649},
                                     {QStringLiteral("minimum"), 0},
                                     {QStringLiteral("standardDeviation"), 0.0529}}}});
    }
    return QJsonObject{{QStringLiteral("leader"), leader},
                       {QStringLiteral("followers"), followers}};
}

} // namespace

class TestClusterPages : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();

    void listsMembersWithHealthAndStats();
    void reportsAddAndRemoveMemberAnswers();
    void latencyFromRealSingleMember();
    void chartDrawsOneLinePerFollower();
    void chartFollowsLeadershipChange();
    void syntheticSourceFeedsTwoFollowers();
    void liveThreeMemberCluster();
    void reportsDownMemberOfLiveCluster();
    void reportsMemberDownAndBack(); // last: restarts the member

private:
    GuiTestCluster m_cluster;
    QString m_memberId;
};

void TestClusterPages::initTestCase()
{
    QVERIFY2(m_cluster.start(), m_cluster.daemon().output().constData());
    client::Reply *r = m_cluster.wait(m_cluster.other()->listMembers());
    QCOMPARE(r->members().size(), 1);
    m_memberId = r->members().first().id;
    r->deleteLater();
}

void TestClusterPages::listsMembersWithHealthAndStats()
{
    for (int i = 0; i < 5; ++i)
        QVERIFY(m_cluster.set(QStringLiteral("/stats/k%1").arg(i), QStringLiteral("v")));
    admin::ClusterPage page(m_cluster.connection());
    QAbstractItemModelTester members(page.membersModel(),
                                     QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester store(page.storeModel(),
                                   QAbstractItemModelTester::FailureReportingMode::QtTest);
    page.show();
    QSignalSpy refreshed(page.poller(), &admin::ClusterPoller::refreshed);
    QVERIFY(refreshed.wait(10000));
    admin::MembersModel *model = page.membersModel();
    QCOMPARE(model->rowCount(), 1);
    const admin::MemberRow &row = model->row(0);
    QCOMPARE(row.member.id, m_memberId);
    QCOMPARE(row.member.name, QStringLiteral("infra0"));
    QCOMPARE(row.member.clientUrls, QStringList{m_cluster.daemon().clientUrl().toString()});
    QCOMPARE(row.health, admin::MemberRow::Health::Healthy);
    QCOMPARE(model->leaderId(), m_memberId);
    QCOMPARE(model->index(0, admin::MembersModel::RoleColumn).data().toString(),
             QStringLiteral("leader"));
    QCOMPARE(row.selfStats.value(QStringLiteral("state")).toString(),
             QStringLiteral("StateLeader"));
    QVERIFY(row.uptimeSeconds >= 0);

    const qint64 sets = page.storeModel()->counter(1, admin::StoreStatsModel::SuccessColumn);
    QVERIFY(sets >= 5);
    QCOMPARE(sets, qint64(m_cluster.storeStats().value(QStringLiteral("setsSuccess")).toDouble()));
    const QString summary = page.findChild<QLabel *>(QStringLiteral("clusterSummary"))->text();
    QVERIFY(summary.contains(QStringLiteral("infra0")));
}

void TestClusterPages::reportsAddAndRemoveMemberAnswers()
{
    admin::ClusterPage page(m_cluster.connection());
    QSignalSpy messages(&page, &admin::ClusterPage::message);
    page.addMemberWithUrls({QStringLiteral("no scheme here")});
    QCOMPARE(messages.count(), 1);
    QCOMPARE(messages.first().first().value<admin::Severity>(), admin::Severity::Error);

    const QString peer = TestLoopback::url(DaemonProcess::freePort()).toString();
    page.addMemberWithUrls({peer});
    QTRY_COMPARE_WITH_TIMEOUT(messages.count(), 2, 10000);
    client::Reply *r = m_cluster.wait(m_cluster.other()->listMembers());
    const QList<client::Member> now = r->members();
    r->deleteLater();
    if (now.size() == 2) {
        // The server added it: the page says so, and can remove it again.
        QCOMPARE(messages.at(1).first().value<admin::Severity>(), admin::Severity::Success);
        const QString added = now.first().id == m_memberId ? now.last().id : now.first().id;
        page.removeMemberById(added);
        QTRY_COMPARE_WITH_TIMEOUT(messages.count(), 3, 10000);
        QCOMPARE(messages.at(2).first().value<admin::Severity>(), admin::Severity::Success);
    } else {
        // The server refused (this build: no membership changes yet); the
        // user is told why, in the server's words.
        QCOMPARE(now.size(), 1);
        QCOMPARE(messages.at(1).first().value<admin::Severity>(), admin::Severity::Error);
        QVERIFY(messages.at(1).at(1).toString().contains(QStringLiteral("HTTP")));
    }
    page.removeMemberById(QStringLiteral("1234abcd"));
    QTRY_VERIFY_WITH_TIMEOUT(
        messages.last().first().value<admin::Severity>() == admin::Severity::Error &&
            messages.last().at(1).toString().contains(QStringLiteral("1234abcd")),
        10000);
}

void TestClusterPages::latencyFromRealSingleMember()
{
    admin::LatencyChartPage page(m_cluster.connection());
    page.show();
    auto *source = qobject_cast<admin::ClientLeaderStatsSource *>(page.source());
    QVERIFY(source);
    QVERIFY(source->isRunning());
    QCOMPARE(source->interval(), 500);
    QTRY_VERIFY_WITH_TIMEOUT(page.model()->sampleCount() >= 2, 10000);
    QCOMPARE(source->leaderEndpoint(), m_cluster.daemon().clientUrl());
    QCOMPARE(page.model()->leaderId(), m_memberId);
    QCOMPARE(page.model()->rowCount(), 0);
    QCOMPARE(page.seriesCount(), 0);
    QVERIFY(page.findChild<QLabel *>(QStringLiteral("noFollowersLabel"))->isVisible());
}

void TestClusterPages::chartDrawsOneLinePerFollower()
{
    admin::LatencyChartPage page(nullptr);
    auto *source = new RecordedStatsSource;
    page.setSource(source);
    for (int i = 0; i < 10; ++i) {
        source->play(i * 500, leaderStats(QStringLiteral("924e2e83e93f2560"),
                                          {{QStringLiteral("6e3bd23ae5f1eae0"), 1.0 + i},
                                           {QStringLiteral("a8266ecf031671f3"), 30.0 + i * 5}}));
    }
    QCOMPARE(page.seriesCount(), 2);
    QLineSeries *first = page.series(QStringLiteral("6e3bd23ae5f1eae0"));
    QLineSeries *second = page.series(QStringLiteral("a8266ecf031671f3"));
    QVERIFY(first && second);
    QCOMPARE(first->count(), 10);
    QCOMPARE(second->count(), 10);
    // x: seconds before the newest sample; y: the current latency.
    QCOMPARE(first->at(9), QPointF(0, 10.0));
    QCOMPARE(first->at(0), QPointF(-4.5, 1.0));
    QCOMPARE(second->at(9).y(), 75.0);
    // Points carry the dashboard colours: 30 ms is orange, 75 ms red.
    QCOMPARE(
        second->pointConfiguration(0).value(QXYSeries::PointConfiguration::Color).value<QColor>(),
        admin::LatencySeriesModel::color(admin::LatencySeriesModel::Level::Fair));
    QCOMPARE(
        second->pointConfiguration(9).value(QXYSeries::PointConfiguration::Color).value<QColor>(),
        admin::LatencySeriesModel::color(admin::LatencySeriesModel::Level::Poor));
    QCOMPARE(page.model()->rowCount(), 2);

    emit source->memberNamesChanged(
        {{QStringLiteral("6e3bd23ae5f1eae0"), QStringLiteral("infra1")}});
    QCOMPARE(first->name(), QStringLiteral("infra1"));
}

void TestClusterPages::chartFollowsLeadershipChange()
{
    admin::LatencyChartPage page(nullptr);
    auto *source = new RecordedStatsSource;
    page.setSource(source);
    source->play(
        0, leaderStats(QStringLiteral("a"), {{QStringLiteral("b"), 1}, {QStringLiteral("c"), 2}}));
    source->play(500, leaderStats(QStringLiteral("a"),
                                  {{QStringLiteral("b"), 1}, {QStringLiteral("c"), 2}}));
    // c becomes the leader: a is now a follower, c no longer has a line.
    source->play(1000, leaderStats(QStringLiteral("c"),
                                   {{QStringLiteral("a"), 3}, {QStringLiteral("b"), 4}}));
    QCOMPARE(page.seriesCount(), 2);
    QVERIFY(!page.series(QStringLiteral("c")));
    QCOMPARE(page.series(QStringLiteral("a"))->count(), 1);
    QCOMPARE(page.series(QStringLiteral("b"))->count(), 3);
    QCOMPARE(page.model()->leaderId(), QStringLiteral("c"));
}

void TestClusterPages::syntheticSourceFeedsTwoFollowers()
{
    admin::LatencyChartPage page(nullptr);
    auto *source = new admin::SyntheticLeaderStatsSource(
        QStringLiteral("l"), QStringLiteral("infra0"),
        {{QStringLiteral("f1"), QStringLiteral("infra1"), 2},
         {QStringLiteral("f2"), QStringLiteral("infra2"), 8}});
    page.setSource(source);
    source->backfill(30);
    QCOMPARE(page.seriesCount(), 2);
    QCOMPARE(page.series(QStringLiteral("f1"))->count(), 30);
    QCOMPARE(page.series(QStringLiteral("f2"))->name(), QStringLiteral("infra2"));
    QVERIFY(page.findChild<QLabel *>(QStringLiteral("latencySource"))
                ->text()
                .contains(QStringLiteral("Synthetic")));
}

void TestClusterPages::liveThreeMemberCluster()
{
    ThreeMemberCluster members;
    const QString why = members.start();
    QVERIFY2(why.isEmpty(),
             qPrintable(QStringLiteral("the 3-member cluster did not form: ") + why));
    admin::ClusterConnection connection;
    admin::ConnectionProfile profile;
    profile.name = QStringLiteral("three");
    for (int i = 0; i < 3; ++i)
        profile.endpoints.append(members.endpoint(i).toString());
    QSignalSpy opened(&connection, &admin::ClusterConnection::opened);
    connection.open(profile);
    QVERIFY(opened.wait(10000));
    admin::LatencyChartPage page(&connection);
    QTRY_VERIFY_WITH_TIMEOUT(page.model()->rowCount() == 2 && page.seriesCount() == 2 &&
                                 page.series(page.model()->followerIds().first())->count() >= 3 &&
                                 page.series(page.model()->followerIds().last())->count() >= 3,
                             20000);
}

void TestClusterPages::reportsDownMemberOfLiveCluster()
{
    ThreeMemberCluster members;
    const QString why = members.start();
    QVERIFY2(why.isEmpty(),
             qPrintable(QStringLiteral("the 3-member cluster did not form: ") + why));
    admin::ClusterConnection connection;
    connection.setLeaderRefreshInterval(200);
    admin::ConnectionProfile profile;
    profile.name = QStringLiteral("three");
    for (int i = 0; i < 3; ++i)
        profile.endpoints.append(members.endpoint(i).toString());
    QSignalSpy opened(&connection, &admin::ClusterConnection::opened);
    QSignalSpy connectionMessages(&connection, &admin::ClusterConnection::message);
    connection.open(profile);
    QVERIFY(opened.wait(10000));
    admin::ClusterPage page(&connection);
    QSignalSpy pageMessages(&page, &admin::ClusterPage::message);
    QSignalSpy refreshed(page.poller(), &admin::ClusterPoller::refreshed);
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(page.membersModel()->rowCount(), 3);

    // The member the app talks to goes down.
    const QUrl inUse = connection.status().member;
    const int down = members.indexOf(inUse);
    QVERIFY(down >= 0);
    members.kill(down);
    connectionMessages.clear();

    // The status bar moves to another member and the user is told, without
    // any dialog; the cluster page marks the member unreachable.
    QTRY_VERIFY_WITH_TIMEOUT(
        connection.status().member != inUse && connection.status().member.isValid(), 20000);
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(connectionMessages.begin(), connectionMessages.end(),
                                         [&](const QList<QVariant> &m) {
                                             return m.at(0).value<admin::Severity>() ==
                                                        admin::Severity::Warning &&
                                                    m.at(1).toString().contains(inUse.toString());
                                         }),
                             5000);
    const int row = page.membersModel()->rowOf([&] {
        for (int r = 0; r < page.membersModel()->rowCount(); ++r) {
            if (page.membersModel()->row(r).member.name == members.name(down))
                return page.membersModel()->row(r).member.id;
        }
        return QString();
    }());
    QVERIFY(row >= 0);
    QTRY_COMPARE_WITH_TIMEOUT(page.membersModel()->row(row).health,
                              admin::MemberRow::Health::Unreachable, 20000);
    QVERIFY(std::any_of(pageMessages.begin(), pageMessages.end(), [&](const QList<QVariant> &m) {
        return m.at(1).toString().contains(members.name(down));
    }));
}

void TestClusterPages::reportsMemberDownAndBack()
{
    admin::ClusterPage page(m_cluster.connection());
    QSignalSpy refreshed(page.poller(), &admin::ClusterPoller::refreshed);
    QSignalSpy messages(&page, &admin::ClusterPage::message);
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(page.membersModel()->row(0).health, admin::MemberRow::Health::Healthy);

    m_cluster.daemon().kill();
    page.poller()->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(page.membersModel()->row(0).health,
                              admin::MemberRow::Health::Unreachable, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!messages.isEmpty(), 5000);
    QCOMPARE(messages.last().first().value<admin::Severity>(), admin::Severity::Warning);
    QVERIFY(messages.last().at(1).toString().contains(QStringLiteral("infra0")));

    QVERIFY(m_cluster.daemon().start());
    QTRY_COMPARE_WITH_TIMEOUT(page.membersModel()->row(0).health, admin::MemberRow::Health::Healthy,
                              15000);
    QCOMPARE(messages.last().first().value<admin::Severity>(), admin::Severity::Success);
}

QTEST_MAIN(TestClusterPages)
#include "tst_clusterpages.moc"
