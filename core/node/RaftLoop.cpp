// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "node/RaftLoop.h"

#include "node/NodeLogging.h"
#include "node/ProposalStamper.h"
#include "node/SnapshotTransfer.h"
#include "node/WallClock.h"
#include "raft/ConfChange.h"
#include "raft/RawNode.h"
#include "storage/DataDir.h"
#include "storage/SnapshotFileReader.h"
#include "storage/Snapshotter.h"
#include "storage/Wal.h"
#include "storage/WalWriter.h"

#include "metrics/EtcdBuckets.h"
#include "transport/BulkPayload.h"
#include "transport/PeerNetwork.h"

#include <QFile>
#include <QFileInfo>

namespace node {

RaftLoop::RaftLoop(QObject *parent) : QObject(parent)
{
    m_tickTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_tickTimer, &QTimer::timeout, this, &RaftLoop::onTick);
    m_monotonic.start();
}

RaftLoop::~RaftLoop()
{
    // A copy of a received image in progress gives up (its file goes at the next start).
    m_stopSaving = true;
    if (m_saving.joinable())
        m_saving.join();
    // The writer's destructor flushes whatever is queued before its thread ends.
    m_walWriter.reset();
    if (m_freeing.joinable())
        m_freeing.join();
}

void RaftLoop::attachStorage(std::unique_ptr<storage::DataDir> dataDir,
                             std::unique_ptr<storage::Snapshotter> snapshotter,
                             std::unique_ptr<storage::Wal> wal)
{
    m_dataDir = std::move(dataDir);
    m_snapshotter = std::move(snapshotter);
    m_walWriter = std::make_unique<storage::WalWriter>(std::move(wal), *m_snapshotter);
    connect(m_walWriter.get(), &storage::WalWriter::persisted, this, [this](quint64 last) {
        if (m_readyInFlight && last >= m_batchId) {
            onPersisted();
            // Straight on, not through the event queue: the commit this batch
            // brings (and so the client's answer) is one loop turn sooner.
            processReady();
        }
    });
    // A snapshot's image is on disk now: memory keeps only its metadata (see sendMessages).
    connect(m_walWriter.get(), &storage::WalWriter::snapshotSaved, this,
            [this](quint64 index, quint64) { m_storage.releaseSnapshotData(index); });
    connect(m_walWriter.get(), &storage::WalWriter::failed, this, &RaftLoop::storageFailed);
    connect(m_walWriter.get(), &storage::WalWriter::diskFull, this, &RaftLoop::diskFull);
    connect(m_walWriter.get(), &storage::WalWriter::diskSpaceAvailable, this,
            &RaftLoop::diskSpaceAvailable);
    m_walWriter->start();
}

void RaftLoop::restore(const raft::HardState &hardState, const QList<raft::Entry> &entries)
{
    m_hardState = hardState;
    publishView();
    m_storage.setHardState(hardState);
    m_storage.append(entries);
}

void RaftLoop::forceNewCluster(const QList<quint64> &others, storage::Wal &wal)
{
    quint64 last = m_storage.lastIndex();
    const quint64 term = m_hardState.term;
    QList<raft::Entry> removals;
    for (quint64 other : others) {
        ++last;
        removals.append(
            raft::Entry{term, last, raft::EntryType::ConfChange,
                        raft::ConfChange{raft::ConfChangeType::RemoveNode, other, {}}.encode()});
    }
    if (!removals.isEmpty())
        m_storage.append(removals);
    m_hardState.commit = last;
    m_storage.setHardState(m_hardState);
    wal.save(m_hardState, removals);
}

void RaftLoop::setNetwork(transport::PeerNetwork *transport)
{
    m_transport = transport;
    connect(transport, &transport::PeerNetwork::messageReceived, this, &RaftLoop::onMessage);
    connect(transport, &transport::PeerNetwork::bulkReceived, this, &RaftLoop::onBulkReceived);
    connect(transport, &transport::PeerNetwork::peerUnreachable, this,
            [this](quint64 id) { m_raft->reportUnreachable(id); });
    connect(transport, &transport::PeerNetwork::bulkSendFinished, this,
            [this](quint64 id, bool ok) {
                m_snapshotHolds.finished(id, ok, m_monotonic.elapsed());
                m_raft->reportSnapshot(id, ok);
                scheduleReady();
            });
}

bool RaftLoop::create(const raft::Config &config, QString *error)
{
    const QString invalid = config.validate();
    if (!invalid.isEmpty()) {
        *error = invalid;
        return false;
    }
    m_raft = std::make_unique<raft::RawNode>(config);
    m_heartbeatTicks = config.heartbeatTick;
    return true;
}

void RaftLoop::run(int tickMs)
{
    m_heartbeatMs = qint64(tickMs) * m_heartbeatTicks;
    m_tickTimer.start(tickMs);
    publishView();
    // The first Ready now, not from the event loop: a restarted member's committed log tail
    // (durable already, so applied at once) is in the store before the member listens for
    // clients. Queued, it came after the listening, and the first reads missed the last
    // acknowledged writes (tst_cluster restartedMemberAnswersWithEveryAcknowledgedWrite).
    processReady();
}

void RaftLoop::scheduleReady()
{
    if (m_readyScheduled || !m_raft)
        return;
    m_readyScheduled = true;
    QMetaObject::invokeMethod(this, &RaftLoop::processReady, Qt::QueuedConnection);
}

void RaftLoop::processReady()
{
    m_readyScheduled = false;
    // A Ready that needs no fdatasync is finished here, and the one it leads
    // to (a single member's commit after its append) is taken at once.
    while (m_raft && !m_readyInFlight && m_raft->hasReady())
        startReady();
}

prometheus::ClientMetric RaftLoop::walFsyncDurations() const
{
    return m_walWriter ? m_walWriter->fsyncDurations()
                       : prometheus::Histogram(metrics::buckets::diskSeconds()).Collect();
}

prometheus::ClientMetric RaftLoop::snapshotSaveDurations() const
{
    return m_walWriter ? m_walWriter->snapshotSaveDurations()
                       : prometheus::Histogram(metrics::buckets::diskSeconds()).Collect();
}

void RaftLoop::startReady()
{
    m_ready = m_raft->ready();
    m_readyInFlight = true;

    if (m_ready.softState && m_ready.softState->lead != m_leaderId) {
        const bool wasLeader = isLeader();
        m_leaderId = m_ready.softState->lead;
        m_leaderSinceNs = wallClockNs();
        if (m_leaderId != 0)
            ++m_leaderChanges;
        m_heartbeatSentMs.clear();
        qCInfo(lcNode, "member %llx: leader is now %llx", qulonglong(m_id), qulonglong(m_leaderId));
        Q_EMIT leaderChanged(m_leaderId, wasLeader);
    }
    sendMessages(m_ready.messages);
    if (m_ready.hardState) {
        m_hardState = *m_ready.hardState;
        publishView();
    }
    // A Ready that only moves the commit index needs no fdatasync (etcd's
    // MustSync): the commit index is re-learned after a restart, and the
    // newest hard state goes to disk with the next batch that does sync.
    // Skipping it saves a second fdatasync per write on the critical path.
    const bool mustPersist = m_walWriter && m_ready.mustSync;
    // A received image this Ready does not install was refused or replaced by Raft: not kept.
    std::optional<ReceivedImage> received;
    for (ReceivedImage &r : std::exchange(m_received, {})) {
        if (mustPersist && !m_ready.snapshot.isEmpty() && !received &&
            r.metadata == m_ready.snapshot.metadata)
            received = std::move(r);
        else
            QFile::remove(r.path);
    }
    if (mustPersist) {
        if (received)
            m_walWriter->enqueueReceivedSnapshot(received->metadata, received->path);
        else if (!m_ready.snapshot.isEmpty())
            m_walWriter->enqueueSnapshot(m_ready.snapshot);
        m_walWriter->enqueue(++m_batchId, m_hardState, m_ready.entries);
        // The writer thread syncs the new batch while this thread applies.
        applyDurableCommitted();
        return; // onPersisted() runs when the writer thread reports the batch durable
    }
    onPersisted();
}

void RaftLoop::applyDurableCommitted()
{
    // Committed entries that were already on this member's disk before this
    // Ready (at or below the last index an earlier batch persisted) need not
    // wait for this batch's fdatasync: applying them now, while the writer
    // thread syncs, halves the latency of a write under load and overlaps
    // the apply work with the disk's. On a leader that is every committed
    // entry (it counts itself toward a quorum only once durable); a follower
    // may learn entries and their commitment in the same Ready, and those
    // wait for onPersisted(); the state machine skips what it applied
    // already. Nothing runs ahead of a snapshot in the Ready.
    if (!m_ready.snapshot.isEmpty())
        return;
    const quint64 durable = m_storage.lastIndex();
    qsizetype n = 0;
    while (n < m_ready.committedEntries.size() && m_ready.committedEntries.at(n).index <= durable)
        ++n;
    if (n > 0) {
        Q_EMIT committed(m_ready.committedEntries.first(n));
        // Raft would otherwise learn it only at advance(), after the fsync: a leader elected a
        // moment ago refused membership changes in between, its own first entry applied here
        // but not there ("another membership change is in progress"), and dropped one that a
        // follower forwarded.
        m_raft->appliedTo(m_ready.committedEntries.at(n - 1).index);
    }
}

void RaftLoop::onPersisted()
{
    raft::Ready rd = std::move(m_ready);
    m_ready = raft::Ready();
    if (!rd.snapshot.isEmpty()) {
        // With a WAL writer the snapshot's file is on disk by now (the writer saves it before
        // the batch it came with is durable), and its snapshotSaved() came before this, while
        // the storage still held the previous snapshot, so nothing would let go of this image:
        // a follower kept a received image in memory until its next snapshot (255 MB at 900,000
        // keys). The storage keeps only the metadata, as for this member's own snapshots.
        raft::Snapshot kept = rd.snapshot;
        if (m_walWriter)
            kept.data = QByteArray();
        m_storage.applySnapshot(kept);
        if (m_walWriter) {
            // And the state is installed from that file, a piece at a time, once every copy of
            // the image in memory is let go of (this Ready's, Raft's until advance()): a follower
            // used to hold the image beside the store it built from it (its peak 1.41x its
            // resting memory at 550,000 keys, bench/README "Scale", install).
            const raft::SnapshotMetadata meta = rd.snapshot.metadata;
            rd.snapshot.data = QByteArray();
            m_raft->releaseSnapshotData(meta.index);
            QString problem;
            const std::unique_ptr<storage::SnapshotFileReader> file =
                storage::SnapshotFileReader::open(
                    m_snapshotter->directory(),
                    storage::Snapshotter::fileName(meta.term, meta.index), &problem);
            Q_EMIT snapshotFileReceived(file.get(), problem);
        } else {
            Q_EMIT snapshotReceived(rd.snapshot);
        }
    }
    if (rd.hardState)
        m_storage.setHardState(*rd.hardState);
    if (!rd.entries.isEmpty())
        m_storage.append(rd.entries);
    sendMessages(rd.messagesAfterPersist);
    Q_EMIT committed(rd.committedEntries);
    Q_EMIT readsConfirmed(rd.readStates);
    m_raft->advance(rd);
    m_readyInFlight = false;
    campaignIfAlone();
    Q_EMIT readyFinished();
    // The caller (processReady's loop, or the persisted handler) takes the next Ready.
}

void RaftLoop::sendMessages(const QList<raft::Message> &messages)
{
    if (!m_transport)
        return;
    qint64 lateMs = 0;
    for (const raft::Message &stored : messages) {
        if (stored.type == raft::MessageType::MsgApp)
            ++m_sendAppends;
        if (stored.type == raft::MessageType::MsgHeartbeat) {
            // etcd's check: more than two intervals since the last one to this follower.
            const qint64 now = m_monotonic.elapsed();
            const auto last = m_heartbeatSentMs.constFind(stored.to);
            if (last != m_heartbeatSentMs.cend() && now - *last > 2 * m_heartbeatMs) {
                ++m_lateHeartbeats;
                lateMs = std::max(lateMs, now - *last);
            }
            m_heartbeatSentMs.insert(stored.to, now);
        }
        if (stored.type == raft::MessageType::MsgSnap) {
            if (!sendSnapshot(stored)) {
                m_raft->reportUnreachable(stored.to);
                m_raft->reportSnapshot(stored.to, false);
            } else {
                m_snapshotHolds.sent(stored.to, stored.snapshot.metadata.index);
            }
            continue;
        }
        if (m_transport->send(stored.to, stored.encode()) != transport::SendResult::Queued)
            m_raft->reportUnreachable(stored.to);
    }
    if (lateMs > 0)
        qCWarning(lcNode).noquote()
            << tr("member %1 (the leader) sent heartbeats %2 ms apart, expected every %3 ms: its "
                  "thread was held up, likely by a slow disk or a busy processor; followers elect "
                  "another leader if this reaches the election timeout")
                   .arg(QString::number(m_id, 16))
                   .arg(lateMs)
                   .arg(m_heartbeatMs);
}

bool RaftLoop::sendSnapshot(const raft::Message &m)
{
    transport::BulkPayload payload;
    payload.head = SnapshotTransfer::head(m);
    const raft::SnapshotMetadata &meta = m.snapshot.metadata;
    if (!m.snapshot.data.isEmpty() || !m_snapshotter) {
        // Not on disk yet (or no disk at all): the image is still in memory.
        payload.head += storage::Snapshotter::encode(m.snapshot);
    } else {
        payload.path = m_snapshotter->path(meta.term, meta.index);
        payload.length = QFileInfo(payload.path).size();
        if (payload.length <= 0) {
            qCWarning(lcNode).noquote()
                << tr("cannot send the snapshot at index %1 to %2: %3 is missing")
                       .arg(meta.index)
                       .arg(m.to, 0, 16)
                       .arg(payload.path);
            return false;
        }
    }
    qCInfo(lcNode, "sending the snapshot at index %llu (%lld bytes) to %llx",
           qulonglong(meta.index), qlonglong(payload.size()), qulonglong(m.to));
    return m_transport->sendBulk(m.to, payload) == transport::SendResult::Queued;
}

void RaftLoop::onMessage(quint64 from, const QByteArray &payload)
{
    if (SnapshotTransfer::isTransfer(payload)) {
        QString problem;
        std::optional<raft::Message> m = SnapshotTransfer::decode(payload, &problem);
        if (!m) {
            qCWarning(lcNode).noquote()
                << tr("dropping a snapshot from %1: %2").arg(from, 0, 16).arg(problem);
            return;
        }
        step(from, std::move(*m));
        return;
    }
    std::optional<raft::Message> m = raft::Message::decode(payload);
    if (!m) {
        qCWarning(lcNode, "dropping an undecodable message from %llx (%lld bytes)",
                  qulonglong(from), qlonglong(payload.size()));
        return;
    }
    step(from, std::move(*m));
}

void RaftLoop::onBulkReceived(quint64 from, const QString &path)
{
    QString problem;
    if (m_walWriter) {
        // The image goes from the spool to the snapshot directory a piece at a time, on a thread
        // of its own, and is installed from there: a follower never holds a received image
        // whole in memory, and goes on answering while it is copied.
        if (m_savingImage) {
            // The leader sends one snapshot at a time; it sends again if this one was needed.
            qCWarning(lcNode, "dropping a snapshot from %llx: still saving the one before",
                      qulonglong(from));
            QFile::remove(path);
            return;
        }
        m_savingImage = true;
        if (m_saving.joinable())
            m_saving.join(); // the one before's: done, its result delivered
        m_saving = std::thread([this, from, path, dir = m_snapshotter->directory(),
                                maxBytes = m_maxSnapshotBytes, n = ++m_receivedCount] {
            QString why;
            std::optional<SnapshotTransfer::SavedImage> saved = SnapshotTransfer::saveImage(
                path, maxBytes, storage::Snapshotter(dir), n, &why, &m_stopSaving);
            QFile::remove(path);
            // Delivered unless this object is gone first (its destructor joins this thread).
            QMetaObject::invokeMethod(
                this,
                [this, from, saved = std::move(saved), why]() mutable {
                    onImageSaved(from, std::move(saved), why);
                },
                Qt::QueuedConnection);
        });
        return;
    }
    std::optional<raft::Message> m = SnapshotTransfer::readFile(path, m_maxSnapshotBytes, &problem);
    QFile::remove(path);
    if (!m) {
        qCWarning(lcNode).noquote()
            << tr("dropping a snapshot from %1: %2").arg(from, 0, 16).arg(problem);
        return;
    }
    qCInfo(lcNode, "received the snapshot at index %llu (%lld bytes of data) from %llx",
           qulonglong(m->snapshot.metadata.index), qlonglong(m->snapshot.data.size()),
           qulonglong(from));
    step(from, std::move(*m));
}

void RaftLoop::onImageSaved(quint64 from, std::optional<SnapshotTransfer::SavedImage> saved,
                            const QString &problem)
{
    m_savingImage = false;
    if (!saved) {
        qCWarning(lcNode).noquote()
            << tr("dropping a snapshot from %1: %2").arg(from, 0, 16).arg(problem);
        return;
    }
    qCInfo(lcNode, "received the snapshot at index %llu (%lld bytes on disk) from %llx",
           qulonglong(saved->message.snapshot.metadata.index),
           qlonglong(QFileInfo(saved->path).size()), qulonglong(from));
    if (!m_raft) {
        QFile::remove(saved->path);
        return;
    }
    m_received.append(ReceivedImage{saved->message.snapshot.metadata, saved->path});
    step(from, std::move(saved->message));
}

void RaftLoop::step(quint64 from, raft::Message m)
{
    if (m.from != from) {
        qCWarning(lcNode, "dropping a message from %llx claiming to be from %llx", qulonglong(from),
                  qulonglong(m.from));
        return;
    }
    if (m.type == raft::MessageType::MsgApp) {
        // While a received image is being saved, the leader's appends follow a snapshot this
        // member does not have yet: Raft would refuse them, and a refusal sends the leader back
        // to the start of its log, which it no longer has, so it would send the whole snapshot
        // again. Dropped instead, as a network would drop them: the leader sends again after
        // the next heartbeat's answer.
        if (m_savingImage)
            return;
        ++m_recvAppends;
    }
    // A forwarded proposal takes this member's clock: see ProposalStamper.
    ProposalStamper::stamp(m, wallClockNs());
    m_raft->step(m);
    scheduleReady();
}

void RaftLoop::onTick()
{
    if (!m_raft)
        return;
    m_raft->tick();
    Q_EMIT ticked();
    scheduleReady();
}

void RaftLoop::applyConfChange(const raft::ConfChange &cc)
{
    m_confState = m_raft->applyConfChange(cc);
}

void RaftLoop::campaignIfAlone()
{
    if (m_raft && m_leaderId == 0 && m_confState.voters == QList<quint64>{m_id})
        m_raft->campaign();
}

bool RaftLoop::saveSnapshot(quint64 applied, const QByteArray &image, quint64 keep, int maxWals,
                            int maxSnapshots)
{
    if (m_storage.createSnapshot(applied, m_confState, image) != raft::StorageError::Ok)
        return false;
    raft::Snapshot snap;
    m_storage.snapshot(&snap);
    if (m_walWriter)
        m_walWriter->enqueueSnapshot(snap);
    compactBehind(applied, keep, maxWals, maxSnapshots);
    return true;
}

std::optional<raft::SnapshotMetadata> RaftLoop::snapshotMetadata(quint64 applied) const
{
    raft::Snapshot current; // shares the image, if memory still holds one: no copy
    m_storage.snapshot(&current);
    quint64 term = 0;
    if (applied <= current.metadata.index ||
        m_storage.term(applied, &term) != raft::StorageError::Ok)
        return std::nullopt;
    return raft::SnapshotMetadata{applied, term, m_confState};
}

bool RaftLoop::snapshotWritten(const raft::SnapshotMetadata &metadata, double seconds, quint64 keep,
                               int maxWals, int maxSnapshots)
{
    // The file was written from the state at metadata.index while this member went on;
    // the log still has that entry unless a newer snapshot (the leader's) replaced it.
    if (m_storage.createSnapshot(metadata.index, metadata.confState, QByteArray()) !=
        raft::StorageError::Ok)
        return false;
    raft::Snapshot snap;
    m_storage.snapshot(&snap);
    if (snap.metadata.term != metadata.term)
        qCWarning(lcNode, "snapshot at %llu: term %llu on file, %llu in the log",
                  qulonglong(metadata.index), qulonglong(metadata.term),
                  qulonglong(snap.metadata.term));
    if (m_walWriter) {
        m_walWriter->recordSnapshotSave(seconds);
        m_walWriter->enqueueSnapshotMarker(metadata);
    }
    compactBehind(metadata.index, keep, maxWals, maxSnapshots);
    return true;
}

void RaftLoop::compactBehind(quint64 applied, quint64 keep, int maxWals, int maxSnapshots)
{
    if (applied > keep) {
        quint64 upTo = applied - keep;
        if (!m_snapshotHolds.isEmpty()) {
            upTo = m_snapshotHolds.limit(upTo, m_raft->status().progress, m_monotonic.elapsed());
            if (upTo < applied - keep)
                qCInfo(lcNode,
                       "keeping the log after index %llu: a follower is catching up from the "
                       "snapshot there",
                       qulonglong(upTo));
        }
        // The entries behind a snapshot are freed on a thread of their own: freed here, the
        // tens of thousands a busy member applies between two snapshots held it (and the
        // reads and writes it serves) 20 to 30 ms (bench/README "Scale").
        QList<raft::Entry> dropped;
        m_storage.compact(upTo, &dropped);
        if (!dropped.isEmpty()) {
            if (m_freeing.joinable())
                m_freeing.join(); // the previous snapshot's: long done
            m_freeing = std::thread([entries = std::move(dropped)]() mutable { entries = {}; });
        }
    }
    if (m_walWriter)
        m_walWriter->enqueuePurge(maxWals, maxSnapshots, applied);
    qCInfo(lcNode, "saved snapshot at index %llu", qulonglong(applied));
}

void RaftLoop::publishView()
{
    m_viewTerm.store(m_hardState.term, std::memory_order_relaxed);
    m_viewCommit.store(m_hardState.commit, std::memory_order_relaxed);
}

} // namespace node
