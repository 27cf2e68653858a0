// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "node/SnapshotHolds.h"
#include "node/SnapshotTransfer.h"
#include "raft/ConfState.h"
#include "raft/MemoryStorage.h"
#include "raft/Ready.h"
#include "storage/SnapshotFileReader.h"

#include <prometheus/client_metric.h>

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>
#include <optional>
#include <thread>

namespace raft {
class RawNode;
struct Config;
struct ConfChange;
} // namespace raft
namespace storage {
class DataDir;
class Snapshotter;
class Wal;
class WalWriter;
} // namespace storage
namespace transport {
class PeerNetwork;
}

namespace node {

// Drives the pure Raft core: the only part of a member that feeds it time,
// messages and disk. A QTimer ticks it; each Ready is handled in the order the
// core demands: messages sent, hard state and entries handed to the WAL
// writer thread (one fdatasync per batch, while this thread goes on serving;
// proposals arriving meanwhile join the next batch), then the messages that
// promise durability sent, committed entries handed on, linearizable reads
// confirmed, and the core advanced. Committed entries already durable before
// the batch are handed on while the writer syncs (applyDurableCommitted).
//
// What to do with committed entries, snapshots and read states is not its
// business: it emits them, synchronously and in Ready order, and the member
// (EtcdNode) routes them to the StateMachine and the ProposalQueue.
//
// Owns the RawNode, its MemoryStorage, the member's data dir, snapshotter and
// WAL writer; sends through a PeerNetwork it does not own (none: a single
// member in memory). One thread; term and commit are also published through
// atomics for readers on other threads (viewTerm/viewCommit).
class RaftLoop : public QObject
{
    Q_OBJECT
public:
    explicit RaftLoop(QObject *parent = nullptr);
    ~RaftLoop() override;

    quint64 id() const { return m_id; }
    void setId(quint64 id) { m_id = id; }

    raft::MemoryStorage &storage() { return m_storage; }
    // Takes the member's files and starts the WAL writer thread.
    void attachStorage(std::unique_ptr<storage::DataDir> dataDir,
                       std::unique_ptr<storage::Snapshotter> snapshotter,
                       std::unique_ptr<storage::Wal> wal);
    bool hasStorage() const { return m_walWriter != nullptr; }
    // What the WAL held at a restart: the core starts from it.
    void restore(const raft::HardState &hardState, const QList<raft::Entry> &entries);
    // Disaster recovery (--force-new-cluster): every entry held is treated as
    // committed and the `others` are removed from the membership through
    // ConfChange entries, written to `wal` before the writer takes it.
    void forceNewCluster(const QList<quint64> &others, storage::Wal &wal);
    void setNetwork(transport::PeerNetwork *network);
    // Largest snapshot transfer this member takes in (0: no bound but the disk).
    void setMaxSnapshotBytes(qint64 bytes) { m_maxSnapshotBytes = bytes; }

    // Creates the core; false with *error when the configuration is invalid.
    bool create(const raft::Config &config, QString *error);
    // Starts ticking every `tickMs` and handling Readies, the first one at once (a restarted
    // member applies what its log has committed before it returns).
    void run(int tickMs);
    bool started() const { return m_raft != nullptr; }
    // The core, for proposals and reads (null before start()); whoever
    // changes it calls scheduleReady() after.
    raft::RawNode *raft() const { return m_raft.get(); }
    void scheduleReady();

    quint64 leaderId() const { return m_leaderId; }
    bool isLeader() const { return m_leaderId == m_id && m_id != 0; }
    qint64 leaderSinceNs() const { return m_leaderSinceNs; }
    // Times a leader became known that was not the one known before (etcd's
    // etcd_server_leader_changes_seen_total: losing the leader alone is no change).
    quint64 leaderChanges() const { return m_leaderChanges; }
    // Heartbeats this member, as leader, sent more than two heartbeat intervals after the one
    // before to the same follower (etcd's etcd_server_heartbeat_send_failures_total): its thread
    // was held up, by a slow disk or a busy processor, and followers may soon elect another.
    quint64 lateHeartbeats() const { return m_lateHeartbeats; }
    // Disk latency histograms of the storage writer (no samples before start()).
    prometheus::ClientMetric walFsyncDurations() const;
    prometheus::ClientMetric snapshotSaveDurations() const;
    const raft::HardState &hardState() const { return m_hardState; }
    const raft::ConfState &confState() const { return m_confState; }
    void setConfState(const raft::ConfState &state) { m_confState = state; }
    // Applies a committed ConfChange to the core (a change with no node is a no-op).
    void applyConfChange(const raft::ConfChange &cc);
    // Alone in the cluster and without a leader: no need to wait for an election timeout.
    void campaignIfAlone();
    // Saves an image of the state machine at `applied` as the newest
    // snapshot and compacts the log behind it, keeping `keep` entries for
    // slightly slow followers; the writer purges old files beyond the limits.
    // False when the storage refuses it (an older index than its newest).
    bool saveSnapshot(quint64 applied, const QByteArray &image, quint64 keep, int maxWals,
                      int maxSnapshots);
    // What a snapshot at `applied` records (its term, the membership now); nullopt when the
    // log no longer has that entry or a snapshot covers it already.
    std::optional<raft::SnapshotMetadata> snapshotMetadata(quint64 applied) const;
    // A snapshot file for `metadata` was written and synced elsewhere (BackgroundSnapshot, in
    // `seconds`): the same as saveSnapshot from there on, memory keeping no image. False when
    // a newer snapshot came meanwhile.
    bool snapshotWritten(const raft::SnapshotMetadata &metadata, double seconds, quint64 keep,
                         int maxWals, int maxSnapshots);
    storage::Snapshotter *snapshotter() const { return m_snapshotter.get(); }

    // Any thread: the term and commit index as last persisted or learned.
    quint64 viewTerm() const { return m_viewTerm.load(std::memory_order_relaxed); }
    quint64 viewCommit() const { return m_viewCommit.load(std::memory_order_relaxed); }
    quint64 sendAppends() const { return m_sendAppends; }
    quint64 recvAppends() const { return m_recvAppends; }

Q_SIGNALS:
    void leaderChanged(quint64 leaderId, bool wasLeader);
    void committed(const QList<raft::Entry> &entries);
    // A snapshot from the leader to install: in memory (no WAL writer), or, once it is saved,
    // in its file, to be read a piece at a time (the image in memory let go of first).
    void snapshotReceived(const raft::Snapshot &snapshot);
    void snapshotFileReceived(storage::SnapshotFileReader *file, const QString &problem);
    // Every finished Ready: the read states it carried (possibly none).
    void readsConfirmed(const QList<raft::ReadState> &states);
    void readyFinished();
    void ticked();
    // The WAL writer's reports (see storage::WalWriter).
    void storageFailed(const QString &message);
    void diskFull(const QString &message);
    void diskSpaceAvailable();

private:
    void processReady();
    // Takes one Ready: sends, persists (returning with m_readyInFlight set
    // while the writer thread syncs) or, if nothing needs syncing, finishes it.
    void startReady();
    void applyDurableCommitted();
    void onPersisted();
    void sendMessages(const QList<raft::Message> &messages);
    // Queues a MsgSnap as a SnapshotTransfer: streamed from its snapshot file when memory no
    // longer holds the image (MemoryStorage::releaseSnapshotData), so the image is never read
    // whole into memory to be sent. False (logged) when it cannot be queued.
    bool sendSnapshot(const raft::Message &m);
    void onMessage(quint64 from, const QByteArray &payload);
    // A snapshot transfer the transport spooled to `path` (this member removes the file).
    void onBulkReceived(quint64 from, const QString &path);
    // m_saving's result, on this thread: Raft steps the snapshot, its image now on disk.
    void onImageSaved(quint64 from, std::optional<SnapshotTransfer::SavedImage> saved,
                      const QString &problem);
    void step(quint64 from, raft::Message m);
    void onTick();
    void publishView();
    void compactBehind(quint64 applied, quint64 keep, int maxWals, int maxSnapshots);

    quint64 m_id = 0;
    raft::MemoryStorage m_storage;
    std::thread m_freeing; // frees the entries the last compaction dropped (compactBehind)
    std::unique_ptr<raft::RawNode> m_raft;
    raft::ConfState m_confState;
    raft::HardState m_hardState;
    std::unique_ptr<storage::DataDir> m_dataDir;
    std::unique_ptr<storage::Snapshotter> m_snapshotter;
    std::unique_ptr<storage::WalWriter> m_walWriter;
    transport::PeerNetwork *m_transport = nullptr;
    QTimer m_tickTimer;
    bool m_readyScheduled = false;
    bool m_readyInFlight = false;
    raft::Ready m_ready;
    quint64 m_batchId = 0;
    quint64 m_leaderId = 0;
    qint64 m_leaderSinceNs = 0;
    quint64 m_leaderChanges = 0;
    // Late heartbeats: when the leader last sent each follower one (ms on m_monotonic; cleared
    // when the leader changes), and the interval Raft sends them at (heartbeatTick ticks).
    QElapsedTimer m_monotonic;
    QHash<quint64, qint64> m_heartbeatSentMs;
    int m_heartbeatTicks = 1;
    qint64 m_heartbeatMs = 0;
    quint64 m_lateHeartbeats = 0;
    quint64 m_sendAppends = 0;
    quint64 m_recvAppends = 0;
    qint64 m_maxSnapshotBytes = 0;
    // Snapshots received from the leader whose images wait on disk (SnapshotTransfer::
    // saveImage) for the Ready that installs one. The next Ready after their steps carries at
    // most one of them (its file is adopted); Raft refused or replaced the others (their files
    // are removed).
    struct ReceivedImage
    {
        raft::SnapshotMetadata metadata;
        QString path;
    };
    QList<ReceivedImage> m_received;
    quint64 m_receivedCount = 0; // tells apart files of the same snapshot received again
    // Snapshots this leader sends, and the log they need kept after them (compactBehind).
    SnapshotHolds m_snapshotHolds;
    // Copies a received image into the snapshot directory (SnapshotTransfer::saveImage), so
    // that this thread goes on serving reads and heartbeats meanwhile; one at a time. Joined
    // by the destructor, which sets m_stopSaving first.
    std::thread m_saving;
    bool m_savingImage = false;
    std::atomic<bool> m_stopSaving{false};
    std::atomic<quint64> m_viewTerm{0};
    std::atomic<quint64> m_viewCommit{0};
};

} // namespace node
