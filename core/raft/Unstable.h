// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "raft/Entry.h"
#include "raft/Snapshot.h"

#include <QList>
#include <optional>

namespace raft {

// The tail of the log that Raft holds but the application has not yet reported durable:
// entries [offset, offset + entries.size()) and possibly a snapshot received from the
// leader (then offset == snapshot index + 1). Everything before offset is in LogStorage.
// Entries leave this buffer when RawNode::advance reports them persisted (stableTo).
class Unstable
{
public:
    explicit Unstable(quint64 offset = 1) : m_offset(offset) {}

    quint64 offset() const { return m_offset; }
    const QList<Entry> &entries() const { return m_entries; }
    const std::optional<Snapshot> &snapshot() const { return m_snapshot; }

    std::optional<quint64> maybeFirstIndex() const;
    std::optional<quint64> maybeLastIndex() const;
    std::optional<quint64> maybeTerm(quint64 index) const;

    // Forgets entries up to index if the entry there still has term (it may have been
    // overwritten since the Ready was handed out).
    void stableTo(quint64 index, quint64 term);
    void stableSnapTo(quint64 index);
    // Drops the image of the held snapshot at `index`, keeping the snapshot (RawNode).
    void releaseSnapshotData(quint64 index);
    void restore(const Snapshot &snap);
    // Appends, discarding any held entries at or after entries.first().index.
    void truncateAndAppend(const QList<Entry> &entries);
    // Entries [lo, hi); requires offset <= lo <= hi <= last+1.
    QList<Entry> slice(quint64 lo, quint64 hi) const;

private:
    std::optional<Snapshot> m_snapshot;
    QList<Entry> m_entries;
    quint64 m_offset;
};

} // namespace raft
