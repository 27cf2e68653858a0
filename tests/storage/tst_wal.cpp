// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The write-ahead log on disk: round trips, segment rotation, replay rules end to end, purge,
// and above all recovery: a torn last record (cut short by the end of the file, or with a
// sector that never reached the disk) is cut away with a warning; any other damage, including
// a complete last record with a bad checksum, stops open() with the file, offset and record
// kind; and random bytes never crash it.
#include "StorageTestUtil.h"
#include "storage/DiskOps.h"
#include "storage/Wal.h"
#include "storage/WalRecord.h"
#include "storage/WalSegmentScan.h"

#include <QFileInfo>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace storage;
using namespace storagetest;

namespace {

// Most of these tests check the format's recovery rules by cutting and damaging files, so
// their segments end where their last record ends: no preallocation. Preallocated segments
// (what a member writes) have tests of their own below.
Wal::Options plain()
{
    Wal::Options o;
    o.preallocate = false;
    return o;
}

qsizetype recordSize(const raft::Entry &e)
{
    return WalRecord::kHeaderBytes + e.encode().size();
}

// Where the records of a segment end (a preallocated one has zeros after them).
qsizetype recordsEnd(const QString &segment)
{
    const auto scanned = WalSegmentScan::scan(
        readFile(segment), true, [](const WalRecord &, qsizetype) { return QString(); });
    return scanned.goodBytes;
}

// Whether the file system of dir supports what Wal::Options::preallocate asks of it.
bool preallocates(const QString &dir)
{
    QFile probe(dir + QStringLiteral("/probe"));
    QString why;
    const bool ok = probe.open(QIODevice::WriteOnly) && DiskOps::preallocate(probe, 4096, &why);
    probe.remove();
    return ok;
}

// A closed WAL in dir of count one-entry batches (no hard state), spread over segments of
// segmentBytes; returns the segment file names, oldest first.
QStringList writeSmallBatches(const QString &dir, qint64 segmentBytes, quint64 count)
{
    Wal::Options opts = plain();
    opts.segmentBytes = segmentBytes;
    auto c = Wal::create(dir, "m", opts);
    for (quint64 i = 1; i <= count && c.wal; ++i) {
        if (!c.wal->save(raft::HardState(), {entry(i, 1)}).ok())
            return {};
    }
    return c.wal ? c.wal->segmentFiles() : QStringList();
}

QString describe(const QList<raft::Entry> &list)
{
    QStringList parts;
    for (const raft::Entry &e : list)
        parts.append(QStringLiteral("%1.%2").arg(e.index).arg(e.term));
    return parts.join(u' ');
}

} // namespace

class TestWal : public QObject
{
    Q_OBJECT

private slots:
    void createAndReopenRoundTrip();
    void createRefusesExistingWal();
    void createReplacesOnlyAnEmptyDirectory();
    void openMissingIsNotFound();
    void oneSyncPerBatchAndNoneForNothing();
    void segmentsRotateAtTheSizeBound();
    void reopenedWalAppendsToAFreshSegment();
    void leaderOverwriteIsResolved();
    void snapshotMarkerStartsReplay();
    void replayAfterOlderSnapshotThanTheLogHasFails();
    void replayFromASnapshotSkipsTheSegmentsItCovers();
    void purgeRemovesOnlyCoveredSegments();
    void purgedWalKeepsMetadataAndHardState();
    void cutAtEveryOffsetOfTheLastRecordRecovers();
    void cutInsideTheLastBatchKeepsWholeRecords();
    void flippedBitInEarlierRecordIsReported();
    void flippedBitInCompleteLastRecordIsCorrupt();
    void flippedBitInLastRecordOfEachKindIsCorrupt_data();
    void flippedBitInLastRecordOfEachKindIsCorrupt();
    void lastRecordOfEachKindCutAtEveryLengthIsTorn_data();
    void lastRecordOfEachKindCutAtEveryLengthIsTorn();
    void unwrittenSectorOfLastRecordIsTorn_data();
    void unwrittenSectorOfLastRecordIsTorn();
    void damagedLengthOfCompleteLastRecordIsCorrupt();
    void damageInOlderSegmentIsReported();
    void zeroFilledTailIsTheEnd();
    void intactRecordWeDoNotUnderstandIsReported_data();
    void intactRecordWeDoNotUnderstandIsReported();
    void missingMiddleSegmentIsReported();
    void preallocatedSegmentsReadBackAndGiveTheirZerosBack();
    void flippedBitBeforePreallocatedZerosIsCorrupt();
    void recordsEndingInZerosBeforePreallocatedZerosReadBack();
    void randomBytesNeverCrash();
    void randomDamageNeverInventsEntries();

private:
    // Creates a WAL in dir holding three batches; returns the offsets of every entry record.
    struct Written
    {
        QString segment;            // path of the only segment
        QList<raft::Entry> entries; // e1..e4
        QList<qsizetype> offsets;   // where each entry record starts
        raft::HardState lastHardState;
        qsizetype lastBatchStart = 0;
        qsizetype end = 0;
    };
    Written writeThreeBatches(const QString &dir);

    // A closed one-segment WAL in dir whose last record (one batch of its own) is of kind.
    struct LastRecord
    {
        QString segment;
        qsizetype start = 0; // where the last record starts
        qsizetype end = 0;   // the file size
        QList<raft::Entry> entriesBefore;
        raft::HardState hardStateBefore;
    };
    LastRecord writeEndingWith(const QString &dir, WalRecordType kind);
};

TestWal::Written TestWal::writeThreeBatches(const QString &dir)
{
    Written w;
    auto c = Wal::create(dir, "member=1 cluster=7", plain());
    if (!c.result.ok())
        qFatal("create failed: %s", qPrintable(c.result.error));
    w.segment = dir + u'/' + c.wal->segmentFiles().first();
    w.entries = {entry(1, 1), entry(2, 1), entry(3, 2), entry(4, 2, QByteArray(40, 'x'))};
    qsizetype at = QFileInfo(w.segment).size();
    auto track = [&](const QList<raft::Entry> &batch, const raft::HardState &hs) {
        for (const raft::Entry &e : batch) {
            w.offsets.append(at);
            at += recordSize(e);
        }
        c.wal->save(hs, batch);
        at = QFileInfo(w.segment).size();
    };
    track({w.entries[0], w.entries[1]}, hardState(1, 1, 1));
    track({w.entries[2]}, hardState(2, 1, 2));
    w.lastHardState = hardState(2, 1, 2);
    w.lastBatchStart = at;
    track({w.entries[3]}, raft::HardState());
    w.end = QFileInfo(w.segment).size();
    return w;
}

void TestWal::createAndReopenRoundTrip()
{
    QTemporaryDir tmp;
    const QString dir = tmp.path() + "/member/wal";
    QVERIFY(!Wal::exists(dir));
    auto c = Wal::create(dir, "meta");
    QVERIFY2(c.result.ok(), qPrintable(c.result.error));
    QVERIFY(Wal::exists(dir));
    QVERIFY(!QFileInfo::exists(dir + ".tmp"));
    QCOMPARE(c.wal->segmentFiles(), QStringList{"0000000000000000-0000000000000000.wal"});
    QVERIFY(c.wal->save(hardState(1, 1, 0), entries(1, 2, 1)).ok());
    QVERIFY(c.wal->save(hardState(1, 1, 2), entries(3, 3, 1)).ok());
    c.wal.reset();

    Wal::ReadOut out;
    auto o = Wal::open(dir, &out);
    QVERIFY2(o.result.ok(), qPrintable(o.result.error));
    QCOMPARE(out.metadata, QByteArray("meta"));
    QCOMPARE(out.hardState, hardState(1, 1, 2));
    QCOMPARE(out.entries, entries(1, 3, 1));
    QVERIFY(out.lastMarker.isEmpty());
    QCOMPARE(out.replayedAfter, quint64(0));
    QVERIFY(!out.tornTailTruncated);
    QVERIFY(out.warning.isEmpty());
    QCOMPARE(o.wal->lastIndex(), quint64(3));
}

void TestWal::createRefusesExistingWal()
{
    QTemporaryDir tmp;
    QVERIFY(Wal::create(tmp.path() + "/wal", "a").result.ok());
    const auto again = Wal::create(tmp.path() + "/wal", "b");
    QCOMPARE(again.result.status, StorageStatus::AlreadyExists);
    QVERIFY(!again.wal);
    Wal::ReadOut out;
    QVERIFY(Wal::open(tmp.path() + "/wal", &out).result.ok());
    QCOMPARE(out.metadata, QByteArray("a"));
}

void TestWal::createReplacesOnlyAnEmptyDirectory()
{
    QTemporaryDir tmp;
    QVERIFY(QDir().mkpath(tmp.path() + "/empty"));
    QVERIFY(Wal::create(tmp.path() + "/empty", "m").result.ok());

    QVERIFY(QDir().mkpath(tmp.path() + "/full"));
    QVERIFY(writeFile(tmp.path() + "/full/notes.txt", "keep me"));
    const auto r = Wal::create(tmp.path() + "/full", "m");
    QCOMPARE(r.result.status, StorageStatus::AlreadyExists);
    QCOMPARE(readFile(tmp.path() + "/full/notes.txt"), QByteArray("keep me"));
}

void TestWal::openMissingIsNotFound()
{
    QTemporaryDir tmp;
    Wal::ReadOut out;
    QCOMPARE(Wal::open(tmp.path() + "/nothing", &out).result.status, StorageStatus::NotFound);
    QCOMPARE(Wal::open(tmp.path(), &out).result.status, StorageStatus::NotFound);
}

void TestWal::oneSyncPerBatchAndNoneForNothing()
{
    QTemporaryDir tmp;
    auto c = Wal::create(tmp.path() + "/wal", "m");
    Wal &wal = *c.wal;
    const quint64 start = wal.syncCount();
    QVERIFY(wal.save(raft::HardState(), {}).ok());
    QCOMPARE(wal.syncCount(), start);
    QVERIFY(wal.save(hardState(1, 0, 0), entries(1, 50, 1)).ok());
    QCOMPARE(wal.syncCount(), start + 1);
    wal.append(hardState(1, 1, 10), entries(51, 60, 1));
    wal.appendSnapshotMarker({10, 1});
    wal.append(raft::HardState(), entries(61, 70, 1));
    QVERIFY(wal.sync().ok());
    QCOMPARE(wal.syncCount(), start + 2);
    QVERIFY(wal.sync().ok());
    QCOMPARE(wal.syncCount(), start + 2);
}

void TestWal::segmentsRotateAtTheSizeBound()
{
    QTemporaryDir tmp;
    const QString dir = tmp.path() + "/wal";
    Wal::Options opts = plain();
    opts.segmentBytes = 256;
    auto c = Wal::create(dir, "m", opts);
    for (quint64 i = 1; i <= 40; ++i)
        QVERIFY(
            c.wal->save(hardState(1, 1, i - 1), {entry(i, 1, QByteArray(30, 'a' + i % 26))}).ok());
    const QStringList files = c.wal->segmentFiles();
    QVERIFY2(files.size() >= 8, qPrintable(files.join(u' ')));
    QCOMPARE(QDir(dir).entryList({"*.wal"}, QDir::Files, QDir::Name), files);
    quint64 previousFirst = 0;
    for (int i = 0; i < files.size(); ++i) {
        QCOMPARE(files[i].left(16).toULongLong(nullptr, 16), quint64(i));
        const quint64 first = files[i].mid(17, 16).toULongLong(nullptr, 16);
        QVERIFY(first >= previousFirst);
        previousFirst = first;
        // A segment only grows past the bound by the one batch that crossed it.
        if (i + 1 < files.size())
            QVERIFY(QFileInfo(dir + u'/' + files[i]).size() < 256 + 256);
    }
    c.wal.reset();

    Wal::ReadOut out;
    QVERIFY(Wal::open(dir, &out, opts).result.ok());
    QCOMPARE(out.entries.size(), 40);
    QCOMPARE(out.entries.last(), entry(40, 1, QByteArray(30, 'a' + 40 % 26)));
    QCOMPARE(out.hardState, hardState(1, 1, 39));
}

void TestWal::reopenedWalAppendsToAFreshSegment()
{
    QTemporaryDir tmp;
    const QString dir = tmp.path() + "/wal";
    auto c = Wal::create(dir, "m");
    QVERIFY(c.wal->save(hardState(1, 1, 1), entries(1, 3, 1)).ok());
    c.wal.reset();
    for (quint64 round = 1; round <= 3; ++round) {
        Wal::ReadOut out;
        auto o = Wal::open(dir, &out);
        QVERIFY(o.result.ok());
        QCOMPARE(out.entries, entries(1, 2 + round, 1));
        QVERIFY(o.wal->save(hardState(1, 1, 3 + round), {entry(3 + round, 1)}).ok());
        QCOMPARE(o.wal->segmentFiles().size(), int(round + 1));
        QVERIFY(o.wal->segmentFiles().last().endsWith(
            QString::asprintf("-%016llx.wal", static_cast<unsigned long long>(3 + round))));
    }
    // Opening without writing leaves no new file behind.
    Wal::ReadOut out;
    QVERIFY(Wal::open(dir, &out).result.ok());
    QVERIFY(Wal::open(dir, &out).result.ok());
    QCOMPARE(QDir(dir).entryList({"*.wal"}).size(), 4);
    QCOMPARE(out.hardState, hardState(1, 1, 6));
    QCOMPARE(out.entries, entries(1, 6, 1));
}

void TestWal::leaderOverwriteIsResolved()
{
    QTemporaryDir tmp;
    const QString dir = tmp.path() + "/wal";
    Wal::Options opts = plain();
    opts.segmentBytes = 128; // so the overwrite lands in a later segment than the originals
    auto c = Wal::create(dir, "m", opts);
    QVERIFY(c.wal->save(hardState(1, 1, 1), entries(1, 5, 1)).ok());
    QVERIFY(c.wal->save(hardState(2, 2, 2), entries(3, 4, 2)).ok());
    QVERIFY(c.wal->segmentFiles().size() >= 2);
    QCOMPARE(c.wal->lastIndex(), quint64(4));
    c.wal.reset();

    Wal::ReadOut out;
    QVERIFY(Wal::open(dir, &out, opts).result.ok());
    QCOMPARE(describe(out.entries), QStringLiteral("1.1 2.1 3.2 4.2"));
    QCOMPARE(out.hardState, hardState(2, 2, 2));
}

void TestWal::snapshotMarkerStartsReplay()
{
    QTemporaryDir tmp;
    const QString dir = tmp.path() + "/wal";
    auto c = Wal::create(dir, "m");
    QVERIFY(c.wal->save(hardState(1, 1, 10), entries(1, 10, 1)).ok());
    QVERIFY(c.wal->saveSnapshotMarker({5, 1}).ok());
    QVERIFY(c.wal->save(hardState(1, 1, 12), entries(11, 12, 1)).ok());
    c.wal.reset();

    Wal::ReadOut out;
    QVERIFY(Wal::open(dir, &out).result.ok());
    QCOMPARE(out.lastMarker, (SnapshotMarker{5, 1}));
    QCOMPARE(out.replayedAfter, quint64(5));
    QCOMPARE(out.entries, entries(6, 12, 1));

    // The caller's snapshot decides when it is given: older, newer, beyond the log.
    for (quint64 after : {quint64(0), quint64(3), quint64(8), quint64(12), quint64(20)}) {
        Wal::Options opts = plain();
        opts.replayAfter = after;
        Wal::ReadOut fixed;
        QVERIFY(Wal::open(dir, &fixed, opts).result.ok());
        QCOMPARE(fixed.replayedAfter, after);
        QCOMPARE(fixed.entries, after >= 12 ? QList<raft::Entry>() : entries(after + 1, 12, 1));
        QCOMPARE(fixed.lastMarker, (SnapshotMarker{5, 1}));
    }
}

void TestWal::replayAfterOlderSnapshotThanTheLogHasFails()
{
    // A follower that received the leader's snapshot at 100: its log continues from 101 only.
    QTemporaryDir tmp;
    const QString dir = tmp.path() + "/wal";
    auto c = Wal::create(dir, "m");
    QVERIFY(c.wal->save(hardState(1, 1, 2), entries(1, 3, 1)).ok());
    QVERIFY(c.wal->saveSnapshotMarker({100, 3}).ok());
    QVERIFY(c.wal->save(hardState(3, 2, 100), entries(101, 102, 3)).ok());
    QCOMPARE(c.wal->lastIndex(), quint64(102));
    c.wal.reset();

    Wal::ReadOut out;
    QVERIFY(Wal::open(dir, &out).result.ok());
    QCOMPARE(out.entries, entries(101, 102, 3));

    Wal::Options opts = plain();
    opts.replayAfter = 2;
    const auto r = Wal::open(dir, &out, opts);
    QCOMPARE(r.result.status, StorageStatus::MissingEntries);
    QVERIFY2(r.result.error.contains(dir), qPrintable(r.result.error));
}

void TestWal::replayFromASnapshotSkipsTheSegmentsItCovers()
{
    // A member restarting from its snapshot reads only the segments from the one holding the
    // snapshot's index on (issue 15: at a million keys the others were ~270 MB). The log below
    // has many small segments, a marker and a leader overwrite that crosses a segment boundary.
    QTemporaryDir tmp;
    const QString dir = tmp.path() + "/wal";
    Wal::Options opts = plain();
    opts.segmentBytes = 96;
    auto c = Wal::create(dir, "m", opts);
    for (quint64 i = 1; i <= 12; ++i)
        QVERIFY(c.wal->save(hardState(1, 1, i > 4 ? i - 4 : 0), {entry(i, 1)}).ok());
    QVERIFY(c.wal->saveSnapshotMarker({6, 1}).ok());
    QVERIFY(c.wal->save(hardState(2, 2, 8), entries(9, 14, 2)).ok());
    QVERIFY(c.wal->save(hardState(2, 2, 10), {}).ok());
    const QStringList files = c.wal->segmentFiles();
    QVERIFY2(files.size() >= 5, qPrintable(files.join(u' ')));
    c.wal.reset();

    const QList<raft::Entry> log = entries(1, 8, 1) + entries(9, 14, 2);
    for (quint64 after = 0; after <= 14; ++after) {
        Wal::Options fixed = opts;
        fixed.replayAfter = after;
        Wal::ReadOut out;
        const Wal::Opened o = Wal::open(dir, &out, fixed);
        QVERIFY2(o.result.ok(), qPrintable(o.result.error));
        QCOMPARE(out.entries, log.mid(qsizetype(after)));
        QCOMPARE(out.hardState, hardState(2, 2, 10));
        QCOMPARE(out.lastMarker, (SnapshotMarker{6, 1}));
        QCOMPARE(out.metadata, QByteArray("m"));
        QCOMPARE(o.wal->segmentFiles(), files); // skipped, not forgotten: purge still sees them
    }

    // Proof that the covered segments are not read: damage in the oldest one does not stop a
    // start from a snapshot beyond it, while a full read (the WAL tool's check) still finds it.
    const QString oldest = dir + u'/' + files.first();
    QVERIFY(flipBit(oldest, QFileInfo(oldest).size() / 2));
    const quint64 secondFirst = files[1].mid(17, 16).toULongLong(nullptr, 16);
    Wal::Options fixed = opts;
    fixed.replayAfter = secondFirst - 1;
    Wal::ReadOut out;
    QVERIFY(Wal::open(dir, &out, fixed).result.ok());
    QCOMPARE(out.entries, log.mid(qsizetype(secondFirst - 1)));
    Wal::Options check = opts;
    check.readOnly = true;
    const Wal::Opened full = Wal::open(dir, &out, check);
    QCOMPARE(full.result.status, StorageStatus::Corrupt);
    QVERIFY2(full.result.error.contains(oldest), qPrintable(full.result.error));
}

void TestWal::purgeRemovesOnlyCoveredSegments()
{
    QTemporaryDir tmp;
    const QString dir = tmp.path() + "/wal";
    Wal::Options opts = plain();
    opts.segmentBytes = 100;
    auto c = Wal::create(dir, "m", opts);
    Wal &wal = *c.wal;
    for (quint64 i = 1; i <= 30; ++i)
        QVERIFY(wal.save(hardState(1, 1, i), {entry(i, 1)}).ok());
    const int before = wal.segmentFiles().size();
    QVERIFY(before >= 10);

    // 0 keeps everything; without a durable marker nothing is covered.
    QVERIFY(wal.purge(0, 30).ok());
    QVERIFY(wal.purge(1, 30).ok());
    QCOMPARE(wal.segmentFiles().size(), before);

    QVERIFY(wal.saveSnapshotMarker({20, 1}).ok());
    QStringList removed;
    QVERIFY(wal.purge(1, 25, &removed).ok()); // bounded by the durable marker: 20
    QVERIFY(!removed.isEmpty());
    for (const QString &name : wal.segmentFiles())
        QVERIFY(!removed.contains(name));
    // Every remaining segment but the first starts after an index the marker does not cover,
    // and the first still holds index 21 or starts at it.
    const QStringList left = wal.segmentFiles();
    QVERIFY(left[1].mid(17, 16).toULongLong(nullptr, 16) > 21);
    QCOMPARE(QDir(dir).entryList({"*.wal"}), left);

    const int count = left.size();
    QVERIFY(wal.purge(count, 25).ok());
    QCOMPARE(wal.segmentFiles().size(), count);
    c.wal.reset();

    Wal::ReadOut out;
    QVERIFY(Wal::open(dir, &out, opts).result.ok());
    QCOMPARE(out.entries, entries(21, 30, 1));
    QCOMPARE(out.hardState, hardState(1, 1, 30));
}

void TestWal::purgedWalKeepsMetadataAndHardState()
{
    // The hard state is written once, long before the purge: segment heads must carry it.
    QTemporaryDir tmp;
    const QString dir = tmp.path() + "/wal";
    Wal::Options opts = plain();
    opts.segmentBytes = 64;
    auto c = Wal::create(dir, "meta!", opts);
    QVERIFY(c.wal->save(hardState(7, 3, 1), {entry(1, 7)}).ok());
    for (quint64 i = 2; i <= 20; ++i)
        QVERIFY(c.wal->save(raft::HardState(), {entry(i, 7)}).ok());
    QVERIFY(c.wal->saveSnapshotMarker({18, 7}).ok());
    QVERIFY(c.wal->save(raft::HardState(), {entry(21, 7)}).ok());
    QVERIFY(c.wal->purge(1, 18).ok());
    QVERIFY(c.wal->segmentFiles().size() <= 3);
    c.wal.reset();

    Wal::ReadOut out;
    const auto o = Wal::open(dir, &out, opts);
    QVERIFY2(o.result.ok(), qPrintable(o.result.error));
    QCOMPARE(out.metadata, QByteArray("meta!"));
    QCOMPARE(out.hardState, hardState(7, 3, 1));
    QCOMPARE(out.lastMarker, (SnapshotMarker{18, 7}));
    QCOMPARE(out.entries, entries(19, 21, 7));

    Wal::Options older = opts;
    older.replayAfter = 5;
    QCOMPARE(Wal::open(dir, &out, older).result.status, StorageStatus::MissingEntries);
}

void TestWal::cutAtEveryOffsetOfTheLastRecordRecovers()
{
    QTemporaryDir tmp;
    const Written w = writeThreeBatches(tmp.path() + "/orig");
    const QByteArray original = readFile(w.segment);
    const QString name = QFileInfo(w.segment).fileName();
    QCOMPARE(w.end - w.lastBatchStart, recordSize(w.entries[3]));

    for (qsizetype cut = w.lastBatchStart; cut < w.end; ++cut) {
        const QString dir = tmp.path() + QStringLiteral("/cut%1").arg(cut);
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(writeFile(dir + u'/' + name, original.left(cut)));

        Wal::ReadOut out;
        auto o = Wal::open(dir, &out);
        QVERIFY2(o.result.ok(),
                 qPrintable(QStringLiteral("cut %1: %2").arg(cut).arg(o.result.error)));
        QCOMPARE(out.entries, w.entries.mid(0, 3));
        QCOMPARE(out.hardState, w.lastHardState);
        const bool torn = cut > w.lastBatchStart;
        QCOMPARE(out.tornTailTruncated, torn);
        if (torn) {
            QVERIFY2(out.warning.contains(dir + u'/' + name), qPrintable(out.warning));
            QVERIFY2(out.warning.contains(QStringLiteral("offset %1").arg(w.lastBatchStart)),
                     qPrintable(out.warning));
        } else {
            QVERIFY(out.warning.isEmpty());
        }
        QCOMPARE(QFileInfo(dir + u'/' + name).size(), qint64(w.lastBatchStart));

        // The recovered WAL is a normal WAL again.
        QVERIFY(o.wal->save(hardState(3, 1, 4), {entry(4, 3)}).ok());
        o.wal.reset();
        Wal::ReadOut again;
        QVERIFY(Wal::open(dir, &again).result.ok());
        QVERIFY(!again.tornTailTruncated);
        QCOMPARE(again.entries, w.entries.mid(0, 3) << entry(4, 3));
    }
}

void TestWal::cutInsideTheLastBatchKeepsWholeRecords()
{
    QTemporaryDir tmp;
    const QString orig = tmp.path() + "/orig";
    auto c = Wal::create(orig, "m", plain());
    QVERIFY(c.wal->save(hardState(1, 1, 1), entries(1, 2, 1)).ok());
    const QString segment = orig + u'/' + c.wal->segmentFiles().first();
    const qsizetype batchStart = QFileInfo(segment).size();
    const QList<raft::Entry> batch = entries(3, 5, 1);
    QVERIFY(c.wal->save(hardState(1, 1, 5), batch).ok());
    c.wal.reset();
    const QByteArray original = readFile(segment);

    QList<qsizetype> ends; // where each record of the last batch ends
    qsizetype at = batchStart;
    for (const raft::Entry &e : batch)
        ends.append(at += recordSize(e));
    ends.append(original.size()); // the hard state record

    for (qsizetype cut = batchStart; cut < original.size(); ++cut) {
        const QString dir = tmp.path() + QStringLiteral("/cut%1").arg(cut);
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(writeFile(dir + u'/' + QFileInfo(segment).fileName(), original.left(cut)));
        Wal::ReadOut out;
        QVERIFY(Wal::open(dir, &out).result.ok());
        int whole = 0;
        while (whole < batch.size() && ends[whole] <= cut)
            ++whole;
        QCOMPARE(out.entries, entries(1, 2 + whole, 1));
        QCOMPARE(out.hardState, hardState(1, 1, 1));
        QCOMPARE(out.tornTailTruncated, !ends.contains(cut) && cut != batchStart);
    }
}

void TestWal::flippedBitInEarlierRecordIsReported()
{
    QTemporaryDir tmp;
    const Written w = writeThreeBatches(tmp.path() + "/orig");
    const QByteArray original = readFile(w.segment);
    const QString name = QFileInfo(w.segment).fileName();
    // Every byte of entry 2's record (header and payload), and of entry 3's (a later batch).
    for (int which : {1, 2}) {
        const qsizetype from = w.offsets[which];
        for (qsizetype at = from; at < from + recordSize(w.entries[which]); ++at) {
            const QString dir = tmp.path() + QStringLiteral("/flip%1").arg(at);
            QVERIFY(QDir().mkpath(dir));
            const QString path = dir + u'/' + name;
            QVERIFY(writeFile(path, original));
            QVERIFY(flipBit(path, at, int(at % 8)));
            const QByteArray damaged = readFile(path);

            Wal::ReadOut out;
            const auto o = Wal::open(dir, &out);
            QCOMPARE(o.result.status, StorageStatus::Corrupt);
            QVERIFY(!o.wal);
            const QString expected =
                QStringLiteral("corrupt WAL record in %1 at offset %2: ").arg(path).arg(from);
            QVERIFY2(o.result.error.startsWith(expected),
                     qPrintable(QStringLiteral("flip at %1: %2").arg(at).arg(o.result.error)));
            QCOMPARE(readFile(path), damaged); // nothing truncated or repaired
        }
    }
}

void TestWal::flippedBitInCompleteLastRecordIsCorrupt()
{
    // Was flippedBitInLastRecordIsTornTail: a complete, synced last record with a CRC mismatch
    // used to be cut away as torn. Every one of its bytes, header or payload, is damage now.
    QTemporaryDir tmp;
    const Written w = writeThreeBatches(tmp.path() + "/orig");
    const QByteArray original = readFile(w.segment);
    const QString name = QFileInfo(w.segment).fileName();
    for (qsizetype at = w.lastBatchStart; at < w.end; ++at) {
        const QString dir = tmp.path() + QStringLiteral("/flip%1").arg(at);
        QVERIFY(QDir().mkpath(dir));
        const QString path = dir + u'/' + name;
        QVERIFY(writeFile(path, original));
        QVERIFY(flipBit(path, at, int(at % 8)));
        const QByteArray damaged = readFile(path);
        Wal::ReadOut out;
        const auto o = Wal::open(dir, &out);
        QCOMPARE(o.result.status, StorageStatus::Corrupt);
        QVERIFY(!o.wal);
        const QString expected = QStringLiteral("corrupt WAL record in %1 at offset %2: ")
                                     .arg(path)
                                     .arg(w.lastBatchStart);
        QVERIFY2(o.result.error.startsWith(expected),
                 qPrintable(QStringLiteral("flip at %1: %2").arg(at).arg(o.result.error)));
        QCOMPARE(readFile(path), damaged); // nothing truncated
    }
}

TestWal::LastRecord TestWal::writeEndingWith(const QString &dir, WalRecordType kind)
{
    LastRecord l;
    auto c = Wal::create(dir, "member=1 cluster=7", plain());
    if (!c.result.ok())
        qFatal("create failed: %s", qPrintable(c.result.error));
    l.segment = dir + u'/' + c.wal->segmentFiles().first();
    auto check = [](const StorageResult &r) {
        if (!r.ok())
            qFatal("save failed: %s", qPrintable(r.error));
    };
    switch (kind) {
    case WalRecordType::Metadata:
        break;
    case WalRecordType::Entry:
        check(c.wal->save(hardState(1, 1, 1), entries(1, 2, 1)));
        l.entriesBefore = entries(1, 2, 1);
        l.hardStateBefore = hardState(1, 1, 1);
        l.start = QFileInfo(l.segment).size();
        check(c.wal->save(raft::HardState(), {entry(3, 1, QByteArray(40, 'x'))}));
        break;
    case WalRecordType::HardState:
        // A vote: losing it would let the member vote again in term 2.
        check(c.wal->save(hardState(1, 1, 1), entries(1, 2, 1)));
        l.entriesBefore = entries(1, 2, 1);
        l.hardStateBefore = hardState(1, 1, 1);
        l.start = QFileInfo(l.segment).size();
        check(c.wal->save(hardState(2, 2, 2), {}));
        break;
    case WalRecordType::SnapshotMarker:
        check(c.wal->save(hardState(1, 1, 3), entries(1, 3, 1)));
        l.entriesBefore = entries(1, 3, 1);
        l.hardStateBefore = hardState(1, 1, 3);
        l.start = QFileInfo(l.segment).size();
        check(c.wal->saveSnapshotMarker({2, 1}));
        break;
    }
    l.end = QFileInfo(l.segment).size();
    return l;
}

void TestWal::flippedBitInLastRecordOfEachKindIsCorrupt_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("kindName");
    QTest::newRow("entry") << int(WalRecordType::Entry) << "entry record";
    QTest::newRow("hard state") << int(WalRecordType::HardState) << "hard state record";
    QTest::newRow("snapshot marker")
        << int(WalRecordType::SnapshotMarker) << "snapshot marker record";
    // Only a WAL that create() just made ends in its metadata record.
    QTest::newRow("metadata") << int(WalRecordType::Metadata) << "metadata record";
}

void TestWal::flippedBitInLastRecordOfEachKindIsCorrupt()
{
    QFETCH(int, kind);
    QFETCH(QString, kindName);
    QTemporaryDir tmp;
    const QString dir = tmp.path() + "/wal";
    const LastRecord l = writeEndingWith(dir, WalRecordType(kind));
    // One bit in the middle of the payload: the record is complete and every sector of it
    // was written, so it was synced (and may have been acknowledged) before it was damaged.
    const qsizetype at = l.start + WalRecord::kHeaderBytes + (l.end - l.start - 12) / 2;
    QVERIFY(flipBit(l.segment, at, 3));
    const QByteArray damaged = readFile(l.segment);

    Wal::ReadOut out;
    const auto o = Wal::open(dir, &out);
    QCOMPARE(o.result.status, StorageStatus::Corrupt);
    QVERIFY(!o.wal);
    const QString expected = QStringLiteral("corrupt WAL record in %1 at offset %2: %3: CRC-32C "
                                            "mismatch")
                                 .arg(l.segment)
                                 .arg(l.start)
                                 .arg(kindName);
    QVERIFY2(o.result.error.startsWith(expected), qPrintable(o.result.error));
    QCOMPARE(readFile(l.segment), damaged); // nothing truncated or repaired
}

void TestWal::lastRecordOfEachKindCutAtEveryLengthIsTorn_data()
{
    QTest::addColumn<int>("kind");
    QTest::newRow("entry") << int(WalRecordType::Entry);
    QTest::newRow("hard state") << int(WalRecordType::HardState);
    QTest::newRow("snapshot marker") << int(WalRecordType::SnapshotMarker);
}

void TestWal::lastRecordOfEachKindCutAtEveryLengthIsTorn()
{
    QFETCH(int, kind);
    QTemporaryDir tmp;
    const LastRecord l = writeEndingWith(tmp.path() + "/orig", WalRecordType(kind));
    const QByteArray original = readFile(l.segment);
    const QString name = QFileInfo(l.segment).fileName();
    for (qsizetype cut = l.start + 1; cut < l.end; ++cut) {
        const QString dir = tmp.path() + QStringLiteral("/cut%1").arg(cut);
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(writeFile(dir + u'/' + name, original.left(cut)));
        Wal::ReadOut out;
        const auto o = Wal::open(dir, &out);
        QVERIFY2(o.result.ok(),
                 qPrintable(QStringLiteral("cut %1: %2").arg(cut).arg(o.result.error)));
        QVERIFY(out.tornTailTruncated);
        QVERIFY2(out.warning.contains(QStringLiteral("offset %1").arg(l.start)),
                 qPrintable(out.warning));
        QCOMPARE(out.entries, l.entriesBefore);
        QCOMPARE(out.hardState, l.hardStateBefore);
        QCOMPARE(out.lastMarker, SnapshotMarker()); // none was written before the last
        QCOMPARE(QFileInfo(dir + u'/' + name).size(), qint64(l.start));
    }
}

void TestWal::unwrittenSectorOfLastRecordIsTorn_data()
{
    // Which bytes of the last record read back as zeros, relative to its first sector
    // boundary (the record is an entry of about 2 KiB, so it spans several sectors).
    QTest::addColumn<int>("fromSector"); // zeros start at this sector boundary ...
    QTest::addColumn<int>("sectors");    // ... for this many sectors (-1: to the record's end)
    QTest::addColumn<bool>("torn");
    // A segment that grows by appends, and one preallocated as a member writes it, where the
    // lost sectors are followed by the segment's unwritten zeros.
    QTest::addColumn<bool>("preallocated");
    for (bool preallocated : {false, true}) {
        const char *mode = preallocated ? ", preallocated" : "";
        auto row = [&](const char *name) { return std::ref(QTest::addRow("%s%s", name, mode)); };
        row("everything after a sector boundary").get() << 1 << -1 << true << preallocated;
        row("the record's tail sector").get() << 3 << -1 << true << preallocated;
        row("one sector in the middle").get() << 1 << 1 << true << preallocated;
        // Zeros that do not cover a sector (or the record's part of one) are not a lost write.
        row("half a sector").get() << 1 << 0 << false << preallocated;
    }
}

void TestWal::unwrittenSectorOfLastRecordIsTorn()
{
    QFETCH(int, fromSector);
    QFETCH(int, sectors);
    QFETCH(bool, torn);
    QFETCH(bool, preallocated);
    QTemporaryDir tmp;
    if (preallocated && !preallocates(tmp.path()))
        QSKIP("this file system cannot preallocate");
    const QString dir = tmp.path() + "/wal";
    Wal::Options opts = plain();
    opts.preallocate = preallocated;
    opts.segmentBytes = 64 * 1024;
    auto c = Wal::create(dir, "m", opts);
    QVERIFY(c.wal->save(hardState(1, 1, 1), entries(1, 2, 1)).ok());
    const QString segment = dir + u'/' + c.wal->segmentFiles().first();
    const qsizetype start = recordsEnd(segment);
    const raft::Entry last = entry(3, 1, QByteArray(2000, 'v'));
    QVERIFY(c.wal->save(raft::HardState(), {last}).ok());
    c.wal.reset();
    QByteArray bytes = readFile(segment);
    const qsizetype end = start + recordSize(last);
    QCOMPARE(recordsEnd(segment), end);
    QCOMPARE(bytes.size(), preallocated ? opts.segmentBytes : end);
    const qsizetype firstBoundary = (start / 512 + 1) * 512;
    const qsizetype from = firstBoundary + 512 * (fromSector - 1);
    QVERIFY(from < end);
    const qsizetype to = sectors < 0 ? end : sectors == 0 ? from + 256 : from + 512 * sectors;
    QVERIFY(to <= end);
    for (qsizetype i = from; i < to; ++i)
        bytes[i] = '\0';
    QVERIFY(writeFile(segment, bytes));

    Wal::ReadOut out;
    const auto o = Wal::open(dir, &out);
    if (!torn) {
        QCOMPARE(o.result.status, StorageStatus::Corrupt);
        QVERIFY2(o.result.error.contains(QStringLiteral("at offset %1: entry record").arg(start)),
                 qPrintable(o.result.error));
        return;
    }
    QVERIFY2(o.result.ok(), qPrintable(o.result.error));
    QVERIFY(out.tornTailTruncated);
    QCOMPARE(out.entries, entries(1, 2, 1));
    QCOMPARE(QFileInfo(segment).size(), qint64(start));
    // The warning counts the unfinished write (its record's header is intact: it claims to end
    // at `end`), and counts the segment's unused zeros apart from it.
    QVERIFY(from >= start + WalRecord::kHeaderBytes);
    const QString expected =
        preallocated
            ? QStringLiteral("truncated the unfinished write of %1 bytes from a crash, "
                             "and %2 bytes of zeros after it")
                  .arg(end - start)
                  .arg(opts.segmentBytes - end)
            : QStringLiteral("truncated the last %1 bytes, an unfinished write").arg(end - start);
    QVERIFY2(out.warning.contains(expected), qPrintable(out.warning));
}

void TestWal::damagedLengthOfCompleteLastRecordIsCorrupt()
{
    // A length field damaged to claim more bytes than the file holds looks like a record cut
    // short, but the checksum still matches the bytes that are there: the record is complete.
    QTemporaryDir tmp;
    const QString dir = tmp.path() + "/wal";
    const LastRecord l = writeEndingWith(dir, WalRecordType::HardState);
    for (int bit : {2, 31}) { // a little longer; above the length limit
        QVERIFY(flipBit(l.segment, l.start + bit / 8, bit % 8));
        Wal::ReadOut out;
        const auto o = Wal::open(dir, &out);
        QCOMPARE(o.result.status, StorageStatus::Corrupt);
        QVERIFY2(o.result.error.startsWith(
                     QStringLiteral("corrupt WAL record in %1 at offset %2: hard state record")
                         .arg(l.segment)
                         .arg(l.start)),
                 qPrintable(o.result.error));
        QCOMPARE(QFileInfo(l.segment).size(), qint64(l.end));
        QVERIFY(flipBit(l.segment, l.start + bit / 8, bit % 8));
    }
}

void TestWal::damageInOlderSegmentIsReported()
{
    QTemporaryDir tmp;
    const QString dir = tmp.path() + "/wal";
    const QStringList files = writeSmallBatches(dir, 80, 12);
    QVERIFY(files.size() >= 3);

    // The very last byte of the next-to-last segment: the end of its last record.
    const QString victim = dir + u'/' + files[files.size() - 2];
    const qint64 size = QFileInfo(victim).size();
    QVERIFY(flipBit(victim, size - 1));
    Wal::ReadOut out;
    auto o = Wal::open(dir, &out);
    QCOMPARE(o.result.status, StorageStatus::Corrupt);
    QVERIFY2(o.result.error.contains("corrupt WAL record in " + victim + " at offset "),
             qPrintable(o.result.error));

    // Cut instead of flipped: a segment that ends early is damage too unless it is the last.
    QVERIFY(flipBit(victim, size - 1));
    QVERIFY(QFile(victim).resize(size - 3));
    o = Wal::open(dir, &out);
    QCOMPARE(o.result.status, StorageStatus::Corrupt);
    QVERIFY2(o.result.error.contains(victim), qPrintable(o.result.error));
}

void TestWal::zeroFilledTailIsTheEnd()
{
    // What a preallocated segment looks like: records, then zeros. Nothing is lost or
    // reported, and open() gives the zeros' space back.
    QTemporaryDir tmp;
    const Written w = writeThreeBatches(tmp.path() + "/wal");
    QFile f(w.segment);
    QVERIFY(f.open(QIODevice::Append));
    f.write(QByteArray(4096, '\0'));
    f.close();
    Wal::ReadOut out;
    QVERIFY(Wal::open(tmp.path() + "/wal", &out).result.ok());
    QVERIFY(!out.tornTailTruncated);
    QVERIFY2(out.warning.isEmpty(), qPrintable(out.warning));
    QCOMPARE(out.entries, w.entries);
    QCOMPARE(QFileInfo(w.segment).size(), qint64(w.end));
}

void TestWal::intactRecordWeDoNotUnderstandIsReported_data()
{
    QTest::addColumn<QByteArray>("record");
    QByteArray unknownType;
    WalRecord{WalRecordType(9), "future"}.appendTo(unknownType);
    QByteArray badEntry;
    WalRecord{WalRecordType::Entry, "not an entry"}.appendTo(badEntry);
    QByteArray badMarker;
    WalRecord{WalRecordType::SnapshotMarker, "short"}.appendTo(badMarker);
    QByteArray otherMetadata;
    WalRecord{WalRecordType::Metadata, "another cluster"}.appendTo(otherMetadata);
    QByteArray gap;
    WalRecord{WalRecordType::Entry, entry(9, 2).encode()}.appendTo(gap);
    QTest::newRow("unknown type") << unknownType;
    QTest::newRow("undecodable entry") << badEntry;
    QTest::newRow("undecodable marker") << badMarker;
    QTest::newRow("different metadata") << otherMetadata;
    QTest::newRow("entry index gap") << gap;
}

void TestWal::intactRecordWeDoNotUnderstandIsReported()
{
    // Even as the very last record: its checksum proves it was written completely.
    QFETCH(QByteArray, record);
    QTemporaryDir tmp;
    const Written w = writeThreeBatches(tmp.path() + "/wal");
    QFile f(w.segment);
    QVERIFY(f.open(QIODevice::Append));
    f.write(record);
    f.close();
    Wal::ReadOut out;
    const auto o = Wal::open(tmp.path() + "/wal", &out);
    QCOMPARE(o.result.status, StorageStatus::Corrupt);
    QVERIFY2(
        o.result.error.startsWith(
            QStringLiteral("corrupt WAL record in %1 at offset %2: ").arg(w.segment).arg(w.end)),
        qPrintable(o.result.error));
    QCOMPARE(QFileInfo(w.segment).size(), qint64(w.end + record.size()));
}

void TestWal::missingMiddleSegmentIsReported()
{
    QTemporaryDir tmp;
    const QString dir = tmp.path() + "/wal";
    const QStringList files = writeSmallBatches(dir, 100, 10);
    QVERIFY(files.size() >= 3);
    QVERIFY(QFile::remove(dir + u'/' + files[1]));
    Wal::ReadOut out;
    const auto o = Wal::open(dir, &out);
    QCOMPARE(o.result.status, StorageStatus::Corrupt);
    QVERIFY2(o.result.error.contains(files[0]) && o.result.error.contains(files[2]),
             qPrintable(o.result.error));
}

void TestWal::randomBytesNeverCrash()
{
    QTemporaryDir tmp;
    QRandomGenerator rng(20261124);
    const QString name = "0000000000000000-0000000000000000.wal";
    for (int round = 0; round < 300; ++round) {
        const QString dir = tmp.path() + QStringLiteral("/r%1").arg(round);
        QVERIFY(QDir().mkpath(dir));
        QByteArray bytes(rng.bounded(0, 3000), Qt::Uninitialized);
        for (char &b : bytes)
            b = char(rng.bounded(256));
        // Some rounds start with a valid header so the scan gets past the first record.
        if (round % 3 == 0) {
            QByteArray head;
            WalRecord{WalRecordType::Metadata, "m"}.appendTo(head);
            bytes.prepend(head);
        }
        QVERIFY(writeFile(dir + u'/' + name, bytes));
        Wal::ReadOut out;
        const auto o = Wal::open(dir, &out);
        if (o.result.ok())
            QVERIFY(out.entries.isEmpty() || out.entries.first().index == 1);
        else
            QVERIFY(!o.result.error.isEmpty());
    }
}

void TestWal::randomDamageNeverInventsEntries()
{
    QTemporaryDir tmp;
    const QString orig = tmp.path() + "/orig";
    Wal::Options opts = plain();
    opts.segmentBytes = 400;
    auto c = Wal::create(orig, "m", opts);
    QList<raft::Entry> written;
    for (quint64 i = 1; i <= 40; ++i) {
        written.append(entry(i, 1 + i / 10));
        QVERIFY(c.wal->save(hardState(1 + i / 10, 1, i), {written.last()}).ok());
    }
    const QStringList files = c.wal->segmentFiles();
    c.wal.reset();

    QRandomGenerator rng(7);
    for (int round = 0; round < 200; ++round) {
        const QString dir = tmp.path() + QStringLiteral("/d%1").arg(round);
        QVERIFY(copyDir(orig, dir));
        const QString victim = dir + u'/' + files[rng.bounded(int(files.size()))];
        QByteArray bytes = readFile(victim);
        const int damage = rng.bounded(1, 6);
        for (int i = 0; i < damage; ++i)
            bytes[rng.bounded(int(bytes.size()))] = char(rng.bounded(256));
        if (rng.bounded(2))
            bytes.truncate(rng.bounded(int(bytes.size()) + 1));
        QVERIFY(writeFile(victim, bytes));

        Wal::ReadOut out;
        const auto o = Wal::open(dir, &out, opts);
        if (!o.result.ok())
            continue;
        // Whatever is recovered is exactly a prefix of what was written.
        QVERIFY(out.entries.size() <= written.size());
        QCOMPARE(out.entries, written.mid(0, out.entries.size()));
    }
}

void TestWal::preallocatedSegmentsReadBackAndGiveTheirZerosBack()
{
    QTemporaryDir tmp;
    if (!preallocates(tmp.path()))
        QSKIP("this file system cannot preallocate");
    const QString dir = tmp.path() + "/wal";
    Wal::Options opts; // preallocated, as a member writes its WAL
    opts.segmentBytes = 4096;
    auto c = Wal::create(dir, "m", opts);
    QVERIFY2(c.result.ok(), qPrintable(c.result.error));
    QList<raft::Entry> written;
    for (quint64 i = 1; i <= 60; ++i) {
        written.append(entry(i, 1, QByteArray(200, char('a' + i % 26))));
        QVERIFY(c.wal->save(hardState(1, 1, i), {written.last()}).ok());
    }
    const QStringList files = c.wal->segmentFiles();
    QVERIFY2(files.size() >= 3, qPrintable(files.join(u' ')));
    // Every segment is written over its preallocated zeros; the sealed ones had them cut
    // off when the next one was started, the newest still has them.
    for (qsizetype i = 0; i < files.size(); ++i) {
        const QString path = dir + u'/' + files[i];
        const qint64 size = QFileInfo(path).size();
        if (i + 1 < files.size())
            QCOMPARE(size, qint64(recordsEnd(path)));
        else
            QCOMPARE(size, opts.segmentBytes);
    }
    const QString newest = dir + u'/' + files.last();
    const qsizetype newestEnd = recordsEnd(newest);
    QVERIFY(newestEnd < opts.segmentBytes);
    c.wal.reset(); // what a crash leaves too: nothing is cut at close

    // A crash right after a segment was started can leave the zeros of the one before.
    const QString sealed = dir + u'/' + files[files.size() - 2];
    QFile grow(sealed);
    QVERIFY(grow.open(QIODevice::Append));
    QCOMPARE(grow.write(QByteArray(3000, '\0')), 3000);
    grow.close();

    Wal::ReadOut out;
    auto o = Wal::open(dir, &out, opts);
    QVERIFY2(o.result.ok(), qPrintable(o.result.error));
    QVERIFY(!out.tornTailTruncated);
    QVERIFY2(out.warning.isEmpty(), qPrintable(out.warning));
    QCOMPARE(out.entries, written);
    QCOMPARE(out.hardState, hardState(1, 1, 60));
    // open() gave the newest segment's zeros back: the next write starts a new segment.
    QCOMPARE(QFileInfo(newest).size(), qint64(newestEnd));

    // And the reopened WAL appends, preallocated, after them.
    written.append(entry(61, 2));
    QVERIFY(o.wal->save(hardState(2, 1, 61), {written.last()}).ok());
    QCOMPARE(QFileInfo(dir + u'/' + o.wal->segmentFiles().last()).size(), opts.segmentBytes);
    o.wal.reset();
    Wal::ReadOut again;
    QVERIFY(Wal::open(dir, &again, opts).result.ok());
    QCOMPARE(again.entries, written);
}

void TestWal::flippedBitBeforePreallocatedZerosIsCorrupt()
{
    // The zeros after a preallocated segment's last record must not make a damaged record
    // that was synced (an acknowledged write) pass for a torn one.
    QTemporaryDir tmp;
    if (!preallocates(tmp.path()))
        QSKIP("this file system cannot preallocate");
    const QString dir = tmp.path() + "/wal";
    auto c = Wal::create(dir, "m");
    QVERIFY(c.wal->save(hardState(1, 1, 1), entries(1, 2, 1)).ok());
    const QString segment = dir + u'/' + c.wal->segmentFiles().first();
    const qsizetype start = recordsEnd(segment);
    const raft::Entry last = entry(3, 1, QByteArray(300, 'w'));
    QVERIFY(c.wal->save(raft::HardState(), {last}).ok());
    c.wal.reset();
    QCOMPARE(QFileInfo(segment).size(), Wal::Options().segmentBytes);
    QVERIFY(flipBit(segment, start + recordSize(last) / 2, 5));
    const QByteArray damaged = readFile(segment);

    Wal::ReadOut out;
    const auto o = Wal::open(dir, &out);
    QCOMPARE(o.result.status, StorageStatus::Corrupt);
    QVERIFY2(o.result.error.startsWith(
                 QStringLiteral("corrupt WAL record in %1 at offset %2: entry record")
                     .arg(segment)
                     .arg(start)),
             qPrintable(o.result.error));
    QVERIFY(readFile(segment) == damaged); // nothing truncated
}

void TestWal::recordsEndingInZerosBeforePreallocatedZerosReadBack()
{
    // open() reads a segment up to its last non-zero byte; a record may end in zeros (a value
    // of NUL bytes, a snapshot marker's high bytes), and those are part of it, not free space.
    QTemporaryDir tmp;
    if (!preallocates(tmp.path()))
        QSKIP("this file system cannot preallocate");
    const QString dir = tmp.path() + "/wal";
    auto c = Wal::create(dir, "m");
    QList<raft::Entry> written = {entry(1, 1), entry(2, 1, QByteArray(5000, '\0'))};
    QVERIFY(c.wal->save(hardState(1, 1, 1), written).ok());
    const QString segment = dir + u'/' + c.wal->segmentFiles().first();
    c.wal.reset();
    QCOMPARE(QFileInfo(segment).size(), Wal::Options().segmentBytes);
    Wal::ReadOut out;
    auto o = Wal::open(dir, &out);
    QVERIFY2(o.result.ok(), qPrintable(o.result.error));
    QVERIFY2(!out.tornTailTruncated, qPrintable(out.warning));
    QCOMPARE(out.entries, written);

    // A snapshot marker ends in the zero high bytes of its term.
    QVERIFY(o.wal->saveSnapshotMarker(SnapshotMarker{2, 1}).ok());
    o.wal.reset();
    Wal::ReadOut again;
    QVERIFY2(Wal::open(dir, &again).result.ok(), qPrintable(again.warning));
    QVERIFY2(!again.tornTailTruncated, qPrintable(again.warning));
    QCOMPARE(again.lastMarker, (SnapshotMarker{2, 1}));
}

QTEST_APPLESS_MAIN(TestWal)
#include "tst_wal.moc"
