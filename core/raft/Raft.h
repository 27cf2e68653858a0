// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "raft/ConfChange.h"
#include "raft/Config.h"
#include "raft/Message.h"
#include "raft/ProgressTracker.h"
#include "raft/ProposeResult.h"
#include "raft/RaftLog.h"
#include "raft/ReadOnly.h"
#include "raft/ReadState.h"
#include "raft/SoftState.h"

#include <random>

namespace raft {

// The Raft algorithm proper (paper sections 5.1-5.4, thesis chapters 3, 4, 6, 9, 10): a
// deterministic state machine driven by tick() and step(); its outputs (messages, log
// changes, read states) are collected by RawNode into Ready batches. Internal to core/raft:
// applications use RawNode.
//
// Invariants kept here:
// - at most one vote per term (vote persists with term through HardState);
// - a leader never overwrites or deletes its own entries (Leader Append-Only);
// - commit advances only to an entry of the current term held by a quorum of voters, and
//   the leader counts itself only for entries the application reported durable;
// - with PreVote a member only bumps its term after a quorum said it could win; with
//   CheckQuorum a leader that has not heard from a quorum for an election timeout steps
//   down, and followers that heard from a leader within the timeout refuse to vote;
// - a membership change is proposed only when the previous one is applied, and only after
//   the leader committed an entry of its own term.
// Not thread-safe; owned by RawNode.
class Raft
{
public:
    explicit Raft(const Config &config);

    void tick();
    ProposeResult step(const Message &m);

    // Application feedback (from RawNode::advance and applyConfChange).
    void onEntriesPersisted(quint64 index, quint64 term);
    void onSnapshotPersisted(quint64 index);
    void appliedTo(quint64 index) { m_log.appliedTo(index); }
    void releaseSnapshotData(quint64 index) { m_log.releaseSnapshotData(index); }
    // The application applied `entries`: their payload no longer counts as uncommitted.
    void reduceUncommittedSize(const QList<Entry> &entries);
    ConfState applyConfChange(const ConfChange &cc);
    ProposeResult checkConfChange(const ConfChange &cc) const;

    quint64 id() const { return m_id; }
    Role role() const { return m_role; }
    quint64 leadTransferee() const { return m_leadTransferee; }
    HardState hardState() const { return {m_term, m_vote, m_log.committed()}; }
    SoftState softState() const { return {m_lead, m_role}; }
    const RaftLog &log() const { return m_log; }
    const ProgressTracker &tracker() const { return m_tracker; }

    bool hasPendingOutput() const { return !m_msgs.isEmpty() || !m_readStates.isEmpty(); }
    QList<Message> takeMessages() { return std::exchange(m_msgs, {}); }
    QList<ReadState> takeReadStates() { return std::exchange(m_readStates, {}); }

private:
    enum class CampaignType { PreElection, Election, Transfer };

    void becomeFollower(quint64 term, quint64 lead);
    void becomePreCandidate();
    void becomeCandidate();
    void becomeLeader();
    void reset(quint64 term);
    void resetRandomizedElectionTimeout();

    void tickElection();
    void tickHeartbeat();
    bool promotable() const { return m_tracker.isVoter(m_id); }

    ProposeResult stepLeader(const Message &m);
    ProposeResult stepCandidate(const Message &m);
    ProposeResult stepFollower(const Message &m);
    void handleVoteRequest(const Message &m);
    void hup(CampaignType t);
    void campaign(CampaignType t);
    bool hasUnappliedConfChanges() const;

    ProposeResult handlePropose(const Message &m);
    void handleAppendResponse(const Message &m, Progress *pr);
    void handleHeartbeatResponse(const Message &m, Progress *pr);
    void handleTransferLeader(const Message &m, Progress *pr);
    void handleReadIndex(const Message &m);
    void serveReadIndex(const Message &m);
    void respondReadIndex(quint64 index, quint64 to, const QByteArray &context);

    void handleAppendEntries(const Message &m);
    void handleHeartbeat(const Message &m);
    void handleSnapshot(const Message &m);
    bool restore(const Snapshot &s);

    void appendEntries(QList<Entry> entries);
    bool maybeCommit();
    void onCommitAdvanced();
    bool committedEntryInCurrentTerm() const;
    void bcastAppend();
    void bcastHeartbeat();
    void sendAppend(quint64 to) { maybeSendAppend(to, true); }
    bool maybeSendAppend(quint64 to, bool sendIfEmpty);
    bool maybeSendSnapshot(quint64 to, Progress *pr);
    void sendHeartbeat(quint64 to, const QByteArray &context);
    void abortLeaderTransfer() { m_leadTransferee = 0; }
    void send(Message m);

    const quint64 m_id;
    quint64 m_term = 0;
    quint64 m_vote = 0;
    quint64 m_lead = 0;
    Role m_role = Role::Follower;

    RaftLog m_log;
    ProgressTracker m_tracker;
    ReadOnly m_readOnly;
    QList<Message> m_pendingReadIndex; // reads waiting for the first commit of our term
    QList<Message> m_msgs;
    QList<ReadState> m_readStates;

    const quint64 m_maxMsgSize;
    const quint64 m_maxUncommittedSize;
    const int m_maxInflight;
    const bool m_checkQuorum;
    const bool m_preVote;
    const int m_heartbeatTimeout;
    const int m_electionTimeout;
    int m_randomizedElectionTimeout = 0;
    int m_heartbeatElapsed = 0;
    int m_electionElapsed = 0; // leader: ticks since the last quorum check
    quint64 m_leadTransferee = 0;
    quint64 m_pendingConfIndex = 0; // no new ConfChange until applied reaches this
    // Leader only: payload bytes of the entries it appended and has not seen applied.
    quint64 m_uncommittedSize = 0;
    std::mt19937_64 m_rng;
};

} // namespace raft
