// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "raft/ConfState.h"
#include "raft/Progress.h"

#include <map>

namespace raft {

enum class VoteResult { Pending, Won, Lost };

// Membership plus the per-member replication progress and election votes.
// Invariants: progress has exactly one entry per voter and learner; voters/learners stay
// sorted and disjoint (the ConfState invariant); quorum = floor(voters/2) + 1 over voters
// only, learners never count.
class ProgressTracker
{
public:
    explicit ProgressTracker(int maxInflight) : m_maxInflight(maxInflight) {}

    const ConfState &config() const { return m_config; }
    bool isVoter(quint64 id) const { return m_config.isVoter(id); }
    bool isSingleton() const { return m_config.voters.size() == 1; }

    // Replaces the membership; progress of members that stay is kept, new ones start
    // probing at nextIndex.
    void setConfig(const ConfState &cs, quint64 nextIndex);

    Progress *progress(quint64 id);
    const std::map<quint64, Progress> &allProgress() const { return m_progress; }
    std::map<quint64, Progress> &allProgress() { return m_progress; }

    // Highest index held by a quorum of voters (0 without voters).
    quint64 committed() const;
    // Did a quorum of voters hear from us recently (CheckQuorum)? self always counts.
    bool quorumActive(quint64 self) const;

    void resetVotes() { m_votes.clear(); }
    // Records id's first vote in this election.
    void recordVote(quint64 id, bool granted);
    VoteResult tallyVotes() const;
    // Outcome of a yes-set over the voters (read-index acknowledgements).
    VoteResult voteResult(const QList<quint64> &yes) const;

private:
    ConfState m_config;
    std::map<quint64, Progress> m_progress;
    std::map<quint64, bool> m_votes;
    int m_maxInflight;
};

} // namespace raft
