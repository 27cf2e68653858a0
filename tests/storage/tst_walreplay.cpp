// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The replay rules, as a table: leader overwrites, snapshot markers moving the start, a fixed
// start from the caller's snapshot, gaps and missing prefixes.
#include "storage/WalReplay.h"

#include <QTest>

using storage::SnapshotMarker;
using storage::WalReplay;

class TestWalReplay : public QObject
{
    Q_OBJECT

private slots:
    void replay_data();
    void replay();
};

void TestWalReplay::replay_data()
{
    // records: "e<index>.<term>" is an entry, "m<index>.<term>" a snapshot marker.
    // replayAfter: -1 follows markers. error: "" / "gap" (addEntry fails) / "missing" (finish
    // fails).
    QTest::addColumn<QString>("records");
    QTest::addColumn<int>("replayAfter");
    QTest::addColumn<QString>("entries");
    QTest::addColumn<QString>("error");
    QTest::addColumn<int>("lastIndex");

    QTest::newRow("plain") << "e1.1 e2.1 e3.1" << -1 << "e1.1 e2.1 e3.1"
                           << "" << 3;
    QTest::newRow("overwrite tail") << "e1.1 e2.1 e3.1 e4.1 e3.2" << -1 << "e1.1 e2.1 e3.2"
                                    << "" << 3;
    QTest::newRow("overwrite then extend")
        << "e1.1 e2.1 e3.1 e2.2 e3.2 e4.2" << -1 << "e1.1 e2.2 e3.2 e4.2"
        << "" << 4;
    QTest::newRow("overwrite from first") << "e1.1 e2.1 e1.2" << -1 << "e1.2"
                                          << "" << 1;
    QTest::newRow("marker drops prefix") << "e1.1 e2.1 e3.1 m2.1 e4.1" << -1 << "e3.1 e4.1"
                                         << "" << 4;
    QTest::newRow("marker at end") << "e1.1 e2.1 m2.1" << -1 << ""
                                   << "" << 2;
    QTest::newRow("newest marker wins") << "e1.1 e2.1 m1.1 e3.1 m2.1" << -1 << "e3.1"
                                        << "" << 3;
    QTest::newRow("entries before marker of purged log")
        << "e11.2 e12.2 m10.1 e13.2" << -1 << "e11.2 e12.2 e13.2"
        << "" << 13;
    QTest::newRow("follower restore") << "e1.1 e2.1 m100.3 e101.3" << -1 << "e101.3"
                                      << "" << 101;
    QTest::newRow("fixed start") << "e1.1 e2.1 e3.1 m2.1 e4.1" << 1 << "e2.1 e3.1 e4.1"
                                 << "" << 4;
    QTest::newRow("fixed start newer than marker") << "e1.1 e2.1 e3.1 m1.1" << 2 << "e3.1"
                                                   << "" << 3;
    QTest::newRow("fixed start beyond log") << "e1.1 e2.1" << 5 << ""
                                            << "" << 2;
    QTest::newRow("fixed start before restore") << "e1.1 e2.1 m100.3 e101.3" << 1 << "e101.3"
                                                << "missing" << 101;
    QTest::newRow("gap") << "e1.1 e2.1 e4.1" << -1 << ""
                         << "gap" << 4;
    QTest::newRow("missing prefix") << "e5.1 e6.1" << -1 << "e5.1 e6.1"
                                    << "missing" << 6;
    QTest::newRow("missing prefix fixed start") << "m3.1 e4.1" << 1 << "e4.1"
                                                << "missing" << 4;
}

void TestWalReplay::replay()
{
    QFETCH(QString, records);
    QFETCH(int, replayAfter);
    QFETCH(QString, entries);
    QFETCH(QString, error);
    QFETCH(int, lastIndex);

    WalReplay r(replayAfter < 0 ? std::nullopt : std::optional<quint64>(quint64(replayAfter)));
    QString gap;
    for (const QString &rec : records.split(u' ', Qt::SkipEmptyParts)) {
        const QStringList it = rec.mid(1).split(u'.');
        const quint64 index = it[0].toULongLong(), term = it[1].toULongLong();
        if (rec.startsWith(u'e')) {
            raft::Entry e;
            e.index = index;
            e.term = term;
            e.data = rec.toUtf8();
            gap = r.addEntry(e);
            if (!gap.isEmpty())
                break;
        } else {
            r.addMarker(SnapshotMarker{index, term});
        }
    }
    QCOMPARE(r.lastIndex(), quint64(lastIndex));
    if (error == QLatin1String("gap")) {
        QVERIFY(gap.contains(QLatin1String("gap")));
        return;
    }
    QVERIFY2(gap.isEmpty(), qPrintable(gap));
    QStringList got;
    for (const raft::Entry &e : r.entries())
        got.append(QStringLiteral("e%1.%2").arg(e.index).arg(e.term));
    QCOMPARE(got.join(u' '), entries);
    QCOMPARE(r.finish().isEmpty(), error.isEmpty());
}

QTEST_APPLESS_MAIN(TestWalReplay)
#include "tst_walreplay.moc"
