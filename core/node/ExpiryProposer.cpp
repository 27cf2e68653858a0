// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "node/ExpiryProposer.h"

#include "node/ProposalQueue.h"
#include "node/RaftLoop.h"
#include "node/RaftRequest.h"
#include "node/WallClock.h"
#include "store/Store.h"

namespace node {

ExpiryProposer::ExpiryProposer(const RaftLoop &loop, const store::Store &store,
                               ProposalQueue &proposals, QObject *parent)
    : QObject(parent), m_loop(loop), m_store(store), m_proposals(proposals)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &ExpiryProposer::proposeExpiry);
}

void ExpiryProposer::arm()
{
    if (!m_loop.isLeader()) {
        m_timer.stop();
        return;
    }
    const qint64 next = m_store.nextExpirationNs();
    if (next == 0) {
        m_timer.stop();
        return;
    }
    // Round up to whole milliseconds so the timer never fires before the key is due.
    const qint64 delayNs = next - wallClockNs();
    const qint64 delayMs = delayNs <= 0 ? 0 : (delayNs + 999999) / 1000000;
    m_timer.start(int(qMin<qint64>(delayMs, 24LL * 3600 * 1000)));
}

void ExpiryProposer::proposeExpiry()
{
    if (!m_loop.isLeader())
        return;
    RaftRequest request;
    request.kind = RaftRequest::Kind::Store;
    request.command.op = store::Command::Op::Expire;
    request.command.timeNs = wallClockNs();
    m_proposals.propose(request, {});
    // If this proposal is lost (leadership moves), try again shortly; applying
    // it re-arms the timer for the next key anyway.
    m_timer.start(500);
}

} // namespace node
