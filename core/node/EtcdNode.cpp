// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "node/EtcdNode.h"

#include "node/Bootstrap.h"
#include "node/ClusterJoin.h"
#include "node/NodeLogging.h"
#include "node/RaftRequest.h"
#include "node/WallClock.h"
#include "raft/Config.h"
#include "raft/RawNode.h"
#include "storage/DataDir.h"
#include "storage/Snapshotter.h"
#include "storage/Wal.h"
#include "transport/PeerNetwork.h"

#include <QRandomGenerator>

namespace node {

Q_LOGGING_CATEGORY(lcNode, "qetcd.node")

EtcdNode::EtcdNode(const NodeOptions &options, QObject *parent)
    : QObject(parent), m_options(options), m_startTimeNs(node::wallClockNs()), m_loop(this),
      m_state(m_loop, m_waiters, this),
      m_proposals(m_loop, m_waiters, m_state.store(), m_options, this),
      m_peers(m_state, m_options, this), m_expiry(m_loop, m_state.store(), m_proposals, this),
      m_changes(m_loop, m_state, m_proposals, m_options, this),
      m_stats(m_loop, m_peers, m_state, m_options, m_startTimeNs)
{
    m_clock.start();
    // Ids are known before start() for new clusters so that callers (and
    // tests of the HTTP contract) see the same ids etcd would compute.
    const node::Bootstrap::Initial initial = node::Bootstrap::initial(m_options);
    m_loop.setId(initial.id);
    m_state.setMembership(initial.membership);
    m_state.setLongSnapshotFrom(m_options.longSnapshotFromBytes);
    m_bootstrapPeers = initial.peers;
    wireParts();
}

EtcdNode::~EtcdNode()
{
    m_peers.stop();
}

void EtcdNode::wireParts()
{
    using namespace node;
    connect(&m_background, &BackgroundSnapshot::finished, this,
            &EtcdNode::onBackgroundSnapshotFinished);
    // The Ready's output, in the order RaftLoop emits it.
    connect(&m_loop, &RaftLoop::leaderChanged, this, &EtcdNode::onLeaderChanged);
    connect(&m_loop, &RaftLoop::committed, &m_state, &StateMachine::apply);
    connect(&m_loop, &RaftLoop::snapshotReceived, &m_state, &StateMachine::install);
    connect(&m_loop, &RaftLoop::snapshotFileReceived, &m_state, &StateMachine::installReceived);
    connect(&m_loop, &RaftLoop::readsConfirmed, this, [this](const QList<raft::ReadState> &states) {
        m_proposals.readsConfirmed(states, m_state.applied());
    });
    connect(&m_loop, &RaftLoop::readyFinished, this, &EtcdNode::onReadyFinished);
    connect(&m_loop, &RaftLoop::ticked, this, &EtcdNode::onTick);
    connect(&m_loop, &RaftLoop::storageFailed, this, [this](const QString &message) {
        // Acknowledging writes that are not on disk would lose them: stop.
        qCCritical(lcNode).noquote() << "storage failure:" << message;
        m_proposals.failAll(message);
        Q_EMIT fatalError(message);
    });
    connect(&m_loop, &RaftLoop::diskFull, &m_proposals, &ProposalQueue::setDiskFull);
    connect(&m_loop, &RaftLoop::diskSpaceAvailable, &m_proposals,
            &ProposalQueue::setDiskSpaceAvailable);

    // What applying did, for the other parts.
    connect(&m_state, &StateMachine::entriesApplied, &m_expiry, &ExpiryProposer::arm);
    connect(&m_state, &StateMachine::snapshotInstalled, &m_expiry, &ExpiryProposer::arm);
    connect(&m_state, &StateMachine::peerAdded, &m_peers, &PeerLinks::add);
    connect(&m_state, &StateMachine::peerUrlsChanged, &m_peers, &PeerLinks::updateUrls);
    connect(&m_state, &StateMachine::peerRemoved, &m_peers, &PeerLinks::removeSoon);
    connect(&m_state, &StateMachine::membershipReplaced, &m_peers, &PeerLinks::reconcile);
    connect(&m_state, &StateMachine::selfRemoved, &m_peers, &PeerLinks::selfRemoved);
    connect(&m_state, &StateMachine::fatalError, this, &EtcdNode::fatalError);
    connect(&m_peers, &PeerLinks::removedFromCluster, this, &EtcdNode::fatalError);
}

qint64 EtcdNode::nowNs() const
{
    return node::wallClockNs();
}

bool EtcdNode::start(QString *error)
{
    if (m_options.joinExisting &&
        !storage::Wal::exists(storage::DataDir(m_options.dataDir, m_options.walDir).walDir())) {
        joinExisting();
        return true;
    }
    return openAndRun(error);
}

bool EtcdNode::openAndRun(QString *error)
{
    bool restarted = false;
    if (!node::Bootstrap::open(m_options, m_loop, m_state, &restarted, error))
        return false;
    if (restarted)
        m_bootstrapPeers.clear();
    return startRaft(error);
}

void EtcdNode::joinExisting()
{
    QStringList candidates;
    for (const auto &entry : m_options.initialCluster) {
        if (!m_options.peerUrls.contains(entry.second))
            candidates << entry.second;
    }
    auto *join =
        new node::ClusterJoin(candidates, m_options.peerUrls, m_peers.transportOptions(), this);
    connect(join, &node::ClusterJoin::failed, this, &EtcdNode::fatalError);
    connect(join, &node::ClusterJoin::joined, this,
            [this](quint64 selfId, const ClusterMembership &membership) {
                m_loop.setId(selfId);
                m_state.setMembership(membership);
                m_bootstrapPeers.clear();
                qCInfo(lcNode, "joining cluster %llx as member %llx", qulonglong(clusterId()),
                       qulonglong(selfId));
                QString error;
                if (!openAndRun(&error))
                    Q_EMIT fatalError(error);
            });
    join->start();
}

bool EtcdNode::startRaft(QString *error)
{
    raft::Config c;
    c.id = m_loop.id();
    c.peers = m_bootstrapPeers;
    c.heartbeatTick = 1;
    c.electionTick = qMax(2, m_options.electionMs / qMax(1, m_options.heartbeatMs));
    c.storage = &m_loop.storage();
    c.applied = m_state.applied();
    c.checkQuorum = true;
    c.preVote = true;
    // A leader that lost its quorum keeps at most this much uncommitted (in
    // its log, its WAL and its memory) until check-quorum deposes it; the
    // rest is refused at once. Far above any healthy backlog (64 connections
    // of --max-request-bytes each is under 100 MiB).
    c.maxUncommittedSize = 256ull * 1024 * 1024;
    c.seed = m_options.seed ? m_options.seed
                            : quint64(m_startTimeNs) ^ QRandomGenerator::system()->generate64();
    if (!m_loop.create(c, error))
        return false;
    if (!m_peers.start(m_loop.id(), clusterId(), error))
        return false;
    m_loop.setMaxSnapshotBytes(m_options.maxSnapshotBytes);
    if (m_peers.network())
        m_loop.setNetwork(m_peers.network());
    m_loop.run(qMax(1, m_options.heartbeatMs));
    m_started = true;
    return true;
}

void EtcdNode::onLeaderChanged(quint64 leaderId, bool wasLeader)
{
    if (m_loop.isLeader()) {
        if (m_peers.network())
            m_peers.network()->resetPeerStats();
    } else if (wasLeader) {
        m_expiry.stop();
    }
    Q_EMIT leaderChanged(leaderId);
    if (leaderId != 0)
        QMetaObject::invokeMethod(
            &m_proposals, [this] { m_proposals.retryUnsent(); }, Qt::QueuedConnection);
}

void EtcdNode::onTick()
{
    m_proposals.onTick();
    m_loop.campaignIfAlone();
    m_changes.promoteCaughtUpLearners();
    publishAttributes();
    m_leaderClock.track(m_peers.network(), m_loop.leaderId(), m_loop.isLeader());
}

void EtcdNode::onReadyFinished()
{
    m_changes.runAfterTermApplied();
    maybeTakeSnapshot();
    publishAttributes();
}

void EtcdNode::maybeTakeSnapshot()
{
    const quint64 applied = m_state.applied();
    if (m_options.snapshotCount == 0 ||
        applied < m_state.snapshotIndex() + m_options.snapshotCount ||
        applied < m_snapshotRetryAt || m_background.running())
        return;
    storage::Snapshotter *snapshotter = m_loop.snapshotter();
    // Only in memory (no data dir), the image is all there is: it stays with the log.
    if (!snapshotter) {
        if (m_loop.saveSnapshot(applied, m_state.image(), snapshotKeep(), m_options.maxWals,
                                m_options.maxSnapshots))
            m_state.setSnapshotIndex(applied);
        return;
    }
    const std::optional<raft::SnapshotMetadata> meta = m_loop.snapshotMetadata(applied);
    if (!meta)
        return;
    const QString path = snapshotter->path(meta->term, meta->index);
    QString error;
    // The state machine is consistent here, between two applied entries: the capture begins
    // now (a moment, whatever the store's size); this member encodes the image from it a piece
    // at a time between its other work, and a thread writes the pieces to the file
    // (BackgroundSnapshot, store::StoreCapture). Before this a child process was forked for
    // large stores: its copy-on-write faults, under the apply lock, paused reads for up to a
    // second at a million keys (bench/README "Scale").
    QElapsedTimer clock;
    clock.start();
    BackgroundSnapshot::Source source = m_state.imageStream();
    m_lastSnapshotPauseNs = clock.nsecsElapsed();
    bool started = false;
    if (!source.next)
        error = tr("the store is being captured already");
    else if (!(started = m_background.stream(*meta, path, std::move(source), &error)))
        m_state.endImageStream();
    if (!started) {
        qCWarning(lcNode).noquote()
            << tr("cannot take a snapshot at index %1: %2").arg(applied).arg(error);
        deferSnapshot();
        return;
    }
    m_backgroundMetadata = *meta;
}

quint64 EtcdNode::snapshotKeep() const
{
    // Keep some entries behind the snapshot so a slightly slow follower
    // catches up from the log instead of needing the whole snapshot.
    return qMin<quint64>(5000, qMax<quint64>(1, m_options.snapshotCount / 2));
}

void EtcdNode::deferSnapshot()
{
    // Not again at once: a full disk, say, would fail every attempt.
    m_snapshotRetryAt = m_state.applied() + qMax<quint64>(1, m_options.snapshotCount / 10);
}

void EtcdNode::onBackgroundSnapshotFinished(bool ok, const QString &error, qint64 bytes,
                                            double seconds)
{
    const raft::SnapshotMetadata meta = m_backgroundMetadata;
    m_state.endImageStream(); // the writer is done with it
    const BackgroundSnapshot::Turns turns = m_background.turns();
    if (!ok) {
        qCWarning(lcNode).noquote()
            << tr("snapshot at index %1 failed: %2").arg(meta.index).arg(error);
        deferSnapshot();
        return;
    }
    qCInfo(lcNode,
           "snapshot at index %llu written in the background (%lld bytes, %.3f s; the member "
           "paused %.3f ms to capture the store, then at most %.3f ms at a time to encode it, "
           "%.3f ms of it on the processor)",
           qulonglong(meta.index), qlonglong(bytes), seconds, double(m_lastSnapshotPauseNs) / 1e6,
           double(turns.longestNs) / 1e6, double(turns.longestCpuNs) / 1e6);
    if (m_loop.snapshotWritten(meta, seconds, snapshotKeep(), m_options.maxWals,
                               m_options.maxSnapshots))
        m_state.setSnapshotIndex(qMax(m_state.snapshotIndex(), meta.index));
    // The next one waits for as many entries as were applied while this one was written, so
    // that a member is snapshotting at most half of the time: encoding takes the member's time
    // and the writer thread its share of the processors, and while a capture lives each node's
    // first change keeps its old fields, so back to back snapshots of a large store would keep
    // that cost for good.
    const quint64 applied = m_state.applied();
    m_snapshotRetryAt = qMax(m_snapshotRetryAt, applied + (applied - qMin(applied, meta.index)));
    maybeTakeSnapshot();
}

void EtcdNode::publishAttributes()
{
    if (m_caughtUp.load(std::memory_order_relaxed) || m_loop.leaderId() == 0)
        return;
    static constexpr qint64 retryMs = 1000;
    const qint64 now = m_clock.elapsed();
    if (m_publishAttemptMs >= 0 && now - m_publishAttemptMs < retryMs)
        return;
    m_publishAttemptMs = now;
    RaftRequest request;
    request.kind = RaftRequest::Kind::Attributes;
    request.memberId = m_loop.id();
    request.name = m_options.name;
    request.clientUrls = m_options.clientUrls;
    m_proposals.propose(request, [this](const store::StoreResult &result) {
        if (!result.error && !m_caughtUp.exchange(true, std::memory_order_release))
            qCInfo(lcNode, "member %llx: caught up with its log; plain reads are local again",
                   qulonglong(m_loop.id()));
    });
}

bool EtcdNode::healthy() const
{
    return m_loop.leaderId() != 0 && m_started && !m_proposals.diskFull();
}

api::RaftPosition EtcdNode::raftPosition() const
{
    api::RaftPosition p;
    p.commitIndex = qMax(m_state.applied(), m_loop.hardState().commit);
    p.term = m_loop.hardState().term;
    return p;
}

store::StoreResult EtcdNode::get(const QString &path, bool recursive, bool sorted)
{
    return m_state.store().get(path, recursive, sorted, m_leaderClock.nowNs());
}

std::optional<api::ConcurrentRead> EtcdNode::readConcurrently(const QString &path, bool recursive,
                                                              bool sorted) const
{
    if (plainReadsNeedConsensus())
        return std::nullopt; // the owner's thread takes it through consensus
    return m_state.readConcurrently(path, recursive, sorted, m_leaderClock);
}

void EtcdNode::quorumGet(const QString &path, bool recursive, bool sorted, ResultCallback done)
{
    m_proposals.readIndex([this, path, recursive, sorted, done](const store::StoreResult &r) {
        if (r.error)
            done(r);
        else
            done(get(path, recursive, sorted));
    });
}

void EtcdNode::propose(const store::Command &command, ResultCallback done)
{
    RaftRequest request;
    request.kind = RaftRequest::Kind::Store;
    request.command = command;
    m_proposals.propose(request, std::move(done));
}

store::WatchResult EtcdNode::watch(const QString &key, bool recursive, bool stream,
                                   quint64 sinceIndex, store::WatchSink sink)
{
    return m_state.store().watch(key, recursive, stream, sinceIndex, std::move(sink));
}

void EtcdNode::cancelWatch(quint64 watcherId)
{
    m_state.store().cancelWatch(watcherId);
}

void EtcdNode::proposeAuth(const auth::AuthCommand &command, AuthCallback done)
{
    m_proposals.proposeAuth(command, std::move(done));
}

void EtcdNode::addMember(const QStringList &peerUrls, MemberCallback done)
{
    m_changes.addMember(peerUrls, std::move(done));
}

void EtcdNode::removeMember(quint64 id, MemberCallback done)
{
    m_changes.removeMember(id, std::move(done));
}

void EtcdNode::updateMember(quint64 id, const QStringList &peerUrls, MemberCallback done)
{
    m_changes.updateMember(id, peerUrls, std::move(done));
}

void EtcdNode::shutdown(std::function<void()> done)
{
    m_changes.handOverLeadership(std::move(done));
}

api::ServerMetrics EtcdNode::serverMetrics() const
{
    api::ServerMetrics m = m_stats.serverMetrics();
    m.pendingProposals = quint64(m_waiters.size()); // unsent proposals have their waiter there too
    m.failedProposals = m_proposals.failedCount();
    return m;
}

} // namespace node
