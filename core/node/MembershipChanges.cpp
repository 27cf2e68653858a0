// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "node/MembershipChanges.h"

#include "node/ClusterIdentity.h"
#include "node/NodeLogging.h"
#include "node/NodeOptions.h"
#include "node/ProposalQueue.h"
#include "node/RaftLoop.h"
#include "node/RaftRequest.h"
#include "node/StateMachine.h"
#include "node/WallClock.h"
#include "raft/ConfChange.h"
#include "raft/RawNode.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

#include <memory>

namespace node {

namespace {

// The ConfChange context: which client request asked for it and the member's details.
QByteArray confChangeContext(quint64 requestId, const api::MemberInfo &member)
{
    QJsonObject o{{QStringLiteral("requestId"), QString::number(requestId, 16)},
                  {QStringLiteral("member"),
                   QJsonDocument::fromJson(ClusterMembership::memberToJson(member)).object()}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

} // namespace

MembershipChanges::MembershipChanges(RaftLoop &loop, StateMachine &state, ProposalQueue &proposals,
                                     const NodeOptions &options, QObject *parent)
    : QObject(parent), m_loop(loop), m_state(state), m_proposals(proposals), m_options(options)
{
}

void MembershipChanges::addMember(const QStringList &peerUrls, MemberCallback done)
{
    api::MemberInfo member;
    member.peerUrls = peerUrls;
    member.id =
        ClusterIdentity::memberId(peerUrls, m_options.clusterToken, wallClockNs() / 1000000000);
    const quint64 requestId = m_proposals.nextRequestId();
    m_proposals.waitForMemberChange(requestId, std::move(done));
    m_proposals.proposeConfChange(requestId,
                                  raft::ConfChange{raft::ConfChangeType::AddLearner, member.id,
                                                   confChangeContext(requestId, member)});
}

void MembershipChanges::removeMember(quint64 id, MemberCallback done)
{
    // Decided when applied; the member as known here only goes into the entry's context.
    const api::MemberInfo member =
        m_state.membership().member(id).value_or(api::MemberInfo{id, {}, {}, {}});
    const quint64 requestId = m_proposals.nextRequestId();
    m_proposals.waitForMemberChange(requestId, std::move(done));
    const raft::ConfChange cc{raft::ConfChangeType::RemoveNode, id,
                              confChangeContext(requestId, member)};
    if (id == m_loop.leaderId() && m_loop.raft() && m_loop.confState().voters.size() >= 2) {
        // Removing the leader would leave the cluster leaderless for an
        // election timeout: leadership moves first, to the follower that
        // took the request or, when the leader is asked itself, to its most
        // up-to-date follower. The removal is proposed once an entry of the
        // new leader's term is applied here: a new leader refuses membership
        // changes until its own first entry is applied (Raft::checkConfChange),
        // and one forwarded to it would be dropped.
        const quint64 to = id == m_loop.id() ? bestTransferee() : m_loop.id();
        if (to != 0) {
            moveLeadership(to, QStringLiteral("removing member %1").arg(id, 0, 16),
                           [this, requestId, cc] {
                               whenTermApplied([this, requestId, cc] {
                                   m_proposals.proposeConfChange(requestId, cc);
                               });
                           });
            return;
        }
    }
    m_proposals.proposeConfChange(requestId, cc);
}

void MembershipChanges::updateMember(quint64 id, const QStringList &peerUrls, MemberCallback done)
{
    // Decided when applied: an unknown member or a taken URL is answered then.
    // Peer URLs are no Raft membership change: an ordinary entry carries them.
    RaftRequest request;
    request.kind = RaftRequest::Kind::PeerUrls;
    request.memberId = id;
    request.peerUrls = peerUrls;
    m_proposals.proposeMemberRequest(request, std::move(done));
}

void MembershipChanges::handOverLeadership(std::function<void()> done)
{
    const quint64 to = m_loop.isLeader() ? bestTransferee() : 0;
    if (to == 0) {
        done();
        return;
    }
    moveLeadership(to, QStringLiteral("stopping"), std::move(done));
}

void MembershipChanges::promoteCaughtUpLearners()
{
    if (!m_loop.isLeader())
        return;
    const raft::Status status = m_loop.raft()->status();
    for (quint64 learner : status.config.learners) {
        const auto progress = status.progress.value(learner);
        if (progress.match >= status.hardState.commit)
            m_loop.raft()->proposeConfChange(
                raft::ConfChange{raft::ConfChangeType::AddNode, learner, {}});
    }
}

void MembershipChanges::whenTermApplied(std::function<void()> run)
{
    if (termApplied()) {
        run();
        return;
    }
    m_afterTermApplied.append(std::move(run));
}

bool MembershipChanges::termApplied() const
{
    return m_loop.leaderId() != 0 && m_state.appliedTerm() == m_loop.hardState().term;
}

void MembershipChanges::runAfterTermApplied()
{
    if (m_afterTermApplied.isEmpty() || !termApplied())
        return;
    const QList<std::function<void()>> ready = std::exchange(m_afterTermApplied, {});
    for (const std::function<void()> &run : ready)
        run();
}

quint64 MembershipChanges::bestTransferee() const
{
    if (!m_loop.isLeader() || !m_loop.raft() || m_loop.confState().voters.size() < 2)
        return 0;
    // The most up-to-date voter takes over soonest.
    const raft::Status status = m_loop.raft()->status();
    quint64 best = 0, bestMatch = 0;
    for (quint64 voter : status.config.voters) {
        if (voter == m_loop.id())
            continue;
        const quint64 match = status.progress.value(voter).match;
        if (best == 0 || match > bestMatch) {
            best = voter;
            bestMatch = match;
        }
    }
    return best;
}

void MembershipChanges::moveLeadership(quint64 to, const QString &why, std::function<void()> done)
{
    // So the cluster does not wait an election timeout for a new leader. A
    // follower's request goes to the leader inside Raft.
    const quint64 from = m_loop.leaderId();
    qCInfo(lcNode, "transferring leadership from %llx to %llx before %s", qulonglong(from),
           qulonglong(to), qPrintable(why));
    m_loop.raft()->transferLeadership(to);
    m_loop.scheduleReady();
    // Whichever comes first: another leader, or the time a transfer may take.
    auto watch = std::make_shared<QMetaObject::Connection>();
    auto finished = std::make_shared<bool>(false);
    auto finish = [watch, finished, done] {
        if (*finished)
            return;
        *finished = true;
        QObject::disconnect(*watch);
        done();
    };
    *watch = connect(&m_loop, &RaftLoop::leaderChanged, this, [this, from, finish](quint64 leader) {
        if (leader != 0 && leader != from)
            QTimer::singleShot(50, this, finish); // let the last messages leave
    });
    QTimer::singleShot(qMax(1000, 2 * m_options.electionMs), this, finish);
}

} // namespace node
