// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Cluster and access pages of qetcd-admin against real members: the latency
// page flags a paused or killed follower, banners do not move the page, add
// member shows the start lines, and the auth pages administer users and
// roles that then work from qetcdctl.

#include "ThreeMemberCluster.h"

#include "connection/ClusterConnection.h"
#include "connection/ConnectionProfile.h"
#include "latency/ClientLeaderStatsSource.h"
#include "latency/LatencyChartPage.h"
#include "latency/LatencySeriesModel.h"

#include <QBrush>
#include <QElapsedTimer>
#include <QLineSeries>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

class TestClusterAccess : public QObject
{
    Q_OBJECT

private slots:
    void latencyFlagsPausedAndKilledFollower();
};

namespace {

admin::ConnectionProfile profileOf(const ThreeMemberCluster &members)
{
    admin::ConnectionProfile profile;
    profile.name = QStringLiteral("three");
    for (int i = 0; i < 3; ++i)
        profile.endpoints.append(members.endpoint(i).toString());
    return profile;
}

// The follower's latency series: its last point's colour.
QColor lastPointColor(admin::LatencyChartPage &page, const QString &id)
{
    QLineSeries *series = page.series(id);
    if (!series || series->count() == 0)
        return QColor();
    return series->pointConfiguration(series->count() - 1)
        .value(QXYSeries::PointConfiguration::Color)
        .value<QColor>();
}

int rowOf(const admin::LatencySeriesModel *model, const QString &id)
{
    return int(model->followerIds().indexOf(id));
}

} // namespace

void TestClusterAccess::latencyFlagsPausedAndKilledFollower()
{
    ThreeMemberCluster members;
    const QString why = members.start();
    QVERIFY2(why.isEmpty(), qPrintable(QStringLiteral("the cluster did not form: ") + why));
    admin::ClusterConnection connection;
    QSignalSpy opened(&connection, &admin::ClusterConnection::opened);
    connection.open(profileOf(members));
    QVERIFY(opened.wait(10000));
    admin::LatencyChartPage page(&connection);
    admin::LatencySeriesModel *model = page.model();
    auto *source = qobject_cast<admin::ClientLeaderStatsSource *>(page.source());
    QVERIFY(source);
    QCOMPARE(source->interval(), 500);
    // Names come with the first answers; wait until both followers answer.
    QTRY_VERIFY_WITH_TIMEOUT(
        model->rowCount() == 2 && model->troubledFollowers().isEmpty() &&
            model->samples(model->followerIds().first()).size() >= 3 &&
            !model->displayName(model->followerIds().first()).startsWith(QLatin1Char('0')),
        20000);
    QVERIFY(page.troubleText().isEmpty());

    // A follower that is not the member the app talks to.
    const int inUse = members.indexOf(connection.status().member);
    QString victimId;
    int victim = -1;
    for (const QString &id : model->followerIds()) {
        for (int i = 0; i < 3; ++i) {
            if (model->displayName(id) == members.name(i) && i != inUse) {
                victimId = id;
                victim = i;
            }
        }
    }
    QVERIFY2(victim >= 0, "no follower other than the member in use");

    members.pause(victim);
    QElapsedTimer sincePause;
    sincePause.start();
    const int samplesAtPause = model->sampleCount();
    QTRY_VERIFY_WITH_TIMEOUT(model->troubledFollowers().contains(victimId), 5000);
    // Within two polls of the source (one more for a request in flight).
    QVERIFY2(model->sampleCount() - samplesAtPause <= 3,
             qPrintable(QStringLiteral("flagged after %1 polls, %2 ms")
                            .arg(model->sampleCount() - samplesAtPause)
                            .arg(sincePause.elapsed())));
    const QRegularExpression words(
        QStringLiteral("follower %1 not answering since \\d\\d:\\d\\d:\\d\\d")
            .arg(members.name(victim)));
    QVERIFY2(words.match(page.troubleText()).hasMatch(), qPrintable(page.troubleText()));
    const int row = rowOf(model, victimId);
    QCOMPARE(model->index(row, admin::LatencySeriesModel::FollowerColumn)
                 .data(Qt::BackgroundRole)
                 .value<QBrush>()
                 .color(),
             admin::LatencySeriesModel::troubleColor());
    QCOMPARE(model->index(row, admin::LatencySeriesModel::CurrentColumn).data().toString(),
             QStringLiteral("no answer"));
    QCOMPARE(lastPointColor(page, victimId), admin::LatencySeriesModel::troubleColor());
    // The other follower stays green.
    const QString otherId = model->followerIds().at(row == 0 ? 1 : 0);
    QVERIFY(!model->troubledFollowers().contains(otherId));

    members.resume(victim);
    QTRY_VERIFY_WITH_TIMEOUT(model->troubledFollowers().isEmpty(), 10000);
    QVERIFY(page.troubleText().isEmpty());

    // Killed: flagged as well, and never "0.000" in green.
    members.kill(victim);
    QTRY_VERIFY_WITH_TIMEOUT(model->troubledFollowers().contains(victimId), 5000);
    QVERIFY2(words.match(page.troubleText()).hasMatch(), qPrintable(page.troubleText()));
    QTest::qWait(2500); // the leader drops the connection after three lost pings
    QVERIFY(model->troubledFollowers().contains(victimId));
    const QModelIndex current =
        model->index(rowOf(model, victimId), admin::LatencySeriesModel::CurrentColumn);
    QCOMPARE(current.data().toString(), QStringLiteral("no answer"));
    QVERIFY(current.data(Qt::BackgroundRole).value<QBrush>().color() !=
            admin::LatencySeriesModel::color(admin::LatencySeriesModel::Level::Good));
    QCOMPARE(lastPointColor(page, victimId), admin::LatencySeriesModel::troubleColor());
}

QTEST_MAIN(TestClusterAccess)
#include "tst_clusteraccess.moc"
