// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "raft/ConfChange.h"
#include "raft/Config.h"
#include "raft/ProposeResult.h"
#include "raft/Ready.h"
#include "raft/Status.h"

#include <memory>

namespace raft {

class Raft;

// The public face of the Raft core: a pure, deterministic state machine with no I/O, no
// clock and no threads (as etcd-io/raft's RawNode). Time enters through tick(), network
// input through step(), requests through propose()/readIndex()/...; every output is
// collected in a Ready that the application persists, sends and applies, then confirms
// with advance() (see Ready.h for the exact order and durability contract).
// At most one Ready is outstanding: hasReady() is false between ready() and advance().
// Not thread-safe: one thread owns the node, its LogStorage and the Ready handling.
class RawNode
{
public:
    explicit RawNode(const Config &config); // config must validate()
    ~RawNode();
    RawNode(const RawNode &) = delete;
    RawNode &operator=(const RawNode &) = delete;

    void tick();
    StepResult step(const Message &m);

    ProposeResult propose(const QByteArray &data);
    ProposeResult proposeConfChange(const ConfChange &cc);
    // Linearizable read: a ReadState with this (unique, non-empty) context appears in a
    // later Ready once the leader confirmed its leadership.
    ProposeResult readIndex(const QByteArray &context);
    ProposeResult transferLeadership(quint64 transferee);
    void campaign();

    bool hasReady() const;
    Ready ready();
    void advance(const Ready &rd);
    // The application applied the outstanding Ready's committed entries up to `index` ahead of
    // advance() (see Ready.h): Raft counts them applied now, so a membership change proposed
    // meanwhile is judged by what the state machine holds, not refused as one still pending.
    // Pre: a Ready is outstanding and `index` is at most its last committed entry's.
    void appliedTo(quint64 index);
    // The application has the image of the received snapshot at `index` elsewhere (persisted
    // to its own file): Raft, which never reads an image, lets go of its bytes before
    // advance() instead of after. Until then a snapshot taken from the log carries no data,
    // as one the application's storage holds without its image.
    void releaseSnapshotData(quint64 index);

    // Applies a committed ConfChange entry; returns the new membership.
    ConfState applyConfChange(const ConfChange &cc);
    void reportUnreachable(quint64 id);
    void reportSnapshot(quint64 id, bool succeeded);
    Status status() const;

private:
    std::unique_ptr<Raft> m_raft;
    SoftState m_prevSoftState;
    HardState m_prevHardState;
    bool m_readyOutstanding = false;
};

} // namespace raft
