// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The writer thread on a real full file system (a small tmpfs, SmallFilesystem): a batch that
// finds no space is neither lost nor reported persisted, the segment is cut back to its last
// synced byte before every retry (no half-written record, no duplicate after the retry), a
// segment or snapshot that could not be written leaves no file behind, the error text is
// strerror's "No space left on device", and writing resumes by itself once space is freed.
#include "SmallFilesystem.h"
#include "StorageTestUtil.h"
#include "storage/WalSegmentScan.h"
#include "storage/WalWriter.h"

#include <QFileInfo>
#include <QTest>

#include <atomic>
#include <mutex>

using namespace storage;
using namespace storagetest;

namespace {

// Larger than a page: appending it needs a page the full tmpfs does not have.
QByteArray bigValue(char fill)
{
    return QByteArray(16 * 1024, fill);
}

// A snapshot at index 1 far larger than what is left on the full file system.
raft::Snapshot bigSnapshot()
{
    raft::Snapshot snap;
    snap.metadata.index = 1;
    snap.metadata.term = 1;
    snap.metadata.confState.voters = {1};
    snap.data = QByteArray(256 * 1024, 's');
    return snap;
}

std::unique_ptr<Wal> createWal(const QString &dir, qint64 segmentBytes)
{
    Wal::Options opts;
    opts.segmentBytes = segmentBytes;
    auto c = Wal::create(dir, "m", opts);
    if (!c.result.ok())
        qFatal("create failed: %s", qPrintable(c.result.error));
    return std::move(c.wal);
}

QStringList filesIn(const QString &dir)
{
    return QDir(dir).entryList(QDir::Files, QDir::Name);
}

// How many Entry records each index has in all segments of dir (a retry that appended a
// record twice, or left a piece of one, shows up here or as damage).
QMap<quint64, int> entryRecords(const QString &dir, QString *damage)
{
    QMap<quint64, int> out;
    const QStringList segments = QDir(dir).entryList({"*.wal"}, QDir::Files, QDir::Name);
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const QByteArray bytes = readFile(dir + u'/' + segments[i]);
        const auto outcome = WalSegmentScan::scan(
            bytes, i == segments.size() - 1, [&](const WalRecord &r, qsizetype) {
                if (r.type == WalRecordType::Entry)
                    ++out[raft::Entry::decode(r.payload)->index];
                return QString();
            });
        if (outcome.end != WalSegmentScan::End::Clean)
            *damage = segments[i] + QStringLiteral(": ") + outcome.reason;
    }
    return out;
}

} // namespace

class TestWalWriterDiskFull : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void fullDiskHoldsBatchesAndResumes();
    void fullDiskWhileStartingASegmentLeavesNoSegment();
    void preallocatedSegmentTakesWritesOnAFullDisk();
    void fullDiskDuringSnapshotLeavesNoSnapshotFile();
    void writerStoppedWhileFullLeavesNoFile();

private:
    struct Recorder
    {
        QList<quint64> persisted;
        QList<SnapshotMarker> snapshots;
        QStringList full;
        int available = 0;
        QStringList failures;
    };
    void record(WalWriter &w, Recorder &r)
    {
        connect(&w, &WalWriter::persisted, this, [&r](quint64 id) { r.persisted.append(id); });
        connect(&w, &WalWriter::snapshotSaved, this, [&r](quint64 index, quint64 term) {
            r.snapshots.append({index, term});
        });
        connect(&w, &WalWriter::diskFull, this, [&r](const QString &e) { r.full.append(e); });
        connect(&w, &WalWriter::diskSpaceAvailable, this, [&r] { ++r.available; });
        connect(&w, &WalWriter::failed, this, [&r](const QString &e) { r.failures.append(e); });
    }
    std::unique_ptr<SmallFilesystem> m_fs;
};

void TestWalWriterDiskFull::init()
{
    if (!SmallFilesystem::canMount())
        QSKIP("mounting a small tmpfs needs root (CAP_SYS_ADMIN)");
    m_fs = std::make_unique<SmallFilesystem>();
    QString error;
    QVERIFY2(m_fs->mount(1024 * 1024, &error), qPrintable(error));
}

void TestWalWriterDiskFull::fullDiskHoldsBatchesAndResumes()
{
    const QString dir = m_fs->path() + "/wal";
    Recorder rec;
    {
        WalWriter w(createWal(dir, 64 * 1024 * 1024), Snapshotter(m_fs->path() + "/snap"));
        w.setRetryIntervalMs(20);
        record(w, rec);
        // Before every sync attempt: the segment's size, which a failed attempt must have
        // restored to the end of the last synced record.
        std::mutex mutex;
        QList<qint64> sizesBeforeSync;
        std::atomic<int> attempts{0};
        w.setBeforeSyncHook([&] {
            const QStringList segs = QDir(dir).entryList({"*.wal"}, QDir::Files, QDir::Name);
            std::lock_guard lock(mutex);
            sizesBeforeSync.append(QFileInfo(dir + u'/' + segs.last()).size());
            ++attempts;
        });
        w.start();

        w.enqueue(1, hardState(1, 1, 0), {entry(1, 1)});
        QTRY_COMPARE(rec.persisted, QList<quint64>{1});
        const QString segment = dir + u'/' + filesIn(dir).last();
        const qint64 synced = QFileInfo(segment).size();

        QString error;
        QVERIFY2(m_fs->fill(&error), qPrintable(error));
        w.enqueue(2, hardState(1, 1, 1), {entry(2, 1, bigValue('b'))});
        QTRY_COMPARE(rec.full.size(), 1);
        QVERIFY2(rec.full.first().contains("No space left on device"),
                 qPrintable(rec.full.first()));
        QVERIFY2(rec.full.first().contains(segment), qPrintable(rec.full.first()));
        // Queued behind the batch that waits: it must not overtake it.
        w.enqueue(3, hardState(1, 1, 2), {entry(3, 1)});
        const int before = attempts;
        QTRY_VERIFY(attempts >= before + 3); // retried, and failed, several times
        QCoreApplication::processEvents();
        QCOMPARE(rec.persisted, QList<quint64>{1});
        QCOMPARE(rec.full.size(), 1); // reported once per episode
        QCOMPARE(rec.available, 0);
        {
            std::lock_guard lock(mutex);
            for (qsizetype i = 1; i < sizesBeforeSync.size(); ++i)
                QCOMPARE(sizesBeforeSync[i], synced);
        }

        m_fs->unfill();
        QTRY_COMPARE(rec.persisted, (QList<quint64>{1, 2, 3}));
        QCOMPARE(rec.available, 1);
        QVERIFY(rec.failures.isEmpty());
    }
    QString damage;
    const QMap<quint64, int> records = entryRecords(dir, &damage);
    QVERIFY2(damage.isEmpty(), qPrintable(damage));
    QCOMPARE(records, (QMap<quint64, int>{{1, 1}, {2, 1}, {3, 1}}));
    Wal::ReadOut out;
    QVERIFY(Wal::open(dir, &out).result.ok());
    QCOMPARE(out.entries.size(), 3);
    QCOMPARE(out.entries[1].data, bigValue('b'));
    QCOMPARE(out.hardState.commit, 2u);
}

void TestWalWriterDiskFull::fullDiskWhileStartingASegmentLeavesNoSegment()
{
    const QString dir = m_fs->path() + "/wal";
    Recorder rec;
    {
        // Tiny segments: every sync after the first starts a new one.
        WalWriter w(createWal(dir, 1), Snapshotter(m_fs->path() + "/snap"));
        w.setRetryIntervalMs(20);
        record(w, rec);
        std::mutex mutex;
        QList<QStringList> filesBeforeSync;
        std::atomic<int> attempts{0};
        w.setBeforeSyncHook([&] {
            const QStringList files = filesIn(dir);
            std::lock_guard lock(mutex);
            filesBeforeSync.append(files);
            ++attempts;
        });
        w.start();
        w.enqueue(1, {}, {entry(1, 1)});
        QTRY_COMPARE(rec.persisted, QList<quint64>{1});
        const QStringList segments = filesIn(dir);
        QCOMPARE(segments.size(), 2);
        {
            std::lock_guard lock(mutex);
            filesBeforeSync.clear(); // only the attempts after the disk filled count
        }

        QString error;
        QVERIFY2(m_fs->fill(&error), qPrintable(error));
        w.enqueue(2, {}, {entry(2, 1, bigValue('c'))});
        QTRY_COMPARE(rec.full.size(), 1);
        QVERIFY2(rec.full.first().contains("No space left on device"),
                 qPrintable(rec.full.first()));
        const int before = attempts;
        QTRY_VERIFY(attempts >= before + 2);
        {
            std::lock_guard lock(mutex);
            for (const QStringList &files : std::as_const(filesBeforeSync))
                QCOMPARE(files, segments); // the segment a failed attempt created is gone
        }
        QCOMPARE(rec.persisted, QList<quint64>{1});

        m_fs->unfill();
        QTRY_COMPARE(rec.persisted, (QList<quint64>{1, 2}));
    }
    QString damage;
    QCOMPARE(entryRecords(dir, &damage), (QMap<quint64, int>{{1, 1}, {2, 1}}));
    QVERIFY2(damage.isEmpty(), qPrintable(damage));
    Wal::ReadOut out;
    QVERIFY(Wal::open(dir, &out).result.ok());
    QCOMPARE(out.entries.size(), 2);
}

void TestWalWriterDiskFull::preallocatedSegmentTakesWritesOnAFullDisk()
{
    // The space a segment reserved is the log's own: writes that fit in it are synced and
    // acknowledged while the file system is full. The next segment, for which there is no
    // room, is where the full disk shows, and the log goes on once space is freed.
    const QString dir = m_fs->path() + "/wal";
    constexpr qint64 kSegmentBytes = 256 * 1024; // preallocated (the default)
    Recorder rec;
    quint64 next = 10;
    {
        WalWriter w(createWal(dir, kSegmentBytes), Snapshotter(m_fs->path() + "/snap"));
        w.setRetryIntervalMs(20);
        record(w, rec);
        w.start();
        w.enqueue(1, hardState(1, 1, 0), {entry(1, 1)});
        QTRY_COMPARE(rec.persisted, QList<quint64>{1});
        const QString segment = dir + u'/' + filesIn(dir).last();
        QCOMPARE(QFileInfo(segment).size(), kSegmentBytes);

        QString error;
        QVERIFY2(m_fs->fill(&error), qPrintable(error));
        // 8 records of 16 KiB: half the reserved space. (persisted() names the last batch of
        // each group commit.)
        for (quint64 i = 2; i <= 9; ++i)
            w.enqueue(i, hardState(1, 1, i - 1), {entry(i, 1, bigValue(char('a' + i)))});
        QTRY_COMPARE(rec.persisted.last(), 9u);
        QCOMPARE(rec.full.size(), 0);
        QCOMPARE(filesIn(dir).size(), 1);

        // Beyond the reserved space: a new segment is needed, and there is no room for it.
        while (rec.full.isEmpty() && next < 40) {
            w.enqueue(next, hardState(1, 1, next - 1), {entry(next, 1, bigValue('z'))});
            QTRY_VERIFY(rec.persisted.last() == next || !rec.full.isEmpty());
            ++next;
        }
        QCOMPARE(rec.full.size(), 1);
        QVERIFY2(rec.full.first().contains("No space left on device"),
                 qPrintable(rec.full.first()));
        QVERIFY(next > 12); // the reserved space took more than the first eight

        m_fs->unfill();
        QTRY_COMPARE(rec.persisted.last(), next - 1);
        QVERIFY(rec.failures.isEmpty());
    }
    Wal::ReadOut out;
    const auto o = Wal::open(dir, &out);
    QVERIFY2(o.result.ok(), qPrintable(o.result.error));
    QCOMPARE(out.entries.size(), qsizetype(next - 1));
    QCOMPARE(out.entries[8].data, bigValue(char('a' + 9)));
}

void TestWalWriterDiskFull::fullDiskDuringSnapshotLeavesNoSnapshotFile()
{
    const QString dir = m_fs->path() + "/wal";
    const QString snapDir = m_fs->path() + "/snap";
    Recorder rec;
    {
        WalWriter w(createWal(dir, 64 * 1024 * 1024), Snapshotter(snapDir));
        w.setRetryIntervalMs(20);
        record(w, rec);
        w.start();
        w.enqueue(1, hardState(1, 1, 1), {entry(1, 1)});
        QTRY_COMPARE(rec.persisted, QList<quint64>{1});

        QString error;
        QVERIFY2(m_fs->fill(&error), qPrintable(error));
        w.enqueueSnapshot(bigSnapshot());
        w.enqueue(2, hardState(1, 1, 1), {entry(2, 1)});
        QTRY_COMPARE(rec.full.size(), 1);
        QVERIFY2(rec.full.first().contains("No space left on device"),
                 qPrintable(rec.full.first()));
        // Nothing half-written that a restart could trust (a temporary file may exist while
        // an attempt is under way; see writerStoppedWhileFullLeavesNoFile).
        QCOMPARE(QDir(snapDir).entryList({"*.snap"}, QDir::Files), QStringList());
        QVERIFY(rec.snapshots.isEmpty());
        QCOMPARE(rec.persisted, QList<quint64>{1});

        m_fs->unfill();
        QTRY_COMPARE(rec.persisted, (QList<quint64>{1, 2}));
        QCOMPARE(rec.snapshots.size(), 1);
    }
    // No temporary file is left over from the failed attempts.
    QCOMPARE(filesIn(snapDir), QStringList{Snapshotter::fileName(1, 1)});
    const auto loaded = Snapshotter(snapDir).loadNewest();
    QVERIFY(loaded);
    QCOMPARE(loaded->data, bigSnapshot().data);
    Wal::ReadOut out;
    QVERIFY(Wal::open(dir, &out).result.ok());
    QCOMPARE(out.lastMarker.index, 1u);
    QCOMPARE(out.entries.size(), 1); // entry 2; entry 1 is behind the marker
}

void TestWalWriterDiskFull::writerStoppedWhileFullLeavesNoFile()
{
    const QString dir = m_fs->path() + "/wal";
    const QString snapDir = m_fs->path() + "/snap";
    Recorder rec;
    QStringList segmentsBefore;
    {
        WalWriter w(createWal(dir, 64 * 1024 * 1024), Snapshotter(snapDir));
        w.setRetryIntervalMs(20);
        record(w, rec);
        w.start();
        w.enqueue(1, hardState(1, 1, 1), {entry(1, 1)});
        QTRY_COMPARE(rec.persisted, QList<quint64>{1});
        segmentsBefore = filesIn(dir);

        QString error;
        QVERIFY2(m_fs->fill(&error), qPrintable(error));
        w.enqueueSnapshot(bigSnapshot());
        w.enqueue(2, hardState(1, 1, 1), {entry(2, 1, bigValue('d'))});
        QTRY_COMPARE(rec.full.size(), 1);
    } // stopped (joined) with the disk still full
    QCOMPARE(rec.persisted, QList<quint64>{1});
    // Whatever attempt was the last, it left no snapshot or temporary file and no extra segment.
    QCOMPARE(filesIn(snapDir), QStringList());
    QCOMPARE(filesIn(dir), segmentsBefore);
    m_fs->unfill();
    Wal::ReadOut out;
    QVERIFY(Wal::open(dir, &out).result.ok());
    QCOMPARE(out.entries.size(), 1);
    QVERIFY(!out.tornTailTruncated);
}

QTEST_GUILESS_MAIN(TestWalWriterDiskFull)
#include "tst_walwriter_diskfull.moc"
