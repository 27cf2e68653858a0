// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

// The write-ahead log of a member: every hard state and log entry Raft hands over is
// appended here and made durable before the member acts on it.
//
// ON-DISK FORMAT (version 1)
//
// Directory <data-dir>/member/wal (or --wal-dir) holds segment files named
//     %016llx-%016llx.wal      (sequence number, first Raft index that may be in it)
// in lower-case hex, like etcd. Sequence numbers are contiguous from the oldest kept segment
// to the newest; only the newest segment is ever appended to. A new segment is started when
// the current one has reached Options::segmentBytes (64 MiB by default) and after every
// open(); other files in the directory are ignored. Files and the directory are 0600/0700.
//
// A segment is a sequence of records, nothing else (no file header, no padding):
//     offset 0   u32 LE  payload length (at most 256 MiB)
//     offset 4   u8      type: 1 Metadata, 2 HardState, 3 Entry, 4 SnapshotMarker
//     offset 5   3 bytes reserved, zero
//     offset 8   u32 LE  CRC-32C (Castagnoli) of header bytes 0..7 followed by the payload
//     offset 12  payload
// Payloads: Metadata = the opaque bytes given to create() (member id, cluster id, ... as the
// node encodes them); HardState = raft::HardState::encode(); Entry = raft::Entry::encode();
// SnapshotMarker = u64 LE index, u64 LE term of a snapshot written to the snap directory.
//
// Every segment begins with a head: the Metadata record, then the newest SnapshotMarker and
// the newest non-empty HardState known when the segment was started (when there are any), so
// that any suffix of segments left by purge() still carries everything replay needs.
//
// WRITING. Records handed to append()/appendSnapshotMarker() are buffered; sync() writes them
// with one write() and one fdatasync() (group commit: the caller batches as much as it likes).
// A new segment is preallocated to segmentBytes (Options::preallocate, as etcd does): the
// records are written over zeros, the file's size does not change, and each fdatasync is
// cheaper (DiskOps::preallocate). The zeros after the last record read as the segment's end
// (WalSegmentScan). When the next segment is started, and when open() finds the newest one,
// the zeros are cut off. A file system that cannot preallocate, or has no room for a whole
// segment, gets a segment that grows by appends instead.
// A FULL DISK (ENOSPC or EDQUOT while creating a segment or writing records) is not a failure:
// sync() cuts the segment back to its last synced byte (or removes the segment it had just
// created), keeps the buffered records and returns StorageStatus::NoSpace; calling sync()
// again later writes the same records at the same place. Any other error, and every failed
// fdatasync/fsync (ENOSPC included), is final, see sync().
// A new segment is created with O_EXCL semantics, and the directory is fsynced after it is
// created, so its name survives a crash. create() builds the first segment in <dir>.tmp and
// renames it into place, so a WAL either exists completely or not at all.
//
// RECOVERY (open()). Segments are read in order and every record is checked. With a fixed
// replay start (Options::replayAfter, the snapshot a starting member loaded), reading begins at
// the last segment whose name's index is at most the start + 1: the segments before it hold
// only entries the snapshot covers, and its head repeats everything else (etcd's wal.Open does
// the same). Without one (the WAL tool's check) every segment is read. In what is read:
//  - The newest segment may end in a torn record left by a crash in the middle of an append,
//    with no intact record anywhere after it: a record cut short by the end of the file, or
//    a complete record with a CRC mismatch one of whose 512-byte sectors is all zeros (a part
//    of the write that never landed; etcd's isTornEntry). It is truncated away
//    (ReadOut::tornTailTruncated, with a warning). That data was never synced, so it was
//    never acknowledged.
//  - Any other damage — a complete last record whose CRC does not match although all of it
//    was written (it was synced, so it may be a vote or an acknowledged entry: dropping it
//    could let the member vote twice in a term or lose a write), a length field no record
//    is written with, damage in an older segment, damage followed by an intact record, an intact
//    record with unknown type, reserved bits or undecodable content, or entries that skip an index
//    — fails open() with StorageStatus::Corrupt and
//        "corrupt WAL record in <file> at offset <n>: <record kind>: <reason>".
//    Nothing is modified on disk in that case; committed data is never dropped silently.
//  - If the entries do not reach back to the replay start (segments purged too eagerly, or an
//    older snapshot was chosen), open() fails with StorageStatus::MissingEntries.
//
// USE BY THE NODE (start-up):
//     DataDir dirs(dataDir, walDir);            dirs.open()             -> lock, layout
//     Snapshotter snaps(dirs.snapDir());        snaps.readNewest(decode, &warning) -> snap
//     Wal::Options o;                           if (snap) o.replayAfter = snap->index;
//     Wal::exists(dirs.walDir()) ? Wal::open(dirs.walDir(), &out, o)
//                                : Wal::create(dirs.walDir(), metadata)
//     restore Raft from snap, out.hardState and out.entries, then hand the Wal to a WalWriter.
// A snapshot file can be newer than the newest marker (crash between the two writes); it is
// still committed state, so replaying after it is right, and the node should treat its index
// as committed (hard state commit = max(commit, snapshot index)).
//
// Ownership and threading: a Wal owns its directory's segment files exclusively (DataDir's
// lock keeps other processes out). A Wal object is not thread-safe: use it from one thread at
// a time (WalWriter moves all calls onto its writer thread). syncCount() alone may be read from
// any thread.

#include "raft/Entry.h"
#include "raft/HardState.h"
#include "storage/SnapshotMarker.h"
#include "storage/StorageResult.h"
#include "storage/WalRecord.h"

#include <prometheus/histogram.h>

#include <QCoreApplication>
#include <QFile>
#include <QList>
#include <QStringList>

#include <atomic>
#include <memory>
#include <optional>

namespace storage {

// Options of Wal::create() and Wal::open().
struct WalOptions
{
    // A new segment is started before a write once the current one has this many bytes.
    qint64 segmentBytes = 64 * 1024 * 1024;
    // Reserve segmentBytes on disk for every new segment (see WRITING above).
    bool preallocate = true;
    // open(): replay entries after this index (the snapshot the caller loaded). When
    // unset, replay starts after the newest snapshot marker in the log.
    std::optional<quint64> replayAfter;
    // open(): check only (the offline WAL tool). Nothing on disk is modified: a torn tail is
    // described in ReadOut but not cut off. The Wal returned must not be written to.
    bool readOnly = false;
};

// What Wal::open() recovered.
struct WalReadOut
{
    QByteArray metadata;
    raft::HardState hardState;  // newest non-empty hard state, empty if none
    SnapshotMarker lastMarker;  // newest snapshot marker, {0,0} if none
    quint64 replayedAfter = 0;  // entries below start at replayedAfter + 1
    QList<raft::Entry> entries; // contiguous, overwrites resolved
    bool tornTailTruncated = false;
    QString warning; // set when a torn tail was cut off (or, readOnly, would be)
    // Where the first bad record is, when open() fails with Corrupt in a segment or finds a
    // torn tail: the segment's position in segmentFilesIn() (-1 if no one segment is to
    // blame, e.g. a gap in the sequence), its path and the record's offset.
    qsizetype damagedSegment = -1;
    QString damagedFile;
    qint64 damagedOffset = -1;
    bool tornTail = false; // the damage is a torn tail (found, whether or not cut off)
};

// The segmented write-ahead log described at the top of this file.
class Wal
{
    Q_DECLARE_TR_FUNCTIONS(storage::Wal)

public:
    using Options = WalOptions;
    using ReadOut = WalReadOut;

    // A successful create()/open() returns the Wal in wal; otherwise result says why.
    struct Opened
    {
        StorageResult result;
        std::unique_ptr<Wal> wal;
    };

    ~Wal();
    Wal(const Wal &) = delete;
    Wal &operator=(const Wal &) = delete;

    // True if dir holds at least one segment file.
    static bool exists(const QString &dir);
    // The segment file names in dir, oldest (lowest sequence number) first.
    static QStringList segmentFilesIn(const QString &dir);
    static Opened create(const QString &dir, const QByteArray &metadata,
                         const Options &options = {});
    static Opened open(const QString &dir, ReadOut *out, const Options &options = {});

    // Buffers records; nothing is written until sync(). An empty hard state is not written
    // (Raft hands one over only when it changed).
    void append(const raft::HardState &hardState, const QList<raft::Entry> &entries);
    void appendSnapshotMarker(const SnapshotMarker &marker);
    // Writes the buffered records and makes them durable with one fdatasync. Does nothing (and
    // does not sync) if nothing is buffered. NoSpace (see WRITING above) leaves the Wal as it
    // was before the call, records still buffered: sync() may be called again. After any other
    // failure the Wal refuses every later write: once fdatasync has failed, the kernel may have
    // dropped the dirty pages, so retrying could report success for data that is not on disk.
    StorageResult sync();
    // append() + sync().
    StorageResult save(const raft::HardState &hardState, const QList<raft::Entry> &entries);
    // appendSnapshotMarker() + sync(). Call after the snapshot file itself is durable.
    StorageResult saveSnapshotMarker(const SnapshotMarker &marker);

    // Removes the oldest segments whose entries all lie at or below snapshotIndex, while more
    // than maxFiles segments exist (0 keeps everything). snapshotIndex is capped at the newest
    // durable snapshot marker, because a restart replays from there. The newest segment is
    // never removed. Names of removed files go to *removed.
    StorageResult purge(int maxFiles, quint64 snapshotIndex, QStringList *removed = nullptr);

    QString directory() const { return m_dir; }
    // Segment file names, oldest first.
    QStringList segmentFiles() const;
    // Index of the last entry written (or of the newest snapshot marker if that is higher).
    quint64 lastIndex() const { return m_durable.lastIndex; }
    // Number of fdatasync calls on segment data so far: group commit is observable in tests.
    quint64 syncCount() const { return m_syncCount.load(std::memory_order_relaxed); }
    // How long each fdatasync of WAL data took (etcd_disk_wal_fsync_duration_seconds, etcd's
    // buckets). Any thread, like syncCount().
    prometheus::ClientMetric fsyncDurations() const { return m_fsyncSeconds.Collect(); }

private:
    struct Segment
    {
        quint64 sequence = 0;
        quint64 firstIndex = 0;
        QString fileName() const;
    };

    Wal(const QString &dir, const Options &options);
    QString pathOf(const Segment &s) const;
    void appendHead(QByteArray &out) const;
    StorageResult startSegment(QByteArray &head);
    // Reserves options.segmentBytes for a just created segment (when options.preallocate);
    // where that cannot be done the segment grows by appends.
    static void preallocate(QFileDevice &file, const Options &options);
    // Cuts the zeros after a segment's last record off, to give their space back.
    static void cutPreallocatedTail(QFileDevice &file, qint64 size);
    // After a write that found no space: drops its unsynced bytes (or the segment it created).
    StorageResult undoUnsyncedWrite(const StorageResult &cause, bool newSegment);
    StorageResult fail(const StorageResult &r);

    QString m_dir;
    Options m_options;
    QList<Segment> m_segments;
    QFile m_file;           // the newest segment once it is open for appending
    qint64 m_fileBytes = 0; // its size up to the end of the last synced record
    QByteArray m_metadata;
    // What a segment head repeats and names: the newest hard state, marker and last index.
    struct State
    {
        raft::HardState hardState;
        SnapshotMarker marker;
        quint64 lastIndex = 0;
    };
    State m_durable; // as of the last successful sync
    State m_next;    // including the records still pending
    QList<WalRecord> m_pending;
    std::optional<StorageResult> m_failure;
    std::atomic<quint64> m_syncCount{0};
    prometheus::Histogram m_fsyncSeconds;
};

} // namespace storage
