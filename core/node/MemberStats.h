// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "api/ClusterTypes.h"

#include <QList>

#include <optional>

namespace node {

struct NodeOptions;

class PeerLinks;
class RaftLoop;
class StateMachine;

// etcd's /v2/stats/self and /v2/stats/leader for this member, and the peer
// clock offsets and refused peer connections /metrics shows: read from the
// RaftLoop (leadership, append counters), the PeerLinks (latencies, traffic
// rates, clock offsets, refusals) and the membership. Holds no state of its own but the start time.
// Member's thread.
class MemberStats
{
public:
    MemberStats(const RaftLoop &loop, const PeerLinks &peers, const StateMachine &state,
                const NodeOptions &options, qint64 startTimeNs);

    api::SelfStats self() const;
    // nullopt unless this member leads.
    std::optional<api::LeaderStats> leader() const;
    // The clock offset of every peer measured so far (all members measure).
    QList<api::PeerClock> peerClocks() const;
    // Connections the peer port refused, per reason (empty without a network).
    QList<api::PeerRefusalCount> peerRefusals() const;
    // Leadership, applied index, disk histograms and peer traffic for /metrics; the proposal
    // counts are the ProposalQueue's, which the caller fills in.
    api::ServerMetrics serverMetrics() const;

private:
    const RaftLoop &m_loop;
    const PeerLinks &m_peers;
    const StateMachine &m_state;
    const NodeOptions &m_options;
    const qint64 m_startTimeNs;
};

} // namespace node
