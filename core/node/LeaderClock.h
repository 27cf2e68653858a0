// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QtGlobal>

#include <atomic>

namespace transport {
class PeerNetwork;
}

namespace node {

// What a read computes a key's remaining ttl against: the leader's clock,
// whose stamps and expiries TTLs follow. On the leader that is this member's
// wall clock; on a follower it is this member's clock plus the leader's
// offset as the peer transport measures it (0 until measured, or while no
// leader is known), so every member shows the same ttl for a key whatever
// the skew between their clocks.
//
// track() runs on the member's thread (every tick); nowNs() on any thread.
class LeaderClock
{
public:
    qint64 nowNs() const;
    // Copies the leader's measured offset (0 when this member leads or has no leader).
    void track(const transport::PeerNetwork *transport, quint64 leaderId, bool isLeader);

private:
    std::atomic<qint64> m_offsetNs{0};
};

} // namespace node
