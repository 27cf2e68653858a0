// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The watch panel against a real member: live rows for changes made by
// another client, recursive and single-key watches, pause, filter, saving as
// CSV and JSON, a cleared history, a reopened connection and a restarted
// member.

#include "GuiTestCluster.h"
#include "watch/WatchEventModel.h"
#include "watch/WatchPanel.h"
#include "widgets/MessageBanner.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTemporaryDir>
#include <QTest>

class TestWatchPanel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();

    void listsChangesOfOtherClients();
    void singleKeyWatchIgnoresChildren();
    void pauseHoldsEventsBack();
    void filtersAndSavesCsvAndJson();
    void saysWhenHistoryWasCleared();
    void resumesWhenConnectionReopens();
    void resumesAfterMemberRestart();

private:
    bool startWatch(const QString &key, bool recursive, quint64 from = 0);

    GuiTestCluster m_cluster;
    std::unique_ptr<admin::WatchPanel> m_panel;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestWatchPanel::initTestCase()
{
    QVERIFY2(m_cluster.start(), m_cluster.daemon().output().constData());
}

void TestWatchPanel::init()
{
    m_panel = std::make_unique<admin::WatchPanel>(m_cluster.connection());
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_panel->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_panel->resize(900, 500);
    m_panel->show();
}

void TestWatchPanel::cleanup()
{
    m_tester.reset();
    m_panel.reset();
}

bool TestWatchPanel::startWatch(const QString &key, bool recursive, quint64 from)
{
    m_panel->startWatch(key, recursive, from);
    return QTest::qWaitFor([&] { return m_panel->isListening(); }, 10000);
}

void TestWatchPanel::listsChangesOfOtherClients()
{
    QVERIFY(startWatch(QStringLiteral("/w"), true));
    QVERIFY(m_cluster.set(QStringLiteral("/w/a"), QStringLiteral("1")));
    QVERIFY(m_cluster.set(QStringLiteral("/w/a"), QStringLiteral("2")));
    QVERIFY(m_cluster.set(QStringLiteral("/w/sub/b"), QStringLiteral("x")));
    QVERIFY(m_cluster.remove(QStringLiteral("/w/a")));
    QVERIFY(m_cluster.set(QStringLiteral("/elsewhere"), QStringLiteral("not watched")));
    // A marker written last: events arrive in index order, so once it is listed, an event
    // for /elsewhere would have been listed before it.
    QVERIFY(m_cluster.set(QStringLiteral("/w/marker"), QStringLiteral("m")));

    admin::WatchEventModel *model = m_panel->model();
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 5, 10000);
    QCOMPARE(model->event(4).key, QStringLiteral("/w/marker")); // nothing from /elsewhere
    QCOMPARE(model->event(0).action, QStringLiteral("set"));
    QCOMPARE(model->event(0).value, QStringLiteral("1"));
    QCOMPARE(model->event(1).previousValue, QStringLiteral("1"));
    QCOMPARE(model->event(1).value, QStringLiteral("2"));
    QCOMPARE(model->event(2).key, QStringLiteral("/w/sub/b"));
    QCOMPARE(model->event(3).action, QStringLiteral("delete"));
    QCOMPARE(model->event(3).previousValue, QStringLiteral("2"));
    for (int r = 1; r < 4; ++r)
        QVERIFY(model->event(r).index > model->event(r - 1).index);
    QCOMPARE(model->index(3, admin::WatchEventModel::KeyColumn).data().toString(),
             QStringLiteral("/w/a"));
    QVERIFY(m_panel->statusText().contains(QStringLiteral("/w")));

    m_panel->findChild<QPushButton *>(QStringLiteral("clearButton"))->click();
    QCOMPARE(model->rowCount(), 0);
    m_panel->findChild<QPushButton *>(QStringLiteral("startButton"))->click(); // stop
    QVERIFY(!m_panel->isWatching());
    QVERIFY(m_cluster.set(QStringLiteral("/w/after-stop"), QStringLiteral("x")));
    // A marker: a new watch, started after that write, lists the next one; the stopped watch,
    // had it still been listening, would have listed /w/after-stop by then.
    QVERIFY(startWatch(QStringLiteral("/w"), true));
    QVERIFY(m_cluster.set(QStringLiteral("/w/marker2"), QStringLiteral("m")));
    QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, 10000);
    QCOMPARE(model->event(0).key, QStringLiteral("/w/marker2"));
}

void TestWatchPanel::singleKeyWatchIgnoresChildren()
{
    QVERIFY(startWatch(QStringLiteral("/single"), false));
    QVERIFY(m_cluster.set(QStringLiteral("/single"), QStringLiteral("v")));
    QTRY_COMPARE_WITH_TIMEOUT(m_panel->model()->rowCount(), 1, 10000);
    QCOMPARE(m_panel->model()->event(0).key, QStringLiteral("/single"));
}

void TestWatchPanel::pauseHoldsEventsBack()
{
    QVERIFY(startWatch(QStringLiteral("/p"), true));
    QVERIFY(m_cluster.set(QStringLiteral("/p/1"), QStringLiteral("a")));
    QTRY_COMPARE_WITH_TIMEOUT(m_panel->model()->rowCount(), 1, 10000);
    m_panel->findChild<QPushButton *>(QStringLiteral("pauseButton"))->click();
    QVERIFY(m_panel->isPaused());
    QVERIFY(m_cluster.set(QStringLiteral("/p/2"), QStringLiteral("b")));
    QVERIFY(m_cluster.set(QStringLiteral("/p/3"), QStringLiteral("c")));
    QTRY_COMPARE_WITH_TIMEOUT(m_panel->heldBackCount(), 2, 10000);
    QCOMPARE(m_panel->model()->rowCount(), 1);
    m_panel->findChild<QPushButton *>(QStringLiteral("pauseButton"))->click();
    QCOMPARE(m_panel->model()->rowCount(), 3);
    QCOMPARE(m_panel->model()->event(2).key, QStringLiteral("/p/3"));
}

void TestWatchPanel::filtersAndSavesCsvAndJson()
{
    QVERIFY(startWatch(QStringLiteral("/f"), true));
    QVERIFY(m_cluster.set(QStringLiteral("/f/apple"), QStringLiteral("red")));
    QVERIFY(m_cluster.set(QStringLiteral("/f/banana"), QStringLiteral("yellow, ripe")));
    QVERIFY(m_cluster.set(QStringLiteral("/f/cherry"), QStringLiteral("red")));
    QTRY_COMPARE_WITH_TIMEOUT(m_panel->model()->rowCount(), 3, 10000);

    m_panel->setFilterText(QStringLiteral("red"));
    QCOMPARE(m_panel->proxy()->rowCount(), 2);
    QTemporaryDir dir;
    const QString csvFile = dir.filePath(QStringLiteral("events.csv"));
    QVERIFY(m_panel->saveEvents(csvFile));
    QFile csv(csvFile);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = csv.readAll().split('\n');
    QCOMPARE(lines.size(), 4); // header, 2 rows, empty tail
    QVERIFY(lines[1].contains("/f/apple"));
    QVERIFY(lines[2].contains("/f/cherry"));

    m_panel->setFilterText(QString());
    const QString jsonFile = dir.filePath(QStringLiteral("events.json"));
    QVERIFY(m_panel->saveEvents(jsonFile));
    QFile json(jsonFile);
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonArray array = QJsonDocument::fromJson(json.readAll()).array();
    QCOMPARE(array.size(), 3);
    QCOMPARE(array[1].toObject().value(QStringLiteral("value")).toString(),
             QStringLiteral("yellow, ripe"));
    QCOMPARE(array[1].toObject().value(QStringLiteral("action")).toString(), QStringLiteral("set"));
}

void TestWatchPanel::saysWhenHistoryWasCleared()
{
    // The server keeps the last 1000 events; make the first ones fall out.
    for (int i = 0; i < 1010; ++i)
        QVERIFY(m_cluster.set(QStringLiteral("/h/k"), QString::number(i)));
    m_panel->startWatch(QStringLiteral("/h"), true, 1);
    admin::MessageBanner *banner = m_panel->banner();
    QTRY_VERIFY_WITH_TIMEOUT(
        banner->isShowingMessage() && banner->severity() == admin::Severity::Warning, 10000);
    QVERIFY(banner->text().contains(QStringLiteral("history")));
    QVERIFY(m_panel->isWatching());
    QCOMPARE(m_panel->model()->rowCount(), 0);
    // The watch goes on from the current index.
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->isListening(), 10000);
    QVERIFY(m_cluster.set(QStringLiteral("/h/k"), QStringLiteral("after")));
    QTRY_COMPARE_WITH_TIMEOUT(m_panel->model()->rowCount(), 1, 10000);
    QCOMPARE(m_panel->model()->event(0).value, QStringLiteral("after"));
}

void TestWatchPanel::resumesWhenConnectionReopens()
{
    QVERIFY(startWatch(QStringLiteral("/o"), true));
    QVERIFY(m_cluster.set(QStringLiteral("/o/1"), QStringLiteral("before")));
    QTRY_COMPARE_WITH_TIMEOUT(m_panel->model()->rowCount(), 1, 10000);
    m_cluster.connection()->close();
    QVERIFY(!m_panel->isWatching());
    QVERIFY(m_cluster.set(QStringLiteral("/o/2"), QStringLiteral("while closed")));
    QSignalSpy opened(m_cluster.connection(), &admin::ClusterConnection::opened);
    m_cluster.connection()->open(m_cluster.profile());
    QVERIFY(opened.wait(10000));
    QVERIFY(m_panel->isWatching());
    QVERIFY(m_panel->banner()->text().contains(QStringLiteral("/o")));
    // The change made while closed is not lost.
    QTRY_COMPARE_WITH_TIMEOUT(m_panel->model()->rowCount(), 2, 10000);
    QCOMPARE(m_panel->model()->event(1).value, QStringLiteral("while closed"));
}

void TestWatchPanel::resumesAfterMemberRestart()
{
    QVERIFY(startWatch(QStringLiteral("/r"), true));
    m_cluster.daemon().kill();
    admin::MessageBanner *banner = m_panel->banner();
    QTRY_VERIFY_WITH_TIMEOUT(
        banner->isShowingMessage() && banner->severity() == admin::Severity::Warning, 10000);
    QVERIFY(m_panel->statusText().contains(QStringLiteral("reconnecting")));
    QVERIFY(m_cluster.daemon().start());
    QTRY_VERIFY_WITH_TIMEOUT(banner->severity() == admin::Severity::Success, 15000);
    QVERIFY(m_panel->isListening());
}

QTEST_MAIN(TestWatchPanel)
#include "tst_watchpanel.moc"
