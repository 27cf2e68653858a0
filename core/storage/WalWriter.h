// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "raft/Entry.h"
#include "raft/HardState.h"
#include "raft/Snapshot.h"
#include "storage/Snapshotter.h"
#include "storage/Wal.h"

#include <QObject>

#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <variant>

class QThread;

namespace storage {

// Moves every disk write of a member off the event loop: a dedicated writer thread owns the
// Wal (and writes snapshot files) so that fdatasync never blocks the thread serving reads and
// watches.
//
// Group commit: work is queued in FIFO order. The writer thread takes everything queued,
// appends it to the WAL in order and syncs once; batches enqueued while that sync is in flight
// wait and are written together by the next one. persisted(id) then reports the last batch id
// of the group: every batch enqueued up to and including it is durable.
//
// Ordering: operations take effect in the order they were enqueued. enqueueSnapshot() writes
// (enqueueReceivedSnapshot() renames) the snapshot file (synced) and then appends its marker to the
// WAL in queue order, so a snapshot received from the leader can be enqueued just before the batch
// that follows it. enqueuePurge() runs after the sync of its group, so it never removes what a
// marker in the same group has not yet made redundant.
//
// Full disk: when a group's WAL write or snapshot save finds no space (StorageStatus::NoSpace:
// ENOSPC or EDQUOT while creating or writing a file), the Wal and the Snapshotter have already
// undone the partial work (the segment is cut back to its last synced byte, a half-written
// segment or snapshot file removed). The writer keeps the group and everything queued after
// it, emits diskFull() once, and tries the same group again every retryIntervalMs() (logging
// at most once per kStillFullLogMs) until it succeeds; then it emits diskSpaceAvailable() and
// carries on in queue order. No batch is reported persisted before its fdatasync succeeded.
//
// Failure: any other error (a failed write, a failed fdatasync or fsync — ENOSPC from the
// sync itself included —, a failed snapshot sync) is emitted once with failed(); from then
// on nothing more is written and persisted() is never emitted again. The member must stop:
// after a failed fdatasync the kernel may have dropped the dirty pages, so the durability of
// earlier writes is unknown and retrying could report success for data that is not on disk.
// Purge failures only log a warning.
//
// Threading contract:
//  - Construct, start() and destroy on the owning (main) thread; the object itself lives there.
//  - enqueue*() are thread-safe and never block on I/O (only on a short mutex).
//  - Signals are emitted from the writer thread; connect receivers living in another thread
//    with the default (auto) or a queued connection, which delivers them on the receiver's
//    thread in emission order.
//  - The destructor lets the writer finish everything already queued, then joins the thread;
//    while the disk is full it stops at once instead, dropping what is still unwritten (none of
//    it was reported persisted).
//  - The Wal and the Snapshotter are touched only by the writer thread once start() is called.
class WalWriter : public QObject
{
    Q_OBJECT

public:
    WalWriter(std::unique_ptr<Wal> wal, const Snapshotter &snapshotter, QObject *parent = nullptr);
    ~WalWriter() override;

    void start();

    void enqueue(quint64 batchId, const raft::HardState &hardState,
                 const QList<raft::Entry> &entries);
    void enqueueSnapshot(const raft::Snapshot &snapshot);
    // The same for a snapshot whose file somebody else already wrote and synced (a background
    // snapshot): only its marker goes to the WAL, in queue order, and snapshotSaved follows.
    void enqueueSnapshotMarker(const raft::SnapshotMetadata &metadata);
    // The same for a snapshot received from the leader whose image is already synced at
    // `received` in the snapshot directory: it is given its name (Snapshotter::adopt()), then
    // its marker goes to the WAL.
    void enqueueReceivedSnapshot(const raft::SnapshotMetadata &metadata, const QString &received);
    // A snapshot file written elsewhere, for snapshotSaveDurations(). Any thread.
    void recordSnapshotSave(double seconds) { m_snapshotSeconds.Observe(seconds); }
    // Purges WAL segments covered by snapshotIndex beyond maxWals, and snapshot files beyond
    // maxSnapshots (0 keeps all of that kind).
    void enqueuePurge(int maxWals, int maxSnapshots, quint64 snapshotIndex);

    // fdatasyncs of WAL data done so far (test hook for group commit). Any thread.
    quint64 syncCount() const { return m_wal->syncCount(); }
    // etcd_disk_wal_fsync_duration_seconds. Any thread.
    prometheus::ClientMetric fsyncDurations() const { return m_wal->fsyncDurations(); }
    // How long each snapshot took to write and sync (the store image is qetcd's only write
    // besides the WAL: what etcd's etcd_disk_backend_commit_duration_seconds measures for its
    // database). Any thread.
    prometheus::ClientMetric snapshotSaveDurations() const { return m_snapshotSeconds.Collect(); }
    // Test seam: runs on the writer thread just before each WAL sync. Set before start().
    void setBeforeSyncHook(std::function<void()> hook) { m_beforeSync = std::move(hook); }
    // How long a group that found the disk full waits before it is tried again. Set before
    // start() (tests shorten it).
    void setRetryIntervalMs(int ms) { m_retryIntervalMs = ms; }
    int retryIntervalMs() const { return m_retryIntervalMs; }
    static constexpr int kDefaultRetryIntervalMs = 500;
    static constexpr int kStillFullLogMs = 30000;

signals:
    void persisted(quint64 lastBatchId);
    void snapshotSaved(quint64 index, quint64 term);
    void failed(const QString &error);
    // A write found the disk full (error names the file and says "No space left on device");
    // nothing queued is lost, it waits. Emitted once per episode, before any retry.
    void diskFull(const QString &error);
    // The group that found the disk full has now been written and synced.
    void diskSpaceAvailable();

private:
    struct Batch
    {
        quint64 id;
        raft::HardState hardState;
        QList<raft::Entry> entries;
    };
    struct SnapshotOp
    {
        raft::Snapshot snapshot;
        bool fileWritten = false; // only the marker is left to write
        QString received;         // the file to adopt first, if any
    };
    struct PurgeOp
    {
        int maxWals;
        int maxSnapshots;
        quint64 snapshotIndex;
    };
    using Op = std::variant<Batch, SnapshotOp, PurgeOp>;

    void push(Op op);
    void run();
    // Writes m_group (from op m_transferred on) with one sync. Returns false if it has to be
    // tried again (no space); m_group is cleared when it is done or after a failure.
    bool process();
    // NoSpace: remember the state and report it (once); anything else: reportFailure().
    void handleError(const StorageResult &r);
    void reportFailure(const QString &error);

    std::unique_ptr<Wal> m_wal;
    prometheus::Histogram m_snapshotSeconds;
    Snapshotter m_snapshotter;
    std::function<void()> m_beforeSync;
    std::unique_ptr<QThread> m_thread;

    // std's pair rather than QMutex/QWaitCondition: QWaitCondition signals
    // under its own internal mutex, so the woken writer blocks on that mutex
    // at once and needs a second wake-up; this one is notified after unlock.
    std::mutex m_mutex; // guards m_queue and m_stopping
    std::condition_variable m_wake;
    QList<Op> m_queue;
    bool m_stopping = false;
    // Writer thread only: the group being written, how many of its ops are already handed to
    // the Wal (a retry after NoSpace goes on from there, so nothing is appended twice), and the
    // disk-full episode.
    QList<Op> m_group;
    qsizetype m_transferred = 0;
    bool m_failed = false;
    bool m_diskFull = false;
    int m_fullAttempts = 0;
    qint64 m_lastFullLogMs = 0;
    int m_retryIntervalMs = kDefaultRetryIntervalMs;
};

} // namespace storage
