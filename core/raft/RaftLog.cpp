// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The log as Raft sees it: storage below the unstable offset, the Unstable tail above it.
// Holds the follower side of the log-matching rules (maybeAppend, findConflict) and the
// figure 8 commit rule (maybeCommit).
#include "raft/RaftLog.h"

#include "raft/RaftLogging.h"

#include <limits>

namespace raft {

RaftLog::RaftLog(const LogStorage *storage)
    : m_storage(storage), m_unstable(storage->lastIndex() + 1)
{
    m_committed = storage->firstIndex() - 1;
    m_applied = m_committed;
}

quint64 RaftLog::firstIndex() const
{
    if (const auto i = m_unstable.maybeFirstIndex())
        return *i;
    return m_storage->firstIndex();
}

quint64 RaftLog::lastIndex() const
{
    if (const auto i = m_unstable.maybeLastIndex())
        return *i;
    return m_storage->lastIndex();
}

std::optional<quint64> RaftLog::term(quint64 index) const
{
    // The entry before firstIndex() is still known: it is the snapshot's last entry.
    if (index + 1 < firstIndex() || index > lastIndex())
        return std::nullopt;
    if (const auto t = m_unstable.maybeTerm(index))
        return t;
    quint64 t = 0;
    if (m_storage->term(index, &t) != StorageError::Ok)
        return std::nullopt;
    return t;
}

bool RaftLog::matchTerm(quint64 index, quint64 t) const
{
    const auto mine = term(index);
    return mine && *mine == t;
}

bool RaftLog::isUpToDate(quint64 lastIdx, quint64 lastTrm) const
{
    const quint64 myTerm = lastTerm();
    return lastTrm > myTerm || (lastTrm == myTerm && lastIdx >= lastIndex());
}

std::optional<quint64> RaftLog::maybeAppend(quint64 prevIndex, quint64 prevTerm, quint64 commit,
                                            const QList<Entry> &entries)
{
    if (!matchTerm(prevIndex, prevTerm))
        return std::nullopt;
    const quint64 lastNew = prevIndex + quint64(entries.size());
    const quint64 conflict = findConflict(entries);
    if (conflict != 0) {
        if (conflict <= m_committed) {
            qCCritical(lcRaft) << "entry" << conflict << "conflicts with committed entry"
                               << m_committed << "- ignoring the append";
            return std::nullopt;
        }
        append(entries.mid(qsizetype(conflict - (prevIndex + 1))));
    }
    commitTo(qMin(commit, lastNew));
    return lastNew;
}

quint64 RaftLog::append(const QList<Entry> &entries)
{
    if (entries.isEmpty())
        return lastIndex();
    m_unstable.truncateAndAppend(entries);
    return lastIndex();
}

// The first entry whose index exists in our log with another term, or the first entry
// beyond our log; 0 when every entry is already present.
quint64 RaftLog::findConflict(const QList<Entry> &entries) const
{
    for (const Entry &e : entries) {
        if (!matchTerm(e.index, e.term))
            return e.index;
    }
    return 0;
}

std::pair<quint64, quint64> RaftLog::findConflictByTerm(quint64 index, quint64 t) const
{
    for (; index > 0; --index) {
        const auto mine = term(index);
        if (!mine)
            return {index, 0}; // compacted: cannot look further back
        if (*mine <= t)
            return {index, *mine};
    }
    return {0, 0};
}

StorageError RaftLog::slice(quint64 lo, quint64 hi, quint64 maxBytes, QList<Entry> *out) const
{
    out->clear();
    if (lo >= hi)
        return StorageError::Ok;
    if (lo < firstIndex())
        return StorageError::Compacted;
    if (hi > lastIndex() + 1)
        return StorageError::Unavailable;
    const quint64 offset = m_unstable.offset();
    if (lo < offset) {
        const quint64 storedHi = qMin(hi, offset);
        const StorageError err = m_storage->entries(lo, storedHi, maxBytes, out);
        if (err != StorageError::Ok)
            return err;
        if (quint64(out->size()) < storedHi - lo)
            return StorageError::Ok; // size limit reached inside storage
    }
    if (hi > offset)
        out->append(m_unstable.slice(qMax(lo, offset), hi));
    // Apply the byte limit across both parts, keeping at least one entry.
    quint64 bytes = 0;
    for (qsizetype i = 0; i < out->size(); ++i) {
        bytes += out->at(i).payloadSize();
        if (i > 0 && bytes > maxBytes) {
            out->resize(i);
            break;
        }
    }
    return StorageError::Ok;
}

StorageError RaftLog::snapshot(Snapshot *out) const
{
    if (m_unstable.snapshot()) {
        *out = *m_unstable.snapshot();
        return StorageError::Ok;
    }
    return m_storage->snapshot(out);
}

bool RaftLog::maybeCommit(quint64 index, quint64 t)
{
    // Figure 8: only an entry of the leader's current term is committed by counting replicas.
    if (index > m_committed && termOrZero(index) == t) {
        commitTo(index);
        return true;
    }
    return false;
}

void RaftLog::commitTo(quint64 index)
{
    if (index <= m_committed)
        return;
    if (index > lastIndex()) {
        qCCritical(lcRaft) << "commit" << index << "beyond last index" << lastIndex();
        index = lastIndex();
    }
    m_committed = index;
}

void RaftLog::appliedTo(quint64 index)
{
    if (index == 0 || index <= m_applied)
        return;
    if (index > m_committed) {
        qCCritical(lcRaft) << "applied" << index << "beyond committed" << m_committed;
        index = m_committed;
    }
    m_applied = index;
}

quint64 RaftLog::persistedLastIndex() const
{
    if (m_unstable.snapshot())
        return 0;
    if (!m_unstable.entries().isEmpty())
        return m_unstable.offset() - 1;
    return lastIndex();
}

bool RaftLog::hasNextCommittedEntries() const
{
    if (m_unstable.snapshot())
        return false;
    return m_committed > qMax(m_applied, firstIndex() - 1);
}

QList<Entry> RaftLog::nextCommittedEntries() const
{
    QList<Entry> out;
    if (!hasNextCommittedEntries())
        return out;
    const quint64 lo = qMax(m_applied + 1, firstIndex());
    if (slice(lo, m_committed + 1, std::numeric_limits<quint64>::max(), &out) != StorageError::Ok)
        qCCritical(lcRaft) << "committed entries" << lo << m_committed << "unavailable";
    return out;
}

void RaftLog::restore(const Snapshot &snap)
{
    m_committed = snap.metadata.index;
    m_unstable.restore(snap);
}

} // namespace raft
