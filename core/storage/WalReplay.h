// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "raft/Entry.h"
#include "raft/HardState.h"
#include "storage/SnapshotMarker.h"

#include <QList>
#include <QString>

#include <optional>

namespace storage {

// Folds the records of a WAL, in log order, into what a restarting member needs: the last
// hard state, the newest snapshot marker and the entries after the replay start, with leader
// overwrites resolved (an entry at index i discards every entry at index >= i read before it,
// as etcd's wal.ReadAll does).
// The replay start is either fixed by the caller (the index of the snapshot it loaded) or,
// when not given, follows the newest snapshot marker as markers are read. Entries at or below
// the start are dropped as soon as the start is known, so memory holds only what is returned.
// A marker beyond the last entry means the log was replaced by a snapshot from the leader: the
// entries before it are superseded, and a fixed replay start below it cannot be served.
// Invariant: entries() is contiguous (each index is the previous one plus one).
// Pure value logic; no I/O.
class WalReplay
{
public:
    explicit WalReplay(std::optional<quint64> replayAfter);

    // Returns an empty string, or why the entry cannot follow the ones before it (a gap).
    QString addEntry(const raft::Entry &entry);
    void addHardState(const raft::HardState &hardState) { m_hardState = hardState; }
    void addMarker(const SnapshotMarker &marker);
    // After the last record: an empty string, or why the entries do not reach back to the
    // replay start (segments missing).
    QString finish() const;

    quint64 startIndex() const { return m_start; }
    // Index of the last entry in the log (or of a newer snapshot marker): where a new segment
    // written after this replay begins, minus one.
    quint64 lastIndex() const { return m_lastIndex; }
    const raft::HardState &hardState() const { return m_hardState; }
    const SnapshotMarker &lastMarker() const { return m_lastMarker; }
    const QList<raft::Entry> &entries() const { return m_entries; }
    QList<raft::Entry> takeEntries() { return std::move(m_entries); }

private:
    void dropThrough(quint64 index);

    bool m_followMarkers;
    quint64 m_start;
    quint64 m_lastIndex = 0;
    // A marker beyond the end of the log (a snapshot received from the leader replaced the
    // log) that lies beyond a fixed replay start: the log cannot be replayed from there.
    std::optional<SnapshotMarker> m_replacedBy;
    raft::HardState m_hardState;
    SnapshotMarker m_lastMarker;
    QList<raft::Entry> m_entries;
};

} // namespace storage
