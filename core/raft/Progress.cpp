// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// State transitions of the leader's per-follower progress (probe / replicate / snapshot)
// and the flow-control rules that decide when the next append may go out.
#include "raft/Progress.h"

namespace raft {

const char *progressStateName(ProgressState s)
{
    switch (s) {
    case ProgressState::Probe:
        return "probe";
    case ProgressState::Replicate:
        return "replicate";
    case ProgressState::Snapshot:
        return "snapshot";
    }
    return "unknown";
}

void Progress::becomeProbe()
{
    // After a snapshot the follower holds at least the snapshot's index.
    if (state == ProgressState::Snapshot) {
        next = qMax(match + 1, pendingSnapshot + 1);
    } else {
        next = match + 1;
    }
    state = ProgressState::Probe;
    pendingSnapshot = 0;
    probeSent = false;
    inflights.reset();
}

void Progress::becomeReplicate()
{
    state = ProgressState::Replicate;
    next = match + 1;
    pendingSnapshot = 0;
    probeSent = false;
    inflights.reset();
}

void Progress::becomeSnapshot(quint64 snapshotIndex)
{
    state = ProgressState::Snapshot;
    pendingSnapshot = snapshotIndex;
    probeSent = false;
    inflights.reset();
}

bool Progress::maybeUpdate(quint64 n)
{
    bool updated = false;
    if (match < n) {
        match = n;
        updated = true;
        probeSent = false;
    }
    next = qMax(next, n + 1);
    return updated;
}

bool Progress::maybeDecrTo(quint64 rejected, quint64 matchHint)
{
    if (state == ProgressState::Replicate) {
        // A rejection at or below match answers an old message.
        if (rejected <= match)
            return false;
        next = match + 1;
        return true;
    }
    // In Probe state only the reply to the current probe (at next-1) counts.
    if (next - 1 != rejected)
        return false;
    next = qMax(qMin(rejected, matchHint + 1), match + 1);
    probeSent = false;
    return true;
}

void Progress::sentEntries(int entries)
{
    switch (state) {
    case ProgressState::Replicate:
        if (entries > 0) {
            next += quint64(entries);
            inflights.add(next - 1);
        }
        break;
    case ProgressState::Probe:
        probeSent = true;
        break;
    case ProgressState::Snapshot:
        break;
    }
}

bool Progress::isPaused() const
{
    switch (state) {
    case ProgressState::Probe:
        return probeSent;
    case ProgressState::Replicate:
        return inflights.full();
    case ProgressState::Snapshot:
        return true;
    }
    return true;
}

} // namespace raft
