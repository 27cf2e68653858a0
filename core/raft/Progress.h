// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "raft/Inflights.h"

namespace raft {

enum class ProgressState : quint8 {
    Probe,     // unknown match: one append at a time until the follower acknowledges
    Replicate, // steady state: optimistic pipelined appends, bounded by Inflights
    Snapshot,  // follower is beyond the compacted log: wait for the snapshot to land
};

const char *progressStateName(ProgressState s);

// The leader's view of one member's log (thesis 10.2.1 / etcd's Progress).
// Invariants: match < next; match only grows while the leader keeps its term; in Probe
// state at most one append is outstanding (probeSent); in Snapshot state nothing is sent
// until the snapshot is reported or the follower acknowledges past pendingSnapshot.
class Progress
{
public:
    Progress() = default;
    Progress(quint64 next, int maxInflight, bool learner)
        : next(next), isLearner(learner), inflights(maxInflight)
    {
    }

    void becomeProbe();
    void becomeReplicate();
    void becomeSnapshot(quint64 snapshotIndex);

    // An acknowledgement up to n arrived; returns whether match advanced.
    bool maybeUpdate(quint64 n);
    // A rejection of the append after `rejected` arrived with the follower's hint; returns
    // false when the rejection is stale (already superseded).
    bool maybeDecrTo(quint64 rejected, quint64 matchHint);
    // Bookkeeping after an append with `entries` entries was sent.
    void sentEntries(int entries);
    bool isPaused() const;

    quint64 match = 0;
    quint64 next = 1;
    ProgressState state = ProgressState::Probe;
    quint64 pendingSnapshot = 0;
    bool probeSent = false;
    bool recentActive = false;
    bool isLearner = false;
    Inflights inflights;
};

} // namespace raft
