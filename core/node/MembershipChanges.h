// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "api/ApiBackend.h"

#include <QObject>

#include <functional>

namespace raft {
struct ConfChange;
}

namespace node {

struct NodeOptions;

class ProposalQueue;
class RaftLoop;
class StateMachine;

// Membership changes and leadership transfer, as a client asks for them
// (members API) and as a stopping leader needs them.
//
// Every change is decided where it is applied, in log order, as etcd decides
// them (ValidateConfigurationChange): this member's own view may be behind the
// log, and a "peerURL exists" or "No such member" from it could contradict a
// change another member has already acknowledged. A new member joins as a
// learner and is promoted once it caught up (promoteCaughtUpLearners), so an
// empty member never weakens the quorum. Removing the leader moves leadership
// first, so the cluster does not wait an election timeout.
//
// Uses the RaftLoop's core, the ProposalQueue's member waiters and the
// StateMachine's membership; owns only callbacks waiting for an entry of the
// current term to be applied. Member's thread only.
class MembershipChanges : public QObject
{
    Q_OBJECT
public:
    using MemberCallback = api::ApiBackend::MemberCallback;

    MembershipChanges(RaftLoop &loop, StateMachine &state, ProposalQueue &proposals,
                      const NodeOptions &options, QObject *parent = nullptr);

    void addMember(const QStringList &peerUrls, MemberCallback done);
    void removeMember(quint64 id, MemberCallback done);
    void updateMember(quint64 id, const QStringList &peerUrls, MemberCallback done);
    // A leader hands leadership to its most up-to-date follower first
    // (bounded wait), then `done` runs; anyone else runs `done` at once.
    void handOverLeadership(std::function<void()> done);

    // Leader, every tick: learners whose log reached the commit index become voters
    // (thesis 4.2.1): only then do they count.
    void promoteCaughtUpLearners();
    // After a Ready was handled: runs what waited for the current term. Not from the apply
    // itself: Raft learns what was applied only after the state machine (RaftLoop's
    // appliedTo() or advance()), and refuses a membership change until then.
    void runAfterTermApplied();

private:
    // Runs `run` once this member knows a leader and has applied an entry of
    // the current term (at once if it has): a leader elected a moment ago
    // then accepts membership changes. Pending calls are dropped with the node.
    void whenTermApplied(std::function<void()> run);
    bool termApplied() const;
    // The voter a leader should hand over to (most up to date), 0 if none.
    quint64 bestTransferee() const;
    // Asks for leadership to move to `to` and runs `done` once another
    // member than the present leader leads, or the transfer timed out.
    void moveLeadership(quint64 to, const QString &why, std::function<void()> done);

    RaftLoop &m_loop;
    StateMachine &m_state;
    ProposalQueue &m_proposals;
    const NodeOptions &m_options;
    QList<std::function<void()>> m_afterTermApplied;
};

} // namespace node
