// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "api/ApiBackend.h"
#include "node/BackgroundSnapshot.h"
#include "node/ExpiryProposer.h"
#include "node/LeaderClock.h"
#include "node/MemberStats.h"
#include "node/MembershipChanges.h"
#include "node/NodeOptions.h"
#include "node/PeerLinks.h"
#include "node/ProposalQueue.h"
#include "node/RaftLoop.h"
#include "node/StateMachine.h"

#include <QElapsedTimer>
#include <QObject>

#include <atomic>
#include <functional>
#include <limits>

namespace node {

// One member of a cluster: the façade the v2 API (ApiBackend) and the daemon
// see, and the wiring of the parts that do the work, one job each:
//   node::Bootstrap / ClusterJoin   where the member starts from (data dir, or an existing cluster)
//   node::RaftLoop                  ticks the Raft core and handles each Ready (persist, send)
//   node::StateMachine              applies committed entries and snapshots (store, auth, members)
//   node::ProposalQueue             takes requests to Raft, answers each client once
//   node::ExpiryProposer            the leader's TTL expiry, as replicated commands
//   node::MembershipChanges         member add/remove/update and leadership transfer
//   node::PeerLinks                 the peer transport, kept in step with the membership
//   node::MemberStats, LeaderClock  etcd's stats; the leader's clock for ttls
// This class itself only routes: Ready output to the state machine and the
// proposal queue, applied membership changes to the peer links, ticks to
// whoever needs them, and takes a snapshot every `snapshotCount` entries.
//
// Lives on the server thread and owns every part; not thread-safe, but for
// readConcurrently(), which any thread may call (StateMachine's read lock).
class EtcdNode : public QObject, public api::ApiBackend
{
    Q_OBJECT
public:
    explicit EtcdNode(const NodeOptions &options, QObject *parent = nullptr);
    ~EtcdNode() override;

    // Loads or bootstraps the member and starts ticking. Joining an existing
    // cluster finishes asynchronously (fatalError() if it cannot).
    bool start(QString *error);
    // Graceful stop: a leader hands leadership to a follower first (bounded
    // wait), then `done` runs; writes still in flight are answered first.
    void shutdown(std::function<void()> done);

    // KeysBackend
    qint64 nowNs() const override;
    store::StoreResult get(const QString &path, bool recursive, bool sorted) override;
    std::optional<api::ConcurrentRead> readConcurrently(const QString &path, bool recursive,
                                                        bool sorted) const override;
    void quorumGet(const QString &path, bool recursive, bool sorted, ResultCallback done) override;
    bool plainReadsNeedConsensus() const override
    {
        return !m_caughtUp.load(std::memory_order_acquire);
    }
    void propose(const store::Command &command, ResultCallback done) override;
    store::WatchResult watch(const QString &key, bool recursive, bool stream, quint64 sinceIndex,
                             store::WatchSink sink) override;
    void cancelWatch(quint64 watcherId) override;
    // ClusterBackend
    quint64 clusterId() const override { return m_state.membership().clusterId(); }
    quint64 memberId() const override { return m_loop.id(); }
    quint64 leaderId() const override { return m_loop.leaderId(); }
    api::RaftPosition raftPosition() const override;
    QList<api::MemberInfo> members() const override { return m_state.membership().members(); }
    bool healthy() const override;
    void addMember(const QStringList &peerUrls, MemberCallback done) override;
    void removeMember(quint64 id, MemberCallback done) override;
    void updateMember(quint64 id, const QStringList &peerUrls, MemberCallback done) override;
    // AuthBackend
    const auth::AuthStore &auth() const override { return m_state.auth(); }
    void proposeAuth(const auth::AuthCommand &command, AuthCallback done) override;
    // StatsBackend
    store::StoreStats storeStats() const override { return m_state.storeStats(); }
    api::SelfStats selfStats() const override { return m_stats.self(); }
    std::optional<api::LeaderStats> leaderStats() const override { return m_stats.leader(); }
    QList<api::PeerClock> peerClocks() const override { return m_stats.peerClocks(); }
    QList<api::PeerRefusalCount> peerRefusals() const override { return m_stats.peerRefusals(); }
    api::ServerMetrics serverMetrics() const override;

    const store::Store &store() const { return m_state.store(); }
    QList<quint16> peerPorts() const { return m_peers.ports(); }
    bool isLeader() const { return m_loop.isLeader(); }
    // The index of the newest snapshot this member took or installed (tests).
    quint64 snapshotIndex() const { return m_state.snapshotIndex(); }
    // Proposals, reads and membership changes waiting for a leader (tests).
    int unsentCount() const { return m_proposals.unsentCount(); }
    static constexpr int kMaxUnsent = node::ProposalQueue::kMaxUnsent;

Q_SIGNALS:
    // The member cannot go on (disk failure, removed from the cluster, join failed).
    void fatalError(const QString &message);
    void leaderChanged(quint64 leaderId);

private:
    void wireParts();
    void joinExisting();
    bool openAndRun(QString *error);
    bool startRaft(QString *error);
    void onLeaderChanged(quint64 leaderId, bool wasLeader);
    void onTick();
    void onReadyFinished();
    void maybeTakeSnapshot();
    quint64 snapshotKeep() const; // log entries kept behind a snapshot
    void deferSnapshot();         // after a failed snapshot: wait before the next
    void onBackgroundSnapshotFinished(bool ok, const QString &error, qint64 bytes, double seconds);
    // Like etcd, a member publishes its name and client URLs through the log at every start,
    // so every member lists them; retried every second until applied, and a no-op once applied
    // or while no leader is known (so callers need not check). Applied, it sets m_caughtUp.
    void publishAttributes();

    NodeOptions m_options;
    const qint64 m_startTimeNs;
    QList<quint64> m_bootstrapPeers;
    node::RaftLoop m_loop;
    PendingRequests m_waiters;
    node::StateMachine m_state;
    node::ProposalQueue m_proposals;
    node::PeerLinks m_peers;
    node::ExpiryProposer m_expiry;
    node::MembershipChanges m_changes;
    node::MemberStats m_stats;
    node::LeaderClock m_leaderClock;
    node::BackgroundSnapshot m_background;
    raft::SnapshotMetadata m_backgroundMetadata; // what m_background is writing
    qint64 m_lastSnapshotPauseNs = 0; // the member's part of it: beginning the store's capture
    quint64 m_snapshotRetryAt = 0;    // applied index before which a failed one waits
    QElapsedTimer m_clock;
    qint64 m_publishAttemptMs = -1;
    // This start's attributes are applied, so is every entry committed before it: all the
    // writes the member acknowledged before it (re)started, which a restarted member's log
    // holds but re-applies only as they are committed again (its commit index on disk can lag
    // the last acknowledged write: RaftLoop syncs no commit-only Ready). Until then plain
    // reads go through consensus (etcd serves no client before its publish, ReadyNotify).
    // Set on this thread, read by client threads (readConcurrently).
    std::atomic<bool> m_caughtUp{false};
    bool m_started = false;
};

} // namespace node
