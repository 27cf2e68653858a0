// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "node/ProposalQueue.h"

#include "auth/AuthCommand.h"
#include "node/NodeLogging.h"
#include "node/NodeOptions.h"
#include "node/ProposalStamper.h"
#include "node/RaftLoop.h"
#include "node/RaftRequest.h"
#include "node/WallClock.h"
#include "raft/ConfChange.h"
#include "raft/RawNode.h"
#include "store/Store.h"

#include <QTimer>

#include <cstring>
#include <limits>

namespace node {

namespace {

const QString kTimedOut = QStringLiteral("etcdserver: request timed out");
// etcd's cause for a proposal its Raft refuses to take (error 300).
const QString kProposalDropped = QStringLiteral("raft proposal dropped");
// The cause of error 300 while the disk is full: Go's text for ENOSPC, which etcd's v2 API
// would put there (writeKeyError wraps any other error as 300 with err.Error()).
const QString kNoSpace = QStringLiteral("no space left on device");

// Raft could not take it now but may once a leader is known: it waits in the unsent queue.
bool waitsForLeader(raft::ProposeResult r)
{
    return r == raft::ProposeResult::NoLeader || r == raft::ProposeResult::TransferInProgress;
}

// Refused for good (not taken, and no leader would change that).
bool isRefused(raft::ProposeResult r)
{
    return r != raft::ProposeResult::Ok && !waitsForLeader(r);
}

} // namespace

ProposalQueue::ProposalQueue(RaftLoop &loop, PendingRequests &waiters, const store::Store &store,
                             const NodeOptions &options, QObject *parent)
    : QObject(parent), m_loop(loop), m_store(store), m_options(options), m_pending(waiters)
{
    m_clock.start();
    m_requestCounter = quint64(wallClockNs() / 1000000) << 8;
}

quint64 ProposalQueue::nextRequestId()
{
    const quint64 high = (m_loop.id() >> 40) << 40;
    return high | ((++m_requestCounter) & ((quint64(1) << 40) - 1));
}

void ProposalQueue::propose(RaftRequest &request, ResultCallback done)
{
    proposeRequest(request, std::move(done));
}

void ProposalQueue::proposeAuth(const auth::AuthCommand &command, AuthCallback done)
{
    RaftRequest request;
    request.kind = RaftRequest::Kind::Auth;
    request.auth = command.encode();
    request.id = nextRequestId();
    // The waiter is in place before the proposal: it is what keeps the
    // change sendable (clientWaiting) while no leader is known.
    const quint64 requestId = request.id;
    m_pending.addAuth(requestId, std::move(done));
    QTimer::singleShot(m_options.proposalTimeoutMs, this, [this, requestId] {
        if (auto late = m_pending.takeAuth(requestId)) {
            ++m_failedProposals;
            late(auth::AuthResult::failure(auth::AuthResult::Status::NotApplied, kTimedOut));
        }
    });
    proposeRequest(request, {}, Unsent::Waiter::Auth);
}

void ProposalQueue::proposeMemberRequest(RaftRequest &request, MemberCallback done)
{
    request.id = nextRequestId();
    waitForMemberChange(request.id, std::move(done));
    proposeRequest(request, {}, Unsent::Waiter::Member);
}

void ProposalQueue::waitForMemberChange(quint64 requestId, MemberCallback done)
{
    m_pending.addMember(requestId, std::move(done));
    QTimer::singleShot(m_options.proposalTimeoutMs, this, [this, requestId] {
        if (auto late = m_pending.takeMember(requestId)) {
            ++m_failedProposals;
            late({api::MemberChangeResult::Status::Failed, kTimedOut, {}});
        }
    });
}

void ProposalQueue::proposeConfChange(quint64 requestId, const raft::ConfChange &cc)
{
    // A removal waiting for a leadership transfer may come here after its
    // client was answered: then it is never proposed (sendOrQueue checks).
    const raft::ProposeResult r =
        sendOrQueue({cc.encode(), Unsent::Kind::ConfChange, Unsent::Waiter::Member, requestId, 0});
    if (isRefused(r)) {
        if (auto refused = m_pending.takeMember(requestId))
            refused({api::MemberChangeResult::Status::Failed,
                     r == raft::ProposeResult::ConfChangePending
                         ? QStringLiteral("etcdserver: another membership change is in progress")
                         : QStringLiteral("etcdserver: membership change refused"),
                     {}});
    }
    m_loop.scheduleReady();
}

void ProposalQueue::readIndex(ResultCallback whenApplied)
{
    QByteArray context(8, Qt::Uninitialized);
    const quint64 id = nextRequestId();
    memcpy(context.data(), &id, 8);
    m_pending.addRead(context, monotonicMs() + m_options.proposalTimeoutMs, std::move(whenApplied));
    sendOrQueue({context, Unsent::Kind::Read, Unsent::Waiter::Read, 0, 0});
    m_loop.scheduleReady();
}

void ProposalQueue::readsConfirmed(const QList<raft::ReadState> &states, quint64 applied)
{
    for (const raft::ReadState &rs : states)
        m_pending.readIndexConfirmed(rs.context, rs.index);
    for (const PendingRequests::Callback &read : m_pending.readyReads(applied))
        read(store::StoreResult{});
}

void ProposalQueue::onTick()
{
    for (const PendingRequests::Callback &late : m_pending.expire(monotonicMs()))
        late(failedResult(kTimedOut));
    retryUnsent();
}

void ProposalQueue::setDiskFull(const QString &message)
{
    qCWarning(lcNode).noquote() << "disk full, refusing writes until space is freed:" << message;
    m_diskFull = true;
    failAll(kNoSpace);
    for (const Unsent &u : std::exchange(m_unsent, {}))
        answerUnsent(u, kNoSpace);
}

void ProposalQueue::setDiskSpaceAvailable()
{
    m_diskFull = false;
    qCInfo(lcNode, "disk space available again: accepting writes");
}

void ProposalQueue::failAll(const QString &cause)
{
    for (const PendingRequests::Callback &waiter :
         m_pending.expire(std::numeric_limits<qint64>::max()))
        waiter(failedResult(cause));
}

void ProposalQueue::retryUnsent()
{
    dropExpiredUnsent();
    if (m_unsent.isEmpty() || m_loop.leaderId() == 0 || !m_loop.raft())
        return;
    const QList<Unsent> waiting = std::exchange(m_unsent, {});
    for (const Unsent &u : waiting) {
        const raft::ProposeResult r = sendOrQueue(u); // keeps u's deadline when queued again
        if (isRefused(r))
            answerUnsent(u, kProposalDropped);
    }
}

void ProposalQueue::dropExpiredUnsent()
{
    if (m_unsent.isEmpty())
        return;
    const qint64 now = monotonicMs();
    QList<Unsent> keep, late;
    for (Unsent &u : m_unsent) {
        // A client already answered (its own timer may fire a moment before
        // this deadline) must never see its request proposed afterwards.
        if (u.deadlineMs <= now || !clientWaiting(u))
            late.append(std::move(u));
        else
            keep.append(std::move(u));
    }
    m_unsent = std::move(keep);
    if (m_unsent.size() < kMaxUnsent)
        m_unsentFull = false;
    for (const Unsent &u : std::as_const(late))
        answerUnsent(u, kTimedOut);
}

raft::ProposeResult ProposalQueue::sendOrQueue(Unsent u)
{
    if (!clientWaiting(u))
        return raft::ProposeResult::Ok; // answered already: it must never be sent now
    if (m_diskFull) {
        // Nothing could be persisted: answered now (from the event loop), never queued.
        answerUnsentLater(u, kNoSpace);
        return raft::ProposeResult::Ok;
    }
    raft::ProposeResult r = raft::ProposeResult::NoLeader;
    if (raft::RawNode *raft = m_loop.raft()) {
        switch (u.kind) {
        case Unsent::Kind::Read:
            r = raft->readIndex(u.data);
            break;
        case Unsent::Kind::ConfChange:
            r = raft->proposeConfChange(*raft::ConfChange::decode(u.data));
            break;
        case Unsent::Kind::Propose:
            r = raft->propose(ProposalStamper::stamp(u.data, wallClockNs()));
            break;
        }
    }
    if (waitsForLeader(r))
        queueUnsent(std::move(u));
    return r;
}

void ProposalQueue::queueUnsent(Unsent u)
{
    if (m_unsent.size() >= kMaxUnsent) {
        if (!m_unsentFull)
            qCWarning(lcNode, "refusing requests: %d are waiting for a leader already", kMaxUnsent);
        m_unsentFull = true;
        answerUnsentLater(u, kProposalDropped);
        return;
    }
    if (u.deadlineMs == 0)
        u.deadlineMs = monotonicMs() + m_options.proposalTimeoutMs;
    m_unsent.append(std::move(u));
}

bool ProposalQueue::clientWaiting(const Unsent &u) const
{
    switch (u.waiter) {
    case Unsent::Waiter::None:
        return true;
    case Unsent::Waiter::Write:
        return m_pending.hasWrite(u.requestId);
    case Unsent::Waiter::Read:
        return m_pending.hasRead(u.data);
    case Unsent::Waiter::Auth:
        return m_pending.hasAuth(u.requestId);
    case Unsent::Waiter::Member:
        return m_pending.hasMember(u.requestId);
    }
    return false;
}

store::StoreResult ProposalQueue::failedResult(const QString &cause)
{
    ++m_failedProposals;
    store::StoreResult r;
    r.error = store::EtcdError::make(store::ErrorCode::RaftInternal, cause, m_store.index());
    return r;
}

void ProposalQueue::answerUnsent(const Unsent &u, const QString &cause)
{
    switch (u.waiter) {
    case Unsent::Waiter::None:
        break;
    case Unsent::Waiter::Write:
        if (auto done = m_pending.takeWrite(u.requestId))
            done(failedResult(cause));
        break;
    case Unsent::Waiter::Read:
        if (auto done = m_pending.takeRead(u.data))
            done(failedResult(cause));
        break;
    case Unsent::Waiter::Auth:
        if (auto done = m_pending.takeAuth(u.requestId)) {
            ++m_failedProposals;
            done(auth::AuthResult::failure(auth::AuthResult::Status::NotApplied, cause));
        }
        break;
    case Unsent::Waiter::Member:
        if (auto done = m_pending.takeMember(u.requestId)) {
            ++m_failedProposals;
            done({api::MemberChangeResult::Status::Failed, cause, {}});
        }
        break;
    }
}

void ProposalQueue::answerUnsentLater(const Unsent &u, const QString &cause)
{
    if (u.waiter == Unsent::Waiter::None)
        return;
    QMetaObject::invokeMethod(
        this, [this, u, cause] { answerUnsent(u, cause); }, Qt::QueuedConnection);
}

void ProposalQueue::proposeRequest(RaftRequest &request, ResultCallback done, Unsent::Waiter waiter)
{
    if (request.id == 0)
        request.id = nextRequestId();
    const Unsent u{request.encode(), Unsent::Kind::Propose, done ? Unsent::Waiter::Write : waiter,
                   request.id, 0};
    if (done)
        m_pending.addWrite(request.id, monotonicMs() + m_options.proposalTimeoutMs,
                           std::move(done));
    const raft::ProposeResult r = sendOrQueue(u);
    if (r == raft::ProposeResult::Ok && m_refusingUncommitted) {
        m_refusingUncommitted = false;
        qCInfo(lcNode, "accepting writes again");
    }
    if (r == raft::ProposeResult::TooMuchUncommitted) {
        if (!m_refusingUncommitted)
            qCWarning(lcNode, "refusing writes: too much is uncommitted (no quorum?)");
        m_refusingUncommitted = true;
        // etcd's answer to a proposal its Raft drops (error 300); from the
        // event loop, not from inside the caller's request handling.
        answerUnsentLater(u, kProposalDropped);
    } else if (isRefused(r)) {
        qCWarning(lcNode) << "proposal refused:" << int(r);
    }
    m_loop.scheduleReady();
}

} // namespace node
