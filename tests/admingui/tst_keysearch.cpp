// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Server-side search (issue 19, item 5) against a real member: keys in
// directories the key browser never opened are found, by name and by
// value, the hits stream in before the walk ends, the count of keys
// searched is exact, and a search can be stopped.

#include "GuiTestCluster.h"
#include "keys/KeyBrowserPage.h"
#include "keys/KeyTreeModel.h"
#include "search/KeySearch.h"
#include "search/KeySearchDialog.h"
#include "search/KeySearchQuery.h"
#include "search/SearchResultsModel.h"

#include <QAction>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

class TestKeySearch : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void queryMatches_data();
    void queryMatches();
    void findsKeysInUnopenedDirectories();
    void searchesValues();
    void streamsAndCancels();
    void searchFromKeyBrowserOpensHit();

private:
    GuiTestCluster m_cluster;
};

void TestKeySearch::initTestCase()
{
    QVERIFY2(m_cluster.start(), m_cluster.daemon().output().constData());
    // 24 settings.json below 24 services, in directories nobody listed.
    for (int i = 0; i < 24; ++i) {
        const QString base = QStringLiteral("/svc/team%1/service%2").arg(i % 4).arg(i);
        QVERIFY(m_cluster.set(base + QStringLiteral("/settings.json"),
                              QStringLiteral("{\"port\":%1}").arg(8000 + i)));
        QVERIFY(m_cluster.set(base + QStringLiteral("/version"), QStringLiteral("1.%1").arg(i)));
    }
    QVERIFY(m_cluster.set(QStringLiteral("/svc/_hidden/settings.json"), QStringLiteral("{}")));
}

void TestKeySearch::queryMatches_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<bool>("values");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("match");
    using M = admin::KeySearchQuery::Match;
    QTest::newRow("substring of name") << "settings" << false << "/a/settings.json"
                                       << "" << int(M::Name);
    QTest::newRow("case-insensitive") << "SETTINGS" << false << "/a/settings.json"
                                      << "" << int(M::Name);
    QTest::newRow("not the directory part") << "a" << false << "/a/xyz"
                                            << "" << int(M::None);
    QTest::newRow("path pattern") << "/a/x" << false << "/a/xyz"
                                  << "" << int(M::Name);
    QTest::newRow("wildcard whole name") << "*.json" << false << "/a/s.json"
                                         << "" << int(M::Name);
    QTest::newRow("wildcard must match all") << "*.json" << false << "/a/s.jsonx"
                                             << "" << int(M::None);
    QTest::newRow("value off") << "8080" << false << "/a/port"
                               << "8080" << int(M::None);
    QTest::newRow("value on") << "8080" << true << "/a/port"
                              << "x8080x" << int(M::Value);
    QTest::newRow("value wildcard") << "80*0" << true << "/a/port"
                                    << "x8080x" << int(M::Value);
    QTest::newRow("empty matches nothing") << "" << true << "/a"
                                           << "" << int(M::None);
}

void TestKeySearch::queryMatches()
{
    QFETCH(QString, pattern);
    QFETCH(bool, values);
    QFETCH(QString, key);
    QFETCH(QString, value);
    QFETCH(int, match);
    client::Node n;
    n.key = key;
    n.value = value;
    QCOMPARE(int(admin::KeySearchQuery(pattern, values).match(n)), match);
}

void TestKeySearch::findsKeysInUnopenedDirectories()
{
    admin::KeySearch search(m_cluster.connection());
    QSignalSpy finished(&search, &admin::KeySearch::finished);
    QStringList found;
    connect(&search, &admin::KeySearch::hitsFound, this, [&](const QList<admin::SearchHit> &hits) {
        for (const admin::SearchHit &h : hits)
            found.append(h.key);
    });
    search.start(QStringLiteral("/svc"),
                 admin::KeySearchQuery(QStringLiteral("settings.json"), false));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    const admin::KeySearch::Summary s = search.summary();
    QVERIFY(s.completed);
    QCOMPARE(found.size(), 24);
    QVERIFY(found.contains(QStringLiteral("/svc/team3/service7/settings.json")));
    QCOMPARE(s.hits, 24);
    QCOMPARE(s.keysSearched, 48); // every key below /svc, hidden ones are not listed
    QCOMPARE(s.directoriesSearched, 1 + 4 + 24);
    QVERIFY(s.failedDirectories.isEmpty());
}

void TestKeySearch::searchesValues()
{
    admin::KeySearch search(m_cluster.connection());
    QSignalSpy finished(&search, &admin::KeySearch::finished);
    QList<admin::SearchHit> hits;
    connect(&search, &admin::KeySearch::hitsFound, this,
            [&](const QList<admin::SearchHit> &h) { hits.append(h); });
    search.start(QStringLiteral("/"), admin::KeySearchQuery(QStringLiteral("8017"), true));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QCOMPARE(hits.size(), 1);
    QCOMPARE(hits.first().key, QStringLiteral("/svc/team1/service17/settings.json"));
    QCOMPARE(hits.first().match, admin::KeySearchQuery::Match::Value);
    QVERIFY(hits.first().modifiedIndex > 0);

    // Below a hidden directory, named as the start, the listing works.
    hits.clear();
    search.start(QStringLiteral("/svc/_hidden"),
                 admin::KeySearchQuery(QStringLiteral("settings"), false));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 2, 20000);
    QCOMPARE(hits.size(), 1);
}

void TestKeySearch::streamsAndCancels()
{
    admin::KeySearch search(m_cluster.connection());
    QSignalSpy finished(&search, &admin::KeySearch::finished);
    QSignalSpy hits(&search, &admin::KeySearch::hitsFound);
    // Several hit batches arrive before the search ends.
    search.start(QStringLiteral("/svc"), admin::KeySearchQuery(QStringLiteral("version"), false));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
    QVERIFY2(hits.count() >= 24, qPrintable(QString::number(hits.count())));

    search.start(QStringLiteral("/svc"), admin::KeySearchQuery(QStringLiteral("version"), false));
    QVERIFY(search.isRunning());
    search.cancel();
    QCOMPARE(finished.count(), 2);
    QVERIFY(!search.summary().completed);
    QVERIFY(!search.isRunning());
    QTest::qWait(300); // replies that were in flight must not report anything
    QCOMPARE(finished.count(), 2);
}

void TestKeySearch::searchFromKeyBrowserOpensHit()
{
    admin::KeyBrowserPage page(m_cluster.connection());
    page.resize(1000, 600);
    page.show();
    QTRY_VERIFY_WITH_TIMEOUT(page.model()->isRootLoaded(), 10000);
    QVERIFY(
        !page.model()->indexForKey(QStringLiteral("/svc/team2/service6/settings.json")).isValid());
    auto *action = page.findChild<QAction *>(QStringLiteral("serverSearchAction"));
    QVERIFY(action);
    action->trigger();
    auto *dialog = page.findChild<admin::KeySearchDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    dialog->findChild<QLineEdit *>(QStringLiteral("searchRootEdit"))
        ->setText(QStringLiteral("/svc"));
    auto *pattern = dialog->findChild<QLineEdit *>(QStringLiteral("searchPatternEdit"));
    QTest::keyClicks(pattern, QStringLiteral("*.json"));
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("searchStartButton")),
                      Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->search()->isRunning(), 20000);
    QCOMPARE(dialog->results()->rowCount(), 24);
    QVERIFY2(dialog->statusText().contains(QStringLiteral("48")), qPrintable(dialog->statusText()));
    const int row =
        int(dialog->results()->keys().indexOf(QStringLiteral("/svc/team2/service6/settings.json")));
    QVERIFY(row >= 0);
    auto *view = dialog->findChild<QTableView *>(QStringLiteral("searchResults"));
    emit view->activated(dialog->results()->index(row, 0));
    QTRY_COMPARE_WITH_TIMEOUT(page.currentKey(),
                              QStringLiteral("/svc/team2/service6/settings.json"), 10000);
}

QTEST_MAIN(TestKeySearch)
#include "tst_keysearch.moc"
