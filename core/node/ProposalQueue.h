// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "node/PendingRequests.h"
#include "raft/ProposeResult.h"
#include "raft/ReadState.h"

#include <QElapsedTimer>
#include <QObject>

namespace auth {
class AuthCommand;
} // namespace auth
namespace store {
class Store;
} // namespace store
namespace raft {
struct ConfChange;
}

namespace node {

struct NodeOptions;
struct RaftRequest;

class RaftLoop;

// Hands every request that must pass through consensus (writes, linearizable
// reads, auth and membership changes) to Raft and answers its client exactly
// once: when applied (by the StateMachine, through the waiters), or with etcd's
// error when it times out, is refused, or the disk is full.
//
// Raft forwards proposals to the leader, so any member takes writes. Whatever
// finds no leader waits here only as long as its client does, in a bounded
// queue (kMaxUnsent), and is never sent after that client was answered: it is
// sent when a leader appears (retryUnsent), dropped at its deadline. Own
// proposals take this member's clock as they enter Raft (ProposalStamper).
//
// Owns the unsent queue; shares the waiters (PendingRequests) with the
// StateMachine, which answers what is applied; uses the RaftLoop's core and
// the Store's index (for the index of an error). One thread.
class ProposalQueue : public QObject
{
    Q_OBJECT
public:
    using ResultCallback = PendingRequests::Callback;
    using AuthCallback = PendingRequests::AuthCallback;
    using MemberCallback = PendingRequests::MemberCallback;

    ProposalQueue(RaftLoop &loop, PendingRequests &waiters, const store::Store &store,
                  const NodeOptions &options, QObject *parent = nullptr);

    // Bound of the unsent queue: about a minute of a busy member's writes,
    // each held at most for the proposal timeout.
    static constexpr int kMaxUnsent = 10000;

    // Unique across members (the member id's high bits) and restarts (the
    // start time in the low bits).
    quint64 nextRequestId();

    // A replicated request; `done` (if any) is answered once it is applied.
    void propose(RaftRequest &request, ResultCallback done);
    void proposeAuth(const auth::AuthCommand &command, AuthCallback done);
    // A request that changes peer URLs: answered by the applier through the member waiter.
    void proposeMemberRequest(RaftRequest &request, MemberCallback done);
    // Registers `done` for a membership change `requestId`, timed out after the proposal timeout.
    void waitForMemberChange(quint64 requestId, MemberCallback done);
    // Proposes a ConfChange for the member waiter `requestId` (refused: answered at once).
    void proposeConfChange(quint64 requestId, const raft::ConfChange &cc);
    // A linearizable read: `whenApplied` runs once the read index is applied
    // (with an empty result) or with the error that ends it.
    void readIndex(ResultCallback whenApplied);
    // Read states of a finished Ready, and reads whose index is now applied.
    void readsConfirmed(const QList<raft::ReadState> &states, quint64 applied);

    // Every tick: times out late waiters, sends what waits for a leader.
    void onTick();
    void retryUnsent();
    // The WAL writer found the disk full: until setDiskSpaceAvailable(), writes
    // and quorum reads are refused at once (error 300, "no space left on device")
    // and those waiting are answered so. Plain reads and watches go on.
    void setDiskFull(const QString &message);
    void setDiskSpaceAvailable();
    bool diskFull() const { return m_diskFull; }
    // Answers every waiting write and read with error 300 and `cause`.
    void failAll(const QString &cause);
    // Requests waiting for a leader (tests).
    int unsentCount() const { return int(m_unsent.size()); }
    // Proposals and reads answered with an error (timed out, dropped, disk full) since start:
    // etcd_server_proposals_failed_total.
    quint64 failedCount() const { return m_failedProposals; }

private:
    // Error 300 with this cause, counted as a failed proposal.
    store::StoreResult failedResult(const QString &cause);
    // A proposal, linearizable read or membership change that found no
    // leader. It is sent when one appears, but only while its client still
    // waits: at `deadlineMs` (the client's own timeout) it is dropped and the
    // client answered, so nothing is ever proposed after its client was told
    // the request timed out. At most kMaxUnsent wait; more are refused at once.
    struct Unsent
    {
        enum class Kind { Propose, Read, ConfChange };
        // Who waits for it: the key into the waiters.
        enum class Waiter { None, Write, Read, Auth, Member };
        QByteArray data; // Read: the read context, also the waiter's key
        Kind kind = Kind::Propose;
        Waiter waiter = Waiter::None;
        quint64 requestId = 0; // Write, Auth, Member
        qint64 deadlineMs = 0;
    };
    qint64 monotonicMs() const { return m_clock.elapsed(); }
    // Assigns request.id unless set; `waiter` says who waits for it when no
    // callback is given (auth and peer-URL changes keep their own waiters).
    void proposeRequest(RaftRequest &request, ResultCallback done,
                        Unsent::Waiter waiter = Unsent::Waiter::None);
    // Sends one item to Raft, queues it when there is no leader, or does
    // nothing (Ok) when its client was answered already.
    raft::ProposeResult sendOrQueue(Unsent u);
    // Queues `u` with the proposal timeout as its deadline, or refuses it
    // ("raft proposal dropped") when kMaxUnsent are waiting already.
    void queueUnsent(Unsent u);
    bool clientWaiting(const Unsent &u) const;
    // Answers u's client, if it still waits, with error `cause`.
    void answerUnsent(const Unsent &u, const QString &cause);
    // Same, from the event loop: never inside the caller's request handling.
    void answerUnsentLater(const Unsent &u, const QString &cause);
    void dropExpiredUnsent();

    RaftLoop &m_loop;
    const store::Store &m_store;
    const NodeOptions &m_options;
    QElapsedTimer m_clock;
    quint64 m_requestCounter = 0;
    PendingRequests &m_pending;
    quint64 m_failedProposals = 0;
    QList<Unsent> m_unsent;
    bool m_unsentFull = false;          // logged once per stretch of refusals
    bool m_refusingUncommitted = false; // logged once per stretch of refusals
    bool m_diskFull = false;
};

} // namespace node
