// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "StoreBackend.h"

#include "node/Bootstrap.h"
#include "node/ClusterIdentity.h"
#include "node/ProposalStamper.h"
#include "node/RaftRequest.h"
#include "node/WallClock.h"
#include "store/EtcdError.h"

namespace testsupport {

namespace {

// A fresh single member's log before any request: the bootstrap ConfChange
// (term 1), then, after its election, its empty leader entry and its
// published attributes (term 2).
constexpr quint64 kFreshCommit = 3;
constexpr quint64 kFreshTerm = 2;

} // namespace

StoreBackend::StoreBackend(node::NodeOptions options)
    : m_options(std::move(options)), m_startTimeNs(node::wallClockNs())
{
    // The member's own ids and membership, computed as the member computes them.
    const node::Bootstrap::Initial initial = node::Bootstrap::initial(m_options);
    m_id = initial.id;
    m_membership = initial.membership;
    m_raft.commitIndex = kFreshCommit;
    m_raft.term = kFreshTerm;
}

qint64 StoreBackend::nowNs() const
{
    return m_fixedNowNs ? *m_fixedNowNs : node::wallClockNs();
}

void StoreBackend::advanceClock(qint64 ns)
{
    m_fixedNowNs = nowNs() + ns;
    expireDue();
}

bool StoreBackend::expireDue()
{
    const qint64 next = m_store.nextExpirationNs();
    if (next == 0 || next > nowNs())
        return false;
    store::Command expire;
    expire.op = store::Command::Op::Expire;
    expire.timeNs = nowNs();
    propose(expire, {});
    return true;
}

store::StoreResult StoreBackend::failure() const
{
    // ProposalQueue's answer to a write or read it gives up on: error 300 at the store's index.
    store::StoreResult r;
    r.error = store::EtcdError::make(store::ErrorCode::RaftInternal, *m_failure, m_store.index());
    return r;
}

void StoreBackend::appended()
{
    ++m_raft.commitIndex;
    ++m_proposals;
}

store::StoreResult StoreBackend::get(const QString &path, bool recursive, bool sorted)
{
    return m_store.get(path, recursive, sorted, nowNs());
}

std::optional<api::ConcurrentRead> StoreBackend::readConcurrently(const QString &path,
                                                                  bool recursive, bool sorted) const
{
    // As StateMachine::readConcurrently, on the caller's (the only) thread.
    if (m_auth.isEnabled())
        return std::nullopt;
    api::ConcurrentRead read;
    read.result = m_store.read(path, recursive, sorted, nowNs());
    read.raft = m_raft;
    read.clusterId = m_membership.clusterId();
    ++(read.result.ok() ? m_concurrentGets : m_concurrentGetsFailed);
    return read;
}

void StoreBackend::quorumGet(const QString &path, bool recursive, bool sorted, ResultCallback done)
{
    if (m_failure) {
        done(failure());
        return;
    }
    done(get(path, recursive, sorted));
}

void StoreBackend::propose(const store::Command &command, ResultCallback done)
{
    if (m_failure) {
        if (done)
            done(failure());
        return;
    }
    // What the member's log carries and applies: the encoded request, stamped
    // with the (leader's) clock as it enters the log.
    node::RaftRequest request;
    request.kind = node::RaftRequest::Kind::Store;
    request.command = command;
    const std::optional<node::RaftRequest> applied =
        node::RaftRequest::decode(node::ProposalStamper::stamp(request.encode(), nowNs()));
    Q_ASSERT(applied);
    appended();
    const store::StoreResult result = m_store.apply(applied->command);
    if (done)
        done(result);
}

store::WatchResult StoreBackend::watch(const QString &key, bool recursive, bool stream,
                                       quint64 sinceIndex, store::WatchSink sink)
{
    return m_store.watch(key, recursive, stream, sinceIndex, std::move(sink));
}

void StoreBackend::cancelWatch(quint64 watcherId)
{
    m_store.cancelWatch(watcherId);
}

void StoreBackend::proposeAuth(const auth::AuthCommand &command, AuthCallback done)
{
    if (m_failure) {
        done(auth::AuthResult::failure(auth::AuthResult::Status::NotApplied, *m_failure));
        return;
    }
    const std::optional<auth::AuthCommand> applied = auth::AuthCommand::decode(command.encode());
    Q_ASSERT(applied);
    appended();
    done(m_auth.apply(*applied));
}

void StoreBackend::addMember(const QStringList &peerUrls, MemberCallback done)
{
    if (m_failure) {
        done({api::MemberChangeResult::Status::Failed, *m_failure, {}});
        return;
    }
    // MembershipChanges' id, StateMachine's answers.
    api::MemberInfo member;
    member.peerUrls = peerUrls;
    member.id =
        node::ClusterIdentity::memberId(peerUrls, m_options.clusterToken, nowNs() / 1000000000);
    appended();
    api::MemberChangeResult result;
    node::ClusterMembership::Change change = node::ClusterMembership::Change::Ok;
    if (!m_membership.contains(member.id))
        change = m_membership.add(member);
    if (auto m = m_membership.member(member.id))
        result.member = *m;
    if (change == node::ClusterMembership::Change::IdExists ||
        change == node::ClusterMembership::Change::PeerUrlExists)
        result = {api::MemberChangeResult::Status::Conflict,
                  QStringLiteral("etcdserver: peerURL exists"),
                  {}};
    else if (change == node::ClusterMembership::Change::IdRemoved)
        result = {api::MemberChangeResult::Status::Removed,
                  QStringLiteral("Member permanently removed: %1").arg(member.id, 0, 16),
                  {}};
    done(result);
}

void StoreBackend::removeMember(quint64 id, MemberCallback done)
{
    if (m_failure) {
        done({api::MemberChangeResult::Status::Failed, *m_failure, {}});
        return;
    }
    appended();
    api::MemberChangeResult result;
    switch (m_membership.remove(id)) {
    case node::ClusterMembership::Change::Ok:
        break;
    case node::ClusterMembership::Change::IdRemoved:
        result = {api::MemberChangeResult::Status::Removed,
                  QStringLiteral("Member permanently removed: %1").arg(id, 0, 16),
                  {}};
        break;
    case node::ClusterMembership::Change::NotFound:
    default:
        result = {api::MemberChangeResult::Status::NotFound,
                  QStringLiteral("No such member: %1").arg(id, 0, 16),
                  {}};
        break;
    }
    done(result);
}

void StoreBackend::updateMember(quint64 id, const QStringList &peerUrls, MemberCallback done)
{
    if (m_failure) {
        done({api::MemberChangeResult::Status::Failed, *m_failure, {}});
        return;
    }
    appended();
    api::MemberChangeResult result;
    const node::ClusterMembership::Change change = m_membership.updatePeerUrls(id, peerUrls);
    if (change == node::ClusterMembership::Change::PeerUrlExists)
        result = {api::MemberChangeResult::Status::Conflict,
                  QStringLiteral("etcdserver: peerURL exists"),
                  {}};
    else if (change != node::ClusterMembership::Change::Ok)
        result = {api::MemberChangeResult::Status::NotFound,
                  QStringLiteral("No such member: %1").arg(id, 0, 16),
                  {}};
    done(result);
}

store::StoreStats StoreBackend::storeStats() const
{
    store::StoreStats stats = m_store.stats();
    stats.getsSuccess += m_concurrentGets;
    stats.getsFail += m_concurrentGetsFailed;
    return stats;
}

api::SelfStats StoreBackend::selfStats() const
{
    // MemberStats::self() of a leader without peers: no traffic to report.
    api::SelfStats s;
    s.name = m_options.name;
    s.id = m_id;
    s.leader = true;
    s.startTimeNs = m_startTimeNs;
    s.leaderId = m_id;
    s.leaderStartTimeNs = m_startTimeNs;
    s.leaderUptimeNs = nowNs() - m_startTimeNs;
    return s;
}

std::optional<api::LeaderStats> StoreBackend::leaderStats() const
{
    api::LeaderStats s;
    s.leaderId = m_id;
    return s;
}

} // namespace testsupport
