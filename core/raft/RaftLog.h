// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "raft/LogStorage.h"
#include "raft/Unstable.h"

#include <utility>

namespace raft {

// Raft's view of its log: the durable part in LogStorage followed by the Unstable tail.
// Invariants: applied <= committed <= lastIndex(); firstIndex()-1 <= applied after start;
// committed never decreases; an entry at or below committed is never overwritten (a leader
// proving otherwise is a bug and is logged, the entry is kept).
class RaftLog
{
public:
    explicit RaftLog(const LogStorage *storage);

    quint64 firstIndex() const;
    quint64 lastIndex() const;
    quint64 lastTerm() const { return termOrZero(lastIndex()); }
    quint64 committed() const { return m_committed; }
    quint64 applied() const { return m_applied; }

    // Term of entry index, or nullopt when it is compacted or beyond the log.
    std::optional<quint64> term(quint64 index) const;
    quint64 termOrZero(quint64 index) const { return term(index).value_or(0); }
    bool matchTerm(quint64 index, quint64 t) const;
    // Election restriction (paper 5.4.1): is a log ending at (lastIdx, lastTrm) at least as
    // up to date as ours?
    bool isUpToDate(quint64 lastIdx, quint64 lastTrm) const;

    // Follower side of AppendEntries: if our entry at prevIndex has prevTerm, append the
    // entries (dropping a conflicting suffix), commit min(commit, last new index) and return
    // that last new index.
    std::optional<quint64> maybeAppend(quint64 prevIndex, quint64 prevTerm, quint64 commit,
                                       const QList<Entry> &entries);
    quint64 append(const QList<Entry> &entries);
    // The last index <= index whose term is <= t, and that term (fast log back-off).
    std::pair<quint64, quint64> findConflictByTerm(quint64 index, quint64 t) const;

    StorageError slice(quint64 lo, quint64 hi, quint64 maxBytes, QList<Entry> *out) const;
    StorageError entriesFrom(quint64 lo, quint64 maxBytes, QList<Entry> *out) const
    {
        return slice(lo, lastIndex() + 1, maxBytes, out);
    }
    StorageError snapshot(Snapshot *out) const;

    bool maybeCommit(quint64 index, quint64 t);
    void commitTo(quint64 index);
    void appliedTo(quint64 index);

    // Durability bookkeeping driven by RawNode::advance().
    void stableTo(quint64 index, quint64 t) { m_unstable.stableTo(index, t); }
    void stableSnapTo(quint64 index) { m_unstable.stableSnapTo(index); }
    void releaseSnapshotData(quint64 index) { m_unstable.releaseSnapshotData(index); }
    // Highest index such that the whole log up to it is durable.
    quint64 persistedLastIndex() const;

    const QList<Entry> &unstableEntries() const { return m_unstable.entries(); }
    const std::optional<Snapshot> &unstableSnapshot() const { return m_unstable.snapshot(); }
    bool hasNextCommittedEntries() const;
    QList<Entry> nextCommittedEntries() const;

    void restore(const Snapshot &snap);

private:
    quint64 findConflict(const QList<Entry> &entries) const;

    const LogStorage *m_storage;
    Unstable m_unstable;
    quint64 m_committed = 0;
    quint64 m_applied = 0;
};

} // namespace raft
