// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "raft/HardState.h"
#include "raft/Message.h"
#include "raft/ReadState.h"
#include "raft/SoftState.h"

#include <optional>

namespace raft {

// One batch of work for the application, taken with RawNode::ready() and acknowledged with
// RawNode::advance(). Handle it in this order:
//   1. send `messages` (allowed before persisting: leader appends and heartbeats, forwarded
//      requests, pre-votes; this is the pipelining of thesis 10.2.1);
//   2. persist snapshot, hardState and entries (an entry at index i replaces stored entries
//      from i on), with one fsync if mustSync: every proposal since the last Ready is in
//      `entries`, so a burst costs one fsync (group commit);
//   3. send `messagesAfterPersist` (votes and append acknowledgements promise durability);
//   4. install `snapshot` into the state machine, apply `committedEntries` in order
//      (ConfChange entries through RawNode::applyConfChange), serve `readStates` once
//      applied >= their index;
//   5. call advance(). The leader counts its own log towards commitment only for entries
//      reported durable here.
// Committed entries that were durable already may be applied before step 2 ends (while the
// fsync runs); RawNode::appliedTo() then tells Raft at once, before advance().
struct Ready
{
    std::optional<SoftState> softState;
    std::optional<HardState> hardState;
    QList<Entry> entries;
    Snapshot snapshot;
    QList<Entry> committedEntries;
    QList<Message> messages;
    QList<Message> messagesAfterPersist;
    QList<ReadState> readStates;
    bool mustSync = false;
};

} // namespace raft
