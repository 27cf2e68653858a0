// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "raft/Status.h"

#include <QHash>
#include <QMap>

namespace node {

// How far a leader may compact its log while it sends followers snapshots. A follower that
// installs the snapshot at index P next needs entry P + 1 from the leader's log; if the leader
// took another snapshot meanwhile and compacted past P, the follower is behind the log again and
// is sent a whole snapshot once more (and, under a steady write load with a large store, can go
// on being sent one after another: each install takes longer than the log keeps the entries it
// needs). So, as etcd does (its server pauses compaction while a snapshot is in flight and for
// 30 s after), the log is kept from P + 1 while the snapshot is sent, and after that until the
// follower acknowledges P or kHoldAfterSendMs pass.
//
// Invariant: limit() never returns more than it is given. Pure (time is passed in); owned by
// RaftLoop, one thread.
class SnapshotHolds
{
public:
    // How long the log is kept for a follower once its snapshot has been sent (etcd: 30 s).
    static constexpr qint64 kHoldAfterSendMs = 30'000;

    // A snapshot at `index` is being sent to `follower` (replacing any hold for it).
    void sent(quint64 follower, quint64 index);
    // The transport finished sending to `follower`: delivered (`ok`), the hold runs until
    // nowMs + kHoldAfterSendMs; failed, it goes (the leader sends a snapshot again, its own hold).
    void finished(quint64 follower, bool ok, qint64 nowMs);
    // The index the log may be compacted up to, at most `wanted`: below every held snapshot's
    // index. Drops the holds that are over: acknowledged (a match at or past the index), run
    // out, or of a member `progress` (the leader's, empty on a follower) no longer lists.
    quint64 limit(quint64 wanted, const QMap<quint64, raft::FollowerStatus> &progress,
                  qint64 nowMs);
    bool isEmpty() const { return m_holds.isEmpty(); }

private:
    struct Hold
    {
        quint64 index = 0;
        qint64 untilMs = -1; // -1: still being sent
    };
    QHash<quint64, Hold> m_holds;
};

} // namespace node
