// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "raft/ConfState.h"
#include "raft/Entry.h"
#include "raft/HardState.h"
#include "raft/Snapshot.h"

#include <QList>

namespace raft {

enum class StorageError {
    Ok,
    Compacted,                      // the requested index lies before firstIndex()-1
    Unavailable,                    // the requested index lies after lastIndex() (or a gap)
    SnapshotOutOfDate,              // a newer snapshot is already in place
    SnapshotTemporarilyUnavailable, // try again later (leader skips this round)
};

struct InitialState
{
    HardState hardState;
    ConfState confState;
};

// Read-only view of the durable log, as Raft needs it. The log is the snapshot (covering
// indexes up to firstIndex()-1) followed by entries [firstIndex(), lastIndex()]; term() also
// answers for firstIndex()-1 (the snapshot's last entry). Raft never writes through this
// interface: the application persists each Ready and then mirrors it into its storage (for
// instance a MemoryStorage fed from the WAL). Called only from the thread owning the RawNode.
class LogStorage
{
public:
    virtual ~LogStorage() = default;

    virtual InitialState initialState() const = 0;
    // Entries [lo, hi), at most maxBytes of payload but always at least one if lo < hi.
    virtual StorageError entries(quint64 lo, quint64 hi, quint64 maxBytes,
                                 QList<Entry> *out) const = 0;
    virtual StorageError term(quint64 index, quint64 *out) const = 0;
    virtual quint64 firstIndex() const = 0;
    virtual quint64 lastIndex() const = 0;
    virtual StorageError snapshot(Snapshot *out) const = 0;
};

} // namespace raft
