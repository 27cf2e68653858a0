// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The writer thread: batches queued while a sync is in flight share the next sync (counted,
// not timed), persisted ids arrive in order on the main thread, snapshots/markers/purges keep
// queue order, failures are reported once and stop all writing, and destruction flushes.
#include "StorageTestUtil.h"
#include "storage/WalWriter.h"

#include <QSemaphore>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>

using namespace storage;
using namespace storagetest;

namespace {

raft::Snapshot snapshot(quint64 index, quint64 term)
{
    raft::Snapshot s;
    s.metadata.index = index;
    s.metadata.term = term;
    s.metadata.confState.voters = {1};
    s.data = "state@" + QByteArray::number(index);
    return s;
}

std::unique_ptr<Wal> createWal(const QString &dir,
                               qint64 segmentBytes = Wal::Options().segmentBytes)
{
    Wal::Options opts;
    opts.segmentBytes = segmentBytes;
    auto c = Wal::create(dir, "m", opts);
    if (!c.result.ok())
        qFatal("create failed: %s", qPrintable(c.result.error));
    return std::move(c.wal);
}

} // namespace

class TestWalWriter : public QObject
{
    Q_OBJECT

private slots:
    void batchesQueuedDuringASyncShareTheNextOne();
    void persistedIdsArriveInOrder();
    void snapshotsMarkersAndPurgesKeepQueueOrder();
    void aReceivedSnapshotIsAdoptedBeforeItsMarker();
    void walFailureIsReportedOnceAndStopsWriting();
    void snapshotFailureIsReported();
    void destructorFlushesQueuedWork();

private:
    // Records the writer's signals on the test thread (queued delivery).
    struct Recorder
    {
        QList<quint64> persisted;
        QList<SnapshotMarker> snapshots;
        QStringList failures;
    };
    void record(WalWriter &w, Recorder &r)
    {
        connect(&w, &WalWriter::persisted, this, [&r](quint64 id) { r.persisted.append(id); });
        connect(&w, &WalWriter::snapshotSaved, this, [&r](quint64 index, quint64 term) {
            r.snapshots.append({index, term});
        });
        connect(&w, &WalWriter::failed, this, [&r](const QString &e) { r.failures.append(e); });
    }
};

void TestWalWriter::batchesQueuedDuringASyncShareTheNextOne()
{
    QTemporaryDir tmp;
    const QString dir = tmp.path() + "/wal";
    Recorder rec;
    {
        WalWriter w(createWal(dir), Snapshotter(tmp.path() + "/snap"));
        record(w, rec);
        QSemaphore entered, proceed;
        std::atomic<int> hooks{0};
        // The first group stops right before its fdatasync until the test lets it go.
        w.setBeforeSyncHook([&] {
            if (hooks.fetch_add(1) == 0) {
                entered.release();
                proceed.acquire();
            }
        });
        const quint64 base = w.syncCount();
        w.start();
        w.enqueue(1, hardState(1, 1, 0), {entry(1, 1)});
        QVERIFY(entered.tryAcquire(1, 30000));
        w.enqueue(2, raft::HardState(), {entry(2, 1)});
        w.enqueue(3, raft::HardState(), {entry(3, 1)});
        w.enqueue(4, hardState(1, 1, 4), {entry(4, 1)});
        proceed.release();
        QTRY_COMPARE_WITH_TIMEOUT(rec.persisted.size(), 2, 30000);
        QCOMPARE(rec.persisted, (QList<quint64>{1, 4}));
        QCOMPARE(w.syncCount() - base, quint64(2));
        QCOMPARE(hooks.load(), 2);
    }
    QVERIFY(rec.failures.isEmpty());
    Wal::ReadOut out;
    QVERIFY(Wal::open(dir, &out).result.ok());
    QCOMPARE(out.entries, entries(1, 4, 1));
    QCOMPARE(out.hardState, hardState(1, 1, 4));
}

void TestWalWriter::persistedIdsArriveInOrder()
{
    QTemporaryDir tmp;
    const QString dir = tmp.path() + "/wal";
    Recorder rec;
    quint64 syncs = 0;
    {
        WalWriter w(createWal(dir), Snapshotter(tmp.path() + "/snap"));
        record(w, rec);
        w.start();
        for (quint64 id = 1; id <= 300; ++id)
            w.enqueue(id, hardState(1, 1, id - 1), {entry(id, 1)});
        QTRY_VERIFY_WITH_TIMEOUT(!rec.persisted.isEmpty() && rec.persisted.last() == 300, 60000);
        syncs = w.syncCount();
    }
    for (int i = 1; i < rec.persisted.size(); ++i)
        QVERIFY(rec.persisted[i] > rec.persisted[i - 1]);
    // One sync per group, one persisted() per group.
    QCOMPARE(syncs, quint64(rec.persisted.size()));
    Wal::ReadOut out;
    QVERIFY(Wal::open(dir, &out).result.ok());
    QCOMPARE(out.entries, entries(1, 300, 1));
}

void TestWalWriter::snapshotsMarkersAndPurgesKeepQueueOrder()
{
    QTemporaryDir tmp;
    const QString dir = tmp.path() + "/wal";
    const QString snapDir = tmp.path() + "/snap";
    Recorder rec;
    {
        WalWriter w(createWal(dir, 100), Snapshotter(snapDir));
        record(w, rec);
        w.start();
        // One group per batch, so the 100-byte bound spreads them over many segments.
        for (quint64 id = 1; id <= 30; ++id) {
            w.enqueue(id, hardState(2, 1, id), {entry(id, 2)});
            QTRY_COMPARE_WITH_TIMEOUT(rec.persisted.size(), int(id), 30000);
        }
        w.enqueueSnapshot(snapshot(20, 2));
        w.enqueueSnapshot(snapshot(25, 2));
        w.enqueue(31, hardState(2, 1, 31), {entry(31, 2)});
        w.enqueuePurge(1, 1, 25);
        QTRY_VERIFY_WITH_TIMEOUT(!rec.persisted.isEmpty() && rec.persisted.last() == 31, 30000);
    } // joins: the purge has run
    QVERIFY(rec.failures.isEmpty());
    QCOMPARE(rec.snapshots, (QList<SnapshotMarker>{{20, 2}, {25, 2}}));
    QCOMPARE(Snapshotter(snapDir).snapshotFiles(), QStringList{Snapshotter::fileName(2, 25)});
    QVERIFY(!QFileInfo::exists(dir + "/0000000000000000-0000000000000000.wal"));

    Wal::ReadOut out;
    const auto o = Wal::open(dir, &out);
    QVERIFY2(o.result.ok(), qPrintable(o.result.error));
    QCOMPARE(out.lastMarker, (SnapshotMarker{25, 2}));
    QCOMPARE(out.entries, entries(26, 31, 2));
    const auto snap = Snapshotter(snapDir).loadNewest();
    QVERIFY(snap && *snap == snapshot(25, 2));
}

// A follower's received image is already a synced file in the snapshot directory under a
// name nothing reads: the writer renames it to the snapshot's name before it writes the
// marker, so a restart finds the file of every marker in the WAL. A rename that fails (the
// file is gone) is a failure, and no marker is written for it.
void TestWalWriter::aReceivedSnapshotIsAdoptedBeforeItsMarker()
{
    QTemporaryDir tmp;
    const QString dir = tmp.path() + "/wal";
    const Snapshotter snapshotter(tmp.path() + "/snap");
    QVERIFY(snapshotter.save(snapshot(5, 1)).ok());
    const QString received = snapshotter.receivedPath(snapshot(7, 1).metadata, 1);
    QVERIFY(QFile::rename(snapshotter.path(1, 5), received));
    QVERIFY(snapshotter.snapshotFiles().isEmpty()); // not a snapshot file under that name
    // It holds the image of index 5 under index 7's name: the writer checks nothing (the
    // transfer did), so the marker says 7 and the file reads back as what was received.
    Recorder rec;
    {
        WalWriter w(createWal(dir), snapshotter);
        record(w, rec);
        w.start();
        w.enqueue(1, hardState(1, 1, 7), {entry(7, 1)});
        w.enqueueReceivedSnapshot(snapshot(7, 1).metadata, received);
        w.enqueue(2, hardState(1, 1, 8), {entry(8, 1)});
        QTRY_VERIFY_WITH_TIMEOUT(rec.persisted.contains(2), 30000);
        // Gone before the writer gets to it: a failure, with no marker.
        w.enqueueReceivedSnapshot(snapshot(9, 1).metadata, received);
        w.enqueue(3, hardState(1, 1, 9), {entry(9, 1)});
        QTRY_COMPARE_WITH_TIMEOUT(rec.failures.size(), 1, 30000);
    }
    QCoreApplication::sendPostedEvents();
    QCOMPARE(rec.snapshots, (QList<SnapshotMarker>{{7, 1}}));
    QVERIFY(rec.persisted.contains(2) && !rec.persisted.contains(3));
    QVERIFY2(rec.failures.first().contains(received), qPrintable(rec.failures.first()));
    QCOMPARE(snapshotter.snapshotFiles(), QStringList{Snapshotter::fileName(1, 7)});
    QVERIFY(!QFileInfo::exists(received));
    QFile adopted(snapshotter.path(1, 7));
    QVERIFY(adopted.open(QIODevice::ReadOnly));
    QCOMPARE(adopted.readAll(), Snapshotter::encode(snapshot(5, 1)));

    Wal::ReadOut out;
    const auto o = Wal::open(dir, &out);
    QVERIFY2(o.result.ok(), qPrintable(o.result.error));
    QCOMPARE(out.lastMarker, (SnapshotMarker{7, 1}));
}

void TestWalWriter::walFailureIsReportedOnceAndStopsWriting()
{
    QTemporaryDir tmp;
    const QString dir = tmp.path() + "/wal";
    Recorder rec;
    {
        // A 1-byte bound makes every sync start a new segment file, which cannot be created
        // once the directory is gone: a real I/O failure.
        WalWriter w(createWal(dir, 1), Snapshotter(tmp.path() + "/snap"));
        record(w, rec);
        w.start();
        QVERIFY(QDir(dir).removeRecursively());
        w.enqueue(1, hardState(1, 1, 0), {entry(1, 1)});
        w.enqueue(2, hardState(1, 1, 1), {entry(2, 1)});
        QTRY_COMPARE_WITH_TIMEOUT(rec.failures.size(), 1, 30000);
        w.enqueue(3, hardState(1, 1, 2), {entry(3, 1)});
    } // joins after handling batch 3
    QCoreApplication::sendPostedEvents();
    QCOMPARE(rec.failures.size(), 1);
    QVERIFY2(rec.failures.first().contains(dir), qPrintable(rec.failures.first()));
    QVERIFY(rec.persisted.isEmpty());
}

void TestWalWriter::snapshotFailureIsReported()
{
    QTemporaryDir tmp;
    QVERIFY(writeFile(tmp.path() + "/file", "a file where a directory should be"));
    Recorder rec;
    {
        WalWriter w(createWal(tmp.path() + "/wal"), Snapshotter(tmp.path() + "/file/snap"));
        record(w, rec);
        w.start();
        w.enqueue(1, hardState(1, 1, 0), {entry(1, 1)});
        w.enqueueSnapshot(snapshot(1, 1));
        w.enqueue(2, hardState(1, 1, 1), {entry(2, 1)});
        QTRY_COMPARE_WITH_TIMEOUT(rec.failures.size(), 1, 30000);
    }
    QCoreApplication::sendPostedEvents();
    QVERIFY2(rec.failures.first().contains(tmp.path() + "/file"), qPrintable(rec.failures.first()));
    QVERIFY(!rec.persisted.contains(2));
    QVERIFY(rec.snapshots.isEmpty());
}

void TestWalWriter::destructorFlushesQueuedWork()
{
    QTemporaryDir tmp;
    const QString dir = tmp.path() + "/wal";
    {
        WalWriter w(createWal(dir), Snapshotter(tmp.path() + "/snap"));
        w.start();
        for (quint64 id = 1; id <= 50; ++id)
            w.enqueue(id, hardState(1, 1, id), {entry(id, 1)});
    }
    Wal::ReadOut out;
    QVERIFY(Wal::open(dir, &out).result.ok());
    QCOMPARE(out.entries, entries(1, 50, 1));
    QCOMPARE(out.hardState, hardState(1, 1, 50));
}

QTEST_GUILESS_MAIN(TestWalWriter)
#include "tst_walwriter.moc"
