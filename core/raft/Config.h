// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QList>
#include <QString>

namespace raft {

class LogStorage;

// Parameters of one Raft member. Times are in ticks: the application calls
// RawNode::tick() at a fixed interval (qetcd: 100 ms), so electionTick = 10 means an
// election timeout drawn uniformly from [1 s, 2 s).
struct Config
{
    quint64 id = 0;
    // Voters of a brand-new cluster. Used only when storage is empty; every member of the
    // new cluster must be given the same list. Leave empty when restarting or joining.
    QList<quint64> peers;
    int electionTick = 10;
    int heartbeatTick = 1;
    // The durable log (not owned); must outlive the RawNode.
    const LogStorage *storage = nullptr;
    // Last index the application had applied before this start. Entries after it are
    // handed out again as committedEntries, so the membership recorded in storage's
    // ConfState must be the one in force at `applied` (use the snapshot's index).
    quint64 applied = 0;
    quint64 maxSizePerMsg = 1024 * 1024; // payload bytes per append message (>= 1 entry)
    int maxInflightMsgs = 256;           // unacknowledged appends per follower
    // A leader refuses a proposal that would take the payload of its uncommitted entries
    // past this many bytes (0: no limit; ProposeResult::TooMuchUncommitted): a leader cut off from
    // its quorum must not grow its log and memory without bound until check-quorum deposes it. One
    // proposal is always accepted when nothing is uncommitted, whatever its size.
    quint64 maxUncommittedSize = 0;
    bool checkQuorum = true; // leader steps down without a quorum (thesis 6.2)
    bool preVote = true;     // pre-vote before disrupting a term (thesis 9.6)
    // Seeds this member's own random generator (election timeouts); mixed with id, so
    // members may share a seed. The process-global generator is never used.
    quint64 seed = 0;

    // Empty when usable; otherwise what is wrong.
    QString validate() const;
};

} // namespace raft
