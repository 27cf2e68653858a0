// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "api/ApiBackend.h"
#include "auth/AuthStore.h"
#include "node/ClusterMembership.h"
#include "node/NodeOptions.h"
#include "store/Store.h"

#include <functional>
#include <optional>

namespace testsupport {

// The v2 HTTP contract's backend for tests (ApiBackend): a bare Store and
// AuthStore, applied synchronously, answering as a started single member
// (EtcdNode) that leads its one-member cluster would, without Raft, timers or
// I/O, so a contract test is deterministic and fast. What it mirrors of the
// member, part by part:
//   ids, membership  node::Bootstrap::initial over the same NodeOptions (etcd's ids;
//                    name and client URLs known at once, as once published)
//   propose          the command goes through the member's encoding (RaftRequest) and
//                    is restamped with this clock (ProposalStamper), applied at once
//                    and answered before propose() returns (the member answers once
//                    applied, from its event loop: callers must take either)
//   quorumGet        get(): a lone leader is always up to date
//   proposeAuth      AuthCommand's encoding, applied to the AuthStore, answered at once
//   members          applied at once with StateMachine's answers; member ids of added
//                    members as MembershipChanges computes them
//   reads, stats     the Store's, at this clock (LeaderClock on a leader: its own)
// What it leaves out, on purpose: TTL expiry happens only when the clock is
// advanced (advanceClock) or expireDue() is called, never by itself; nothing
// times out; the Raft index and term are counted here (one entry per applied
// request, after the entries a fresh member has: its bootstrap ConfChange, its
// leader's empty entry and its attributes), not read from a Raft log.
// failProposals() makes writes, quorum reads and auth and member changes fail
// as the member's ProposalQueue fails them on timeout.
//
// Not thread-safe: every call, readConcurrently() included, on the test's thread.
class StoreBackend : public api::ApiBackend
{
public:
    // The options a member would be started with: only the identity and URL
    // fields (name, peer and client URLs, initial cluster, token) matter.
    explicit StoreBackend(node::NodeOptions options = {});

    // The clock: the wall clock (as the member's) until setClock(); then a
    // fixed reading that only advanceClock() moves.
    void setClock(qint64 nowNs) { m_fixedNowNs = nowNs; }
    // Moves the fixed clock on and expires what is due by then, as the
    // leader's expiry timer would have.
    void advanceClock(qint64 ns);
    // Expires every key due at nowNs() (one Expire command, as ExpiryProposer
    // proposes it); false when nothing was due.
    bool expireDue();

    // From now on (until called with nullopt) requests that go through
    // consensus fail, with `cause` (e.g. "etcdserver: request timed out").
    void failProposals(std::optional<QString> cause) { m_failure = std::move(cause); }

    const store::Store &store() const { return m_store; }
    // Replaces the store with a snapshot as a follower installing one does (Store::recover):
    // the watchers get what they missed, or 401.
    bool installSnapshot(QByteArrayView image) { return m_store.recover(image); }
    // The number of proposals applied (store, auth and member changes).
    quint64 proposalsApplied() const { return m_proposals; }

    // KeysBackend
    qint64 nowNs() const override;
    store::StoreResult get(const QString &path, bool recursive, bool sorted) override;
    std::optional<api::ConcurrentRead> readConcurrently(const QString &path, bool recursive,
                                                        bool sorted) const override;
    void quorumGet(const QString &path, bool recursive, bool sorted, ResultCallback done) override;
    void propose(const store::Command &command, ResultCallback done) override;
    store::WatchResult watch(const QString &key, bool recursive, bool stream, quint64 sinceIndex,
                             store::WatchSink sink) override;
    void cancelWatch(quint64 watcherId) override;
    // ClusterBackend
    quint64 clusterId() const override { return m_membership.clusterId(); }
    quint64 memberId() const override { return m_id; }
    quint64 leaderId() const override { return m_id; }
    api::RaftPosition raftPosition() const override { return m_raft; }
    QList<api::MemberInfo> members() const override { return m_membership.members(); }
    bool healthy() const override { return true; }
    void addMember(const QStringList &peerUrls, MemberCallback done) override;
    void removeMember(quint64 id, MemberCallback done) override;
    void updateMember(quint64 id, const QStringList &peerUrls, MemberCallback done) override;
    // AuthBackend
    const auth::AuthStore &auth() const override { return m_auth; }
    void proposeAuth(const auth::AuthCommand &command, AuthCallback done) override;
    // StatsBackend
    store::StoreStats storeStats() const override;
    api::SelfStats selfStats() const override;
    std::optional<api::LeaderStats> leaderStats() const override;

private:
    store::StoreResult failure() const;
    // One more entry in the (counted) Raft log.
    void appended();

    node::NodeOptions m_options;
    quint64 m_id = 0;
    node::ClusterMembership m_membership;
    store::Store m_store;
    auth::AuthStore m_auth;
    api::RaftPosition m_raft;
    quint64 m_proposals = 0;
    qint64 m_startTimeNs = 0;
    std::optional<qint64> m_fixedNowNs;
    std::optional<QString> m_failure;
    mutable quint64 m_concurrentGets = 0;
    mutable quint64 m_concurrentGetsFailed = 0;
};

} // namespace testsupport
