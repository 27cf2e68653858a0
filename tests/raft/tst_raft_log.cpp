// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The log layers under the algorithm: MemoryStorage (the application's durable mirror),
// RaftLog (storage + unstable tail), and the leader's flow control (Progress, Inflights).
#include "raft/Inflights.h"
#include "raft/MemoryStorage.h"
#include "raft/Progress.h"
#include "raft/RaftLog.h"

#include <QtTest/QTest>

#include <limits>

using namespace raft;

namespace {
constexpr quint64 kNoLimit = std::numeric_limits<quint64>::max();

Entry e(quint64 term, quint64 index, const QByteArray &data = {})
{
    return Entry{term, index, EntryType::Normal, data};
}

// Storage holding a snapshot at (3, 3) and entries 4..6 of terms 4, 5, 6.
void fill(MemoryStorage &s)
{
    s.append({e(1, 1), e(2, 2), e(3, 3), e(4, 4), e(5, 5), e(6, 6)});
    QCOMPARE(s.createSnapshot(3, ConfState{{1}, {}}, "snap"), StorageError::Ok);
    QCOMPARE(s.compact(3), StorageError::Ok);
}
} // namespace

Q_DECLARE_METATYPE(raft::StorageError)

class TestRaftLog : public QObject
{
    Q_OBJECT

private slots:
    void storageTerm_data()
    {
        QTest::addColumn<quint64>("index");
        QTest::addColumn<StorageError>("error");
        QTest::addColumn<quint64>("term");
        QTest::newRow("compacted") << quint64(2) << StorageError::Compacted << quint64(0);
        QTest::newRow("snapshot entry") << quint64(3) << StorageError::Ok << quint64(3);
        QTest::newRow("first") << quint64(4) << StorageError::Ok << quint64(4);
        QTest::newRow("last") << quint64(6) << StorageError::Ok << quint64(6);
        QTest::newRow("beyond") << quint64(7) << StorageError::Unavailable << quint64(0);
    }
    void storageTerm()
    {
        QFETCH(quint64, index);
        QFETCH(StorageError, error);
        QFETCH(quint64, term);
        MemoryStorage s;
        fill(s);
        quint64 t = 99;
        QCOMPARE(s.term(index, &t), error);
        QCOMPARE(t, term);
    }

    void storageEntries_data()
    {
        QTest::addColumn<quint64>("lo");
        QTest::addColumn<quint64>("hi");
        QTest::addColumn<quint64>("maxBytes");
        QTest::addColumn<StorageError>("error");
        QTest::addColumn<int>("count");
        QTest::newRow("compacted")
            << quint64(3) << quint64(5) << kNoLimit << StorageError::Compacted << 0;
        QTest::newRow("beyond") << quint64(4) << quint64(8) << kNoLimit << StorageError::Unavailable
                                << 0;
        QTest::newRow("all") << quint64(4) << quint64(7) << kNoLimit << StorageError::Ok << 3;
        QTest::newRow("one byte keeps one entry")
            << quint64(4) << quint64(7) << quint64(1) << StorageError::Ok << 1;
        QTest::newRow("two entries fit")
            << quint64(4) << quint64(7) << 2 * e(1, 1).payloadSize() << StorageError::Ok << 2;
    }
    void storageEntries()
    {
        QFETCH(quint64, lo);
        QFETCH(quint64, hi);
        QFETCH(quint64, maxBytes);
        QFETCH(StorageError, error);
        QFETCH(int, count);
        MemoryStorage s;
        fill(s);
        QList<Entry> out;
        QCOMPARE(s.entries(lo, hi, maxBytes, &out), error);
        QCOMPARE(out.size(), count);
        if (count > 0)
            QCOMPARE(out.first().index, lo);
    }

    void storageAppendReplacesSuffix()
    {
        MemoryStorage s;
        fill(s);
        QCOMPARE(s.append({e(7, 5), e(7, 6), e(7, 7)}), StorageError::Ok);
        QCOMPARE(s.lastIndex(), quint64(7));
        quint64 t = 0;
        s.term(4, &t);
        QCOMPARE(t, quint64(4));
        s.term(5, &t);
        QCOMPARE(t, quint64(7));
        // Entries overlapping the snapshot are trimmed, a gap is refused.
        QCOMPARE(s.append({e(3, 3), e(8, 4)}), StorageError::Ok);
        QCOMPARE(s.lastIndex(), quint64(4));
        QCOMPARE(s.firstIndex(), quint64(4));
        QCOMPARE(s.append({e(9, 9)}), StorageError::Unavailable);
    }

    // A compaction that hands over what it drops (for the member to free on another thread)
    // leaves the storage as one that frees them, and hands over exactly the dropped entries,
    // in order, with their data.
    void compactHandsOverWhatItDrops()
    {
        MemoryStorage kept, freed;
        for (MemoryStorage *s : {&kept, &freed}) {
            for (quint64 i = 1; i <= 8; ++i)
                QCOMPARE(s->append({e(i, i, "data" + QByteArray::number(i))}), StorageError::Ok);
            QCOMPARE(s->createSnapshot(6, ConfState{{1}, {}}, "snap"), StorageError::Ok);
        }
        QList<Entry> dropped{e(0, 0, "before")};
        QCOMPARE(kept.compact(5, &dropped), StorageError::Ok);
        QCOMPARE(freed.compact(5), StorageError::Ok);
        // Index 1..4 (the first slot, 0, is the dummy the storage keeps in front).
        QCOMPARE(dropped.size(), 1 + 5);
        QCOMPARE(dropped.first().data, QByteArray("before"));
        for (quint64 i = 1; i <= 4; ++i)
            QCOMPARE(dropped.at(qsizetype(i) + 1), e(i, i, "data" + QByteArray::number(i)));
        QCOMPARE(kept.firstIndex(), freed.firstIndex());
        QCOMPARE(kept.lastIndex(), freed.lastIndex());
        QList<Entry> a, b;
        QCOMPARE(kept.entries(kept.firstIndex(), kept.lastIndex() + 1, kNoLimit, &a),
                 StorageError::Ok);
        QCOMPARE(freed.entries(freed.firstIndex(), freed.lastIndex() + 1, kNoLimit, &b),
                 StorageError::Ok);
        QCOMPARE(a, b);
        QCOMPARE(a.first(), e(6, 6, "data6"));
        quint64 t = 0;
        QCOMPARE(kept.term(5, &t), StorageError::Ok);
        QCOMPARE(t, quint64(5));
    }

    void storageSnapshotRules()
    {
        MemoryStorage s;
        fill(s);
        QCOMPARE(s.compact(5), StorageError::Unavailable); // beyond the snapshot
        QCOMPARE(s.compact(2), StorageError::Compacted);
        QCOMPARE(s.createSnapshot(3, {}, {}), StorageError::SnapshotOutOfDate);
        QCOMPARE(s.createSnapshot(9, {}, {}), StorageError::Unavailable);
        QCOMPARE(s.applySnapshot(Snapshot{{2, 2, {}}, {}}), StorageError::SnapshotOutOfDate);
        QCOMPARE(s.applySnapshot(Snapshot{{10, 9, ConfState{{1, 2}, {}}}, "x"}), StorageError::Ok);
        QCOMPARE(s.firstIndex(), quint64(11));
        QCOMPARE(s.lastIndex(), quint64(10));
        QCOMPARE(s.initialState().confState, (ConfState{{1, 2}, {}}));
    }

    void logTermSpansStorageAndUnstable()
    {
        MemoryStorage s;
        fill(s);
        RaftLog log(&s);
        QCOMPARE(log.firstIndex(), quint64(4));
        QCOMPARE(log.committed(), quint64(3));
        log.append({e(7, 7), e(7, 8)});
        QCOMPARE(log.lastIndex(), quint64(8));
        QCOMPARE(log.term(3), std::optional<quint64>(3));
        QCOMPARE(log.term(6), std::optional<quint64>(6));
        QCOMPARE(log.term(8), std::optional<quint64>(7));
        QCOMPARE(log.term(2), std::nullopt);
        QCOMPARE(log.term(9), std::nullopt);
        QList<Entry> out;
        QCOMPARE(log.slice(5, 9, kNoLimit, &out), StorageError::Ok);
        QCOMPARE(out.size(), 4);
        QCOMPARE(out.last(), e(7, 8));
        QCOMPARE(log.slice(5, 9, 2 * e(1, 1).payloadSize(), &out), StorageError::Ok);
        QCOMPARE(out.size(), 2);
        QCOMPARE(log.slice(3, 5, kNoLimit, &out), StorageError::Compacted);
        QCOMPARE(log.persistedLastIndex(), quint64(6));
    }

    void logMaybeAppendTruncatesOnlyConflicts()
    {
        MemoryStorage s;
        s.append({e(1, 1), e(2, 2), e(3, 3)});
        RaftLog log(&s);
        // Mismatched previous entry: refused.
        QCOMPARE(log.maybeAppend(3, 2, 3, {e(4, 4)}), std::nullopt);
        // Duplicate of what we have: nothing changes, commit follows the leader.
        QCOMPARE(log.maybeAppend(1, 1, 2, {e(2, 2)}), std::optional<quint64>(2));
        QCOMPARE(log.lastIndex(), quint64(3));
        QCOMPARE(log.committed(), quint64(2));
        // Conflict at 3: replaced, and commit is capped at the last new entry.
        QCOMPARE(log.maybeAppend(2, 2, 10, {e(4, 3)}), std::optional<quint64>(3));
        QCOMPARE(log.term(3), std::optional<quint64>(4));
        QCOMPARE(log.committed(), quint64(3));
        QCOMPARE(log.unstableEntries(), QList<Entry>{e(4, 3)});
        // The persisted prefix is the part before the replaced entry.
        QCOMPARE(log.persistedLastIndex(), quint64(2));
    }

    void logFindConflictByTerm_data()
    {
        QTest::addColumn<quint64>("index");
        QTest::addColumn<quint64>("term");
        QTest::addColumn<quint64>("wantIndex");
        QTest::addColumn<quint64>("wantTerm");
        // log terms: 1:1 2:1 3:2 4:2 5:5 6:5
        QTest::newRow("same term") << quint64(6) << quint64(5) << quint64(6) << quint64(5);
        QTest::newRow("skip higher term") << quint64(6) << quint64(4) << quint64(4) << quint64(2);
        QTest::newRow("skip two terms") << quint64(6) << quint64(1) << quint64(2) << quint64(1);
        QTest::newRow("nothing lower") << quint64(6) << quint64(0) << quint64(0) << quint64(0);
    }
    void logFindConflictByTerm()
    {
        QFETCH(quint64, index);
        QFETCH(quint64, term);
        QFETCH(quint64, wantIndex);
        QFETCH(quint64, wantTerm);
        MemoryStorage s;
        s.append({e(1, 1), e(1, 2), e(2, 3), e(2, 4), e(5, 5), e(5, 6)});
        RaftLog log(&s);
        const auto got = log.findConflictByTerm(index, term);
        QCOMPARE(got.first, wantIndex);
        QCOMPARE(got.second, wantTerm);
    }

    void logStableToIgnoresOverwrittenEntries()
    {
        MemoryStorage s;
        RaftLog log(&s);
        log.append({e(1, 1), e(1, 2)});
        log.append({e(2, 2)}); // overwrites index 2 before the Ready was persisted
        log.stableTo(2, 1);    // the old Ready's report: stale, keep everything
        QCOMPARE(log.unstableEntries().size(), 2);
        log.stableTo(1, 1);
        QCOMPARE(log.unstableEntries(), QList<Entry>{e(2, 2)});
    }

    void logCommittedEntriesAndRestore()
    {
        MemoryStorage s;
        s.append({e(1, 1), e(1, 2), e(1, 3)});
        RaftLog log(&s);
        log.commitTo(2);
        QCOMPARE(log.nextCommittedEntries(), (QList<Entry>{e(1, 1), e(1, 2)}));
        log.appliedTo(2);
        QVERIFY(!log.hasNextCommittedEntries());
        log.restore(Snapshot{{10, 3, {}}, {}});
        QCOMPARE(log.committed(), quint64(10));
        QCOMPARE(log.lastIndex(), quint64(10));
        QCOMPARE(log.firstIndex(), quint64(11));
        QVERIFY(!log.hasNextCommittedEntries()); // the snapshot must be installed first
        QCOMPARE(log.persistedLastIndex(), quint64(0));
    }

    void inflightsWindow()
    {
        Inflights in(3);
        in.add(5);
        in.add(8);
        QVERIFY(!in.full());
        in.add(10);
        QVERIFY(in.full());
        in.freeLE(8);
        QCOMPARE(in.count(), 1);
        QVERIFY(!in.full());
        in.freeLE(100);
        QCOMPARE(in.count(), 0);
    }

    void progressProbeAndReplicate()
    {
        Progress pr(11, 2, false);
        QVERIFY(!pr.isPaused());
        pr.sentEntries(3); // a probe
        QVERIFY(pr.isPaused());
        // A reject for an older probe is stale.
        QVERIFY(!pr.maybeDecrTo(5, 3));
        // The reject for the current probe (prev index 10) moves next to the hint + 1.
        QVERIFY(pr.maybeDecrTo(10, 6));
        QCOMPARE(pr.next, quint64(7));
        QVERIFY(!pr.isPaused());
        QVERIFY(pr.maybeUpdate(8));
        pr.becomeReplicate();
        QCOMPARE(pr.next, quint64(9));
        pr.sentEntries(2);
        pr.sentEntries(1);
        QCOMPARE(pr.next, quint64(12));
        QVERIFY(pr.isPaused());         // two messages in flight fill the window
        QVERIFY(!pr.maybeDecrTo(8, 0)); // stale: at or below match
        QVERIFY(pr.maybeDecrTo(10, 0));
        QCOMPARE(pr.next, quint64(9));
    }

    void progressAfterSnapshot()
    {
        Progress pr(5, 4, false);
        pr.becomeSnapshot(20);
        QVERIFY(pr.isPaused());
        pr.becomeProbe();
        QCOMPARE(pr.next, quint64(21));
        pr.becomeSnapshot(20);
        pr.pendingSnapshot = 0; // failed
        pr.becomeProbe();
        QCOMPARE(pr.next, quint64(1));
    }
};

QTEST_APPLESS_MAIN(TestRaftLog)
#include "tst_raft_log.moc"
