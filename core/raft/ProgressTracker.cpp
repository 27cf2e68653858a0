// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Quorum arithmetic over the voters: commit index (the quorum-th highest match), vote
// tallies, and the CheckQuorum activity test. Learners never count.
#include "raft/ProgressTracker.h"

#include <algorithm>

namespace raft {

void ProgressTracker::setConfig(const ConfState &cs, quint64 nextIndex)
{
    m_config = cs;
    std::map<quint64, Progress> kept;
    auto adopt = [&](quint64 id, bool learner) {
        auto it = m_progress.find(id);
        Progress pr =
            it != m_progress.end() ? it->second : Progress(nextIndex, m_maxInflight, learner);
        if (it == m_progress.end())
            pr.recentActive = true; // do not let CheckQuorum count a newcomer as silent
        pr.isLearner = learner;
        kept.emplace(id, pr);
    };
    for (quint64 id : cs.voters)
        adopt(id, false);
    for (quint64 id : cs.learners)
        adopt(id, true);
    m_progress.swap(kept);
}

Progress *ProgressTracker::progress(quint64 id)
{
    auto it = m_progress.find(id);
    return it == m_progress.end() ? nullptr : &it->second;
}

quint64 ProgressTracker::committed() const
{
    const qsizetype n = m_config.voters.size();
    if (n == 0)
        return 0;
    QList<quint64> matches;
    matches.reserve(n);
    for (quint64 id : m_config.voters)
        matches.append(m_progress.at(id).match);
    std::sort(matches.begin(), matches.end());
    // The quorum-th largest match: a majority holds at least this index.
    return matches.at(n - (n / 2 + 1));
}

bool ProgressTracker::quorumActive(quint64 self) const
{
    QList<quint64> active;
    for (quint64 id : m_config.voters) {
        if (id == self || m_progress.at(id).recentActive)
            active.append(id);
    }
    return voteResult(active) == VoteResult::Won;
}

void ProgressTracker::recordVote(quint64 id, bool granted)
{
    m_votes.emplace(id, granted);
}

VoteResult ProgressTracker::tallyVotes() const
{
    qsizetype yes = 0;
    qsizetype no = 0;
    for (quint64 id : m_config.voters) {
        auto it = m_votes.find(id);
        if (it == m_votes.end())
            continue;
        (it->second ? yes : no) += 1;
    }
    const qsizetype quorum = m_config.voters.size() / 2 + 1;
    if (yes >= quorum)
        return VoteResult::Won;
    if (no > m_config.voters.size() - quorum)
        return VoteResult::Lost;
    return VoteResult::Pending;
}

VoteResult ProgressTracker::voteResult(const QList<quint64> &yes) const
{
    qsizetype n = 0;
    for (quint64 id : m_config.voters)
        n += yes.contains(id) ? 1 : 0;
    const qsizetype quorum = m_config.voters.size() / 2 + 1;
    if (m_config.voters.isEmpty())
        return VoteResult::Lost;
    return n >= quorum ? VoteResult::Won : VoteResult::Pending;
}

} // namespace raft
