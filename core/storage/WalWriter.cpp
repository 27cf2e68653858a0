#include "storage/WalWriter.h"

#include "storage/StorageLogging.h"

#include <QThread>

namespace storage {

WalWriter::WalWriter(std::unique_ptr<Wal> wal, const Snapshotter &snapshotter, QObject *parent)
    : QObject(parent), m_wal(std::move(wal)), m_snapshotter(snapshotter)
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
    push(SnapshotOp{snapshot});
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
    for (;;) {
        QList<Op> ops;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return !m_queue.isEmpty() || m_stopping; });
            if (m_queue.isEmpty())
                return; // stopping, and everything queued has been handled
            ops.swap(m_queue);
        }
        if (!m_failed)
            process(ops);
    }
}

bool WalWriter::process(QList<Op> &ops)
{
    std::optional<quint64> lastBatch;
    QList<SnapshotMarker> saved;
    QList<PurgeOp> purges;
    for (Op &op : ops) {
        if (auto *b = std::get_if<Batch>(&op)) {
            m_wal->append(b->hardState, b->entries);
            lastBatch = b->id;
        } else if (auto *s = std::get_if<SnapshotOp>(&op)) {
            const raft::SnapshotMetadata &meta = s->snapshot.metadata;
            const StorageResult r = m_snapshotter.save(s->snapshot);
            if (!r.ok()) {
                reportFailure(r.error);
                return false;
            }
            m_wal->appendSnapshotMarker({meta.index, meta.term});
            saved.append({meta.index, meta.term});
        } else {
            purges.append(std::get<PurgeOp>(op));
        }
    }
    if (m_beforeSync)
        m_beforeSync();
    const StorageResult r = m_wal->sync();
    if (!r.ok()) {
        reportFailure(r.error);
        return false;
    }
    for (const SnapshotMarker &m : std::as_const(saved))
        emit snapshotSaved(m.index, m.term);
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

void WalWriter::reportFailure(const QString &error)
{
    m_failed = true;
    qCCritical(lcStorage).noquote() << "storage writer stopped:" << error;
    emit failed(error);
}

} // namespace storage
