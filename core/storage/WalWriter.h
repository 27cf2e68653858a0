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
// the snapshot file (synced) and then appends its marker to the WAL in queue order, so a
// snapshot received from the leader can be enqueued just before the batch that follows it.
// enqueuePurge() runs after the sync of its group, so it never removes what a marker in the
// same group has not yet made redundant.
//
// Failure: the first error (a failed write, sync or snapshot save) is emitted once with
// failed(); from then on nothing more is written and persisted() is never emitted again. The
// member must stop: after a failed fdatasync the durability of earlier writes is unknown.
// Purge failures only log a warning.
//
// Threading contract:
//  - Construct, start() and destroy on the owning (main) thread; the object itself lives there.
//  - enqueue*() are thread-safe and never block on I/O (only on a short mutex).
//  - Signals are emitted from the writer thread; connect receivers living in another thread
//    with the default (auto) or a queued connection, which delivers them on the receiver's
//    thread in emission order.
//  - The destructor lets the writer finish everything already queued, then joins the thread.
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
    // Purges WAL segments covered by snapshotIndex beyond maxWals, and snapshot files beyond
    // maxSnapshots (0 keeps all of that kind).
    void enqueuePurge(int maxWals, int maxSnapshots, quint64 snapshotIndex);

    // fdatasyncs of WAL data done so far (test hook for group commit). Any thread.
    quint64 syncCount() const { return m_wal->syncCount(); }
    // Test seam: runs on the writer thread just before each WAL sync. Set before start().
    void setBeforeSyncHook(std::function<void()> hook) { m_beforeSync = std::move(hook); }

signals:
    void persisted(quint64 lastBatchId);
    void snapshotSaved(quint64 index, quint64 term);
    void failed(const QString &error);

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
    // Writes one group with one sync; returns false after a failure (already reported).
    bool process(QList<Op> &ops);
    void reportFailure(const QString &error);

    std::unique_ptr<Wal> m_wal;
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
    bool m_failed = false; // writer thread only
};

} // namespace storage
