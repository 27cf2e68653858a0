// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "raft/MemoryStorage.h"
#include "raft/RawNode.h"

#include <functional>
#include <memory>
#include <optional>

// Test support: one member of a simulated cluster. It plays the application's part of the
// Ready contract exactly as qetcd's node layer will: send early messages, persist to its
// MemoryStorage (the "disk": it survives crash()), send the remaining messages, apply
// committed entries to a tiny state machine (the list of proposed values), advance.
// Volatile state (RawNode, state machine) is lost on crash() and rebuilt by restart() from
// the storage's snapshot plus log replay. Deterministic: no clock, seeded randomness only.
struct SimOptions
{
    int electionTick = 10;
    int heartbeatTick = 1;
    bool preVote = true;
    bool checkQuorum = true;
    quint64 maxSizePerMsg = 1024 * 1024;
    int maxInflightMsgs = 256;
    quint64 maxUncommittedSize = 0;
    quint64 seed = 1;
    // Take a snapshot and compact the log whenever this many entries were applied since the
    // last snapshot (0 = never); keep this many entries before the snapshot index.
    quint64 snapshotEvery = 0;
    quint64 keepEntries = 2;
};

class SimNode
{
public:
    // peers: voters of a new cluster (empty: a member that joins an existing cluster).
    SimNode(quint64 id, const SimOptions &options, const QList<quint64> &peers);
    // A member restarting from a given durable log and hard state (applied = 0).
    SimNode(quint64 id, const SimOptions &options, const QList<raft::Entry> &log,
            const raft::HardState &hs);

    struct Output
    {
        QList<raft::Message> early; // may be sent before persisting
        QList<raft::Message> late;  // after persisting
        QList<raft::Message> all() const { return early + late; }
    };

    // The committed AddNode entries a new cluster of these voters starts with (term 1).
    static QList<raft::Entry> bootstrapLog(const QList<quint64> &voters);

    quint64 id() const { return m_id; }
    bool isUp() const { return bool(m_node); }
    raft::RawNode &raft() { return *m_node; }
    raft::Status status() const { return m_node->status(); }
    raft::MemoryStorage &storage() { return m_storage; }

    // Handles one Ready if there is one. With crashBeforePersist the member dies after
    // sending the early messages, before anything reaches its disk.
    Output handleReady(bool crashBeforePersist = false);
    // The same in two halves, as an application with an asynchronous disk does it: take
    // the Ready and return the messages that may leave at once; later, finish it (persist,
    // return the remaining messages, apply, advance). In between the member keeps stepping
    // messages. crash() in between loses the unfinished Ready.
    QList<raft::Message> beginReady();
    QList<raft::Message> finishReady();
    bool readyInProgress() const { return m_pending.has_value(); }
    // Handles Readies until there is none; returns every message produced.
    QList<raft::Message> drain();
    void crash();
    void restart();

    // Takes a snapshot of the state machine at appliedIndex and compacts the stored log up
    // to compactTo (<= appliedIndex), as maybeCompact() does on its own with snapshotEvery.
    bool snapshotAndCompact(quint64 compactTo);
    // The durable log (storage) from firstIndex to lastIndex.
    QList<raft::Entry> storedEntries() const;

    // State machine.
    quint64 appliedIndex = 0;
    QList<QByteArray> values;
    raft::ConfState conf;
    QList<raft::ReadState> readStates;

    // Observers for safety checks; called for every Ready and every applied entry.
    std::function<void(SimNode &, const raft::Ready &)> onReady;
    std::function<void(SimNode &, const raft::Entry &)> onApply;
    std::function<void(SimNode &, const raft::Snapshot &)> onRestore;

private:
    void apply(const raft::Entry &e);
    void restoreStateMachine(const raft::Snapshot &snap);
    void maybeCompact();
    raft::Config config() const;

    quint64 m_id;
    SimOptions m_options;
    raft::MemoryStorage m_storage;
    std::unique_ptr<raft::RawNode> m_node;
    std::optional<raft::Ready> m_pending;
    int m_restarts = 0;
};
