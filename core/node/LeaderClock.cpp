// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "node/LeaderClock.h"

#include "node/WallClock.h"
#include "transport/PeerNetwork.h"

#include <QtNumeric>

#include <limits>

namespace node {

qint64 LeaderClock::nowNs() const
{
    // The offset comes from a peer's answers: saturate rather than overflow.
    const qint64 offset = m_offsetNs.load(std::memory_order_relaxed);
    qint64 now = 0;
    if (qAddOverflow(wallClockNs(), offset, &now))
        return offset > 0 ? std::numeric_limits<qint64>::max() : std::numeric_limits<qint64>::min();
    return now;
}

void LeaderClock::track(const transport::PeerNetwork *transport, quint64 leaderId, bool isLeader)
{
    qint64 offset = 0;
    if (transport && leaderId != 0 && !isLeader) {
        const transport::PeerStats leader = transport->stats(leaderId);
        if (leader.clockOffsetKnown)
            offset = leader.clockOffsetNs;
    }
    m_offsetNs.store(offset, std::memory_order_relaxed);
}

} // namespace node
