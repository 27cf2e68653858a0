// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "raft/LogStorage.h"

namespace raft {

// LogStorage kept in memory: the application appends what each Ready asks it to persist
// (after writing it to its WAL), installs received snapshots, and compacts after taking its
// own snapshots. Invariant: m_entries[0] is a placeholder holding the index and term of the
// last entry covered by the snapshot, so m_entries[k].index == m_entries[0].index + k.
// Not thread-safe: owned and used by the thread running the RawNode.
class MemoryStorage : public LogStorage
{
public:
    MemoryStorage();

    InitialState initialState() const override;
    StorageError entries(quint64 lo, quint64 hi, quint64 maxBytes,
                         QList<Entry> *out) const override;
    StorageError term(quint64 index, quint64 *out) const override;
    quint64 firstIndex() const override;
    quint64 lastIndex() const override;
    StorageError snapshot(Snapshot *out) const override;

    void setHardState(const HardState &hs) { m_hardState = hs; }
    // Appends entries, replacing any existing entries from entries.first().index on.
    StorageError append(const QList<Entry> &entries);
    // Replaces the whole log with the snapshot.
    StorageError applySnapshot(const Snapshot &snap);
    // Records a snapshot of the application state at index (<= lastIndex()); confState is
    // the membership at that index. Does not drop entries: call compact() for that.
    StorageError createSnapshot(quint64 index, const ConfState &confState, const QByteArray &data);
    // Drops entries up to compactIndex, which becomes firstIndex()-1. compactIndex must not
    // exceed the snapshot's index (take a snapshot first). With `dropped`, the dropped entries
    // are moved there rather than freed, for the caller to free where it suits it (tens of
    // thousands of entries after a snapshot of a busy member took it 20 to 30 ms to free).
    StorageError compact(quint64 compactIndex, QList<Entry> *dropped = nullptr);
    // Forgets the image of the snapshot at `index` (if it is still the current one) once it is
    // safe on disk, keeping its metadata: snapshot() then gives an empty `data`, which whoever
    // sends it fills from the file (node::RaftLoop). A store-sized image no longer stays in
    // memory for the rare follower that needs it (issue 15).
    void releaseSnapshotData(quint64 index);

private:
    HardState m_hardState;
    Snapshot m_snapshot;
    QList<Entry> m_entries;
};

} // namespace raft
