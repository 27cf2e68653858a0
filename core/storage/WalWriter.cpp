// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "storage/WalWriter.h"

#include "storage/StorageLogging.h"

#include "metrics/EtcdBuckets.h"

#include <QElapsedTimer>
#include <QThread>

#include <chrono>

namespace storage {

WalWriter::WalWriter(std::unique_ptr<Wal> wal, const Snapshotter &snapshotter, QObject *parent)
    : QObject(parent), m_wal(std::move(wal)), m_snapshotSeconds(metrics::buckets::diskSeconds()),
      m_snapshotter(snapshotter)
{
}

WalWriter::~WalWriter()
{
    if (!m_thread)
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread->wait();
}

void WalWriter::start()
{
    Q_ASSERT(!m_thread);
    m_thread.reset(QThread::create([this] { run(); }));
    m_thread->setObjectName(QStringLiteral("qetcd-wal-writer"));
    m_thread->start();
}

void WalWriter::enqueue(quint64 batchId, const raft::HardState &hardState,
                        const QList<raft::Entry> &entries)
{
    push(Batch{batchId, hardState, entries});
}

void WalWriter::enqueueSnapshot(const raft::Snapshot &snapshot)
{
    push(SnapshotOp{snapshot, false, {}});
}

void WalWriter::enqueueSnapshotMarker(const raft::SnapshotMetadata &metadata)
{
    push(SnapshotOp{raft::Snapshot{metadata, {}}, true, {}});
}

void WalWriter::enqueueReceivedSnapshot(const raft::SnapshotMetadata &metadata,
                                        const QString &received)
{
    push(SnapshotOp{raft::Snapshot{metadata, {}}, false, received});
}

void WalWriter::enqueuePurge(int maxWals, int maxSnapshots, quint64 snapshotIndex)
{
    push(PurgeOp{maxWals, maxSnapshots, snapshotIndex});
}

void WalWriter::push(Op op)
{
    {
        std::lock_guard lock(m_mutex);
        m_queue.append(std::move(op));
    }
    m_wake.notify_one();
}

void WalWriter::run()
{
    QElapsedTimer clock;
    clock.start();
    for (;;) {
        {
            std::unique_lock lock(m_mutex);
            if (m_group.isEmpty()) {
                m_wake.wait(lock, [this] { return !m_queue.isEmpty() || m_stopping; });
                if (m_queue.isEmpty())
                    return; // stopping, and everything queued has been handled
                m_group.swap(m_queue);
                m_transferred = 0;
            } else {
                // The disk was full: wait, then try the same group again. Later work stays
                // queued behind it, so the order holds.
                m_wake.wait_for(lock, std::chrono::milliseconds(m_retryIntervalMs),
                                [this] { return m_stopping; });
                if (m_stopping) {
                    qCWarning(lcStorage,
                              "storage writer stopped with the disk still full: %lld "
                              "operations were never written (none was reported "
                              "persisted)",
                              qlonglong(m_group.size() + m_queue.size()));
                    return;
                }
            }
        }
        if (m_failed) {
            m_group.clear();
            continue;
        }
        if (!process() && m_diskFull) {
            ++m_fullAttempts;
            if (m_fullAttempts == 1 || clock.elapsed() - m_lastFullLogMs >= kStillFullLogMs) {
                m_lastFullLogMs = clock.elapsed();
                if (m_fullAttempts > 1)
                    qCWarning(lcStorage, "still no space after %d attempts; writes wait",
                              m_fullAttempts);
            }
        }
    }
}

bool WalWriter::process()
{
    for (; m_transferred < m_group.size(); ++m_transferred) {
        Op &op = m_group[m_transferred];
        if (auto *b = std::get_if<Batch>(&op)) {
            m_wal->append(b->hardState, b->entries);
        } else if (auto *s = std::get_if<SnapshotOp>(&op)) {
            const raft::SnapshotMetadata &meta = s->snapshot.metadata;
            if (!s->received.isEmpty()) {
                const StorageResult r = m_snapshotter.adopt(s->received, meta);
                if (!r.ok()) {
                    handleError(r);
                    return false;
                }
            } else if (!s->fileWritten) {
                QElapsedTimer saveClock;
                saveClock.start();
                const StorageResult r = m_snapshotter.save(s->snapshot);
                if (r.ok())
                    m_snapshotSeconds.Observe(double(saveClock.nsecsElapsed()) / 1e9);
                if (!r.ok()) {
                    handleError(r);
                    return false;
                }
            }
            m_wal->appendSnapshotMarker({meta.index, meta.term});
        }
    }
    if (m_beforeSync)
        m_beforeSync();
    const StorageResult r = m_wal->sync();
    if (!r.ok()) {
        handleError(r);
        return false;
    }
    if (m_diskFull) {
        qCInfo(lcStorage, "disk space available again after %d failed attempts; writing resumed",
               m_fullAttempts);
        m_diskFull = false;
        m_fullAttempts = 0;
        emit diskSpaceAvailable();
    }
    const QList<Op> done = std::exchange(m_group, {});
    std::optional<quint64> lastBatch;
    QList<PurgeOp> purges;
    for (const Op &op : done) {
        if (auto *b = std::get_if<Batch>(&op))
            lastBatch = b->id;
        else if (auto *s = std::get_if<SnapshotOp>(&op))
            emit snapshotSaved(s->snapshot.metadata.index, s->snapshot.metadata.term);
        else
            purges.append(std::get<PurgeOp>(op));
    }
    if (lastBatch)
        emit persisted(*lastBatch);
    for (const PurgeOp &p : std::as_const(purges)) {
        StorageResult pr = m_wal->purge(p.maxWals, p.snapshotIndex);
        if (pr.ok())
            pr = m_snapshotter.purge(p.maxSnapshots);
        if (!pr.ok())
            qCWarning(lcStorage).noquote() << "purge failed:" << pr.error;
    }
    return true;
}

void WalWriter::handleError(const StorageResult &r)
{
    if (r.status != StorageStatus::NoSpace) {
        m_group.clear();
        reportFailure(r.error);
        return;
    }
    if (m_diskFull)
        return;
    m_diskFull = true;
    qCWarning(lcStorage).noquote()
        << "disk full, writes wait and are retried every" << m_retryIntervalMs << "ms:" << r.error;
    emit diskFull(r.error);
}

void WalWriter::reportFailure(const QString &error)
{
    m_failed = true;
    qCCritical(lcStorage).noquote() << "storage writer stopped:" << error;
    emit failed(error);
}

} // namespace storage
