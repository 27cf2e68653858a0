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

StoreBackend::StoreBackend(NodeOptions options)
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
    Command expire;
    expire.op = Command::Op::Expire;
    expire.timeNs = nowNs();
    propose(expire, {});
    return true;
}

StoreResult StoreBackend::failure() const
{
    // ProposalQueue's answer to a write or read it gives up on: error 300 at the store's index.
    StoreResult r;
    r.error = EtcdError::make(ErrorCode::RaftInternal, *m_failure, m_store.index());
    return r;
}

void StoreBackend::appended()
{
    ++m_raft.commitIndex;
    ++m_proposals;
}

StoreResult StoreBackend::get(const QString &path, bool recursive, bool sorted)
{
    return m_store.get(path, recursive, sorted, nowNs());
}

std::optional<ConcurrentRead> StoreBackend::readConcurrently(const QString &path, bool recursive,
                                                             bool sorted) const
{
    // As StateMachine::readConcurrently, on the caller's (the only) thread.
    if (m_auth.isEnabled())
        return std::nullopt;
    ConcurrentRead read;
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

void StoreBackend::propose(const Command &command, ResultCallback done)
{
    if (m_failure) {
        if (done)
            done(failure());
        return;
    }
    // What the member's log carries and applies: the encoded request, stamped
    // with the (leader's) clock as it enters the log.
    RaftRequest request;
    request.kind = RaftRequest::Kind::Store;
    request.command = command;
    const std::optional<RaftRequest> applied =
        RaftRequest::decode(ProposalStamper::stamp(request.encode(), nowNs()));
    Q_ASSERT(applied);
    appended();
    const StoreResult result = m_store.apply(applied->command);
    if (done)
        done(result);
}

WatchResult StoreBackend::watch(const QString &key, bool recursive, bool stream, quint64 sinceIndex,
                                WatchSink sink)
{
    return m_store.watch(key, recursive, stream, sinceIndex, std::move(sink));
}

void StoreBackend::cancelWatch(quint64 watcherId)
{
    m_store.cancelWatch(watcherId);
}

void StoreBackend::proposeAuth(const AuthCommand &command, AuthCallback done)
{
    if (m_failure) {
        done(AuthResult::failure(AuthResult::Status::NotApplied, *m_failure));
        return;
    }
    const std::optional<AuthCommand> applied = AuthCommand::decode(command.encode());
    Q_ASSERT(applied);
    appended();
    done(m_auth.apply(*applied));
}

void StoreBackend::addMember(const QStringList &peerUrls, MemberCallback done)
{
    if (m_failure) {
        done({MemberChangeResult::Status::Failed, *m_failure, {}});
        return;
    }
    // MembershipChanges' id, StateMachine's answers.
    MemberInfo member;
    member.peerUrls = peerUrls;
    member.id = ClusterIdentity::memberId(peerUrls, m_options.clusterToken, nowNs() / 1000000000);
    appended();
    MemberChangeResult result;
    ClusterMembership::Change change = ClusterMembership::Change::Ok;
    if (!m_membership.contains(member.id))
        change = m_membership.add(member);
    if (auto m = m_membership.member(member.id))
        result.member = *m;
    if (change == ClusterMembership::Change::IdExists ||
        change == ClusterMembership::Change::PeerUrlExists)
        result = {
            MemberChangeResult::Status::Conflict, QStringLiteral("etcdserver: peerURL exists"), {}};
    else if (change == ClusterMembership::Change::IdRemoved)
        result = {MemberChangeResult::Status::Removed,
                  QStringLiteral("Member permanently removed: %1").arg(member.id, 0, 16),
                  {}};
    done(result);
}

void StoreBackend::removeMember(quint64 id, MemberCallback done)
{
    if (m_failure) {
        done({MemberChangeResult::Status::Failed, *m_failure, {}});
        return;
    }
    appended();
    MemberChangeResult result;
    switch (m_membership.remove(id)) {
    case ClusterMembership::Change::Ok:
        break;
    case ClusterMembership::Change::IdRemoved:
        result = {MemberChangeResult::Status::Removed,
                  QStringLiteral("Member permanently removed: %1").arg(id, 0, 16),
                  {}};
        break;
    case ClusterMembership::Change::NotFound:
    default:
        result = {MemberChangeResult::Status::NotFound,
                  QStringLiteral("No such member: %1").arg(id, 0, 16),
                  {}};
        break;
    }
    done(result);
}

void StoreBackend::updateMember(quint64 id, const QStringList &peerUrls, MemberCallback done)
{
    if (m_failure) {
        done({MemberChangeResult::Status::Failed, *m_failure, {}});
        return;
    }
    appended();
    MemberChangeResult result;
    const ClusterMembership::Change change = m_membership.updatePeerUrls(id, peerUrls);
    if (change == ClusterMembership::Change::PeerUrlExists)
        result = {
            MemberChangeResult::Status::Conflict, QStringLiteral("etcdserver: peerURL exists"), {}};
    else if (change != ClusterMembership::Change::Ok)
        result = {MemberChangeResult::Status::NotFound,
                  QStringLiteral("No such member: %1").arg(id, 0, 16),
                  {}};
    done(result);
}

StoreStats StoreBackend::storeStats() const
{
    StoreStats stats = m_store.stats();
    stats.getsSuccess += m_concurrentGets;
    stats.getsFail += m_concurrentGetsFailed;
    return stats;
}

SelfStats StoreBackend::selfStats() const
{
    // MemberStats::self() of a leader without peers: no traffic to report.
    SelfStats s;
    s.name = m_options.name;
    s.id = m_id;
    s.leader = true;
    s.startTimeNs = m_startTimeNs;
    s.leaderId = m_id;
    s.leaderStartTimeNs = m_startTimeNs;
    s.leaderUptimeNs = nowNs() - m_startTimeNs;
    return s;
}

std::optional<LeaderStats> StoreBackend::leaderStats() const
{
    LeaderStats s;
    s.leaderId = m_id;
    return s;
}

} // namespace testsupport
