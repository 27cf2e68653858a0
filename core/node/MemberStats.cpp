// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "node/MemberStats.h"

#include "node/NodeOptions.h"
#include "node/PeerLinks.h"
#include "node/RaftLoop.h"
#include "node/StateMachine.h"
#include "node/WallClock.h"
#include "transport/PeerNetwork.h"

namespace node {

namespace {

std::optional<api::ClockOffsetStats> clockOffsetOf(const transport::PeerStats &p)
{
    if (!p.clockOffsetKnown)
        return std::nullopt;
    return api::ClockOffsetStats{double(p.clockOffsetNs) / 1e9, double(p.clockOffsetErrorNs) / 1e9};
}

} // namespace

MemberStats::MemberStats(const RaftLoop &loop, const PeerLinks &peers, const StateMachine &state,
                         const NodeOptions &options, qint64 startTimeNs)
    : m_loop(loop), m_peers(peers), m_state(state), m_options(options), m_startTimeNs(startTimeNs)
{
}

api::SelfStats MemberStats::self() const
{
    api::SelfStats s;
    s.name = m_options.name;
    s.id = m_loop.id();
    s.leader = m_loop.isLeader();
    s.startTimeNs = m_startTimeNs;
    s.leaderId = m_loop.leaderId();
    s.leaderStartTimeNs = m_loop.leaderSinceNs();
    s.leaderUptimeNs = m_loop.leaderId() ? wallClockNs() - m_loop.leaderSinceNs() : 0;
    s.recvAppendRequestCnt = m_loop.recvAppends();
    s.sendAppendRequestCnt = m_loop.sendAppends();
    if (const transport::PeerNetwork *transport = m_peers.network()) {
        const transport::TrafficStats t = transport->trafficStats();
        // etcd reports receive rates on followers and send rates on the leader.
        if (m_loop.isLeader()) {
            s.sendPkgRate = t.sendMessageRate;
            s.sendBandwidthRate = t.sendByteRate;
        } else {
            s.recvPkgRate = t.receiveMessageRate;
            s.recvBandwidthRate = t.receiveByteRate;
        }
    }
    return s;
}

std::optional<api::LeaderStats> MemberStats::leader() const
{
    if (!m_loop.isLeader())
        return std::nullopt;
    api::LeaderStats s;
    s.leaderId = m_loop.id();
    const transport::PeerNetwork *transport = m_peers.network();
    if (!transport)
        return s;
    for (const api::MemberInfo &m : m_state.membership().members()) {
        if (m.id == m_loop.id())
            continue;
        const transport::PeerStats p = transport->stats(m.id);
        api::FollowerStats f;
        f.id = m.id;
        f.currentMs = p.currentMs;
        f.averageMs = p.averageMs;
        f.standardDeviationMs = p.standardDeviationMs;
        f.minimumMs = p.minimumMs;
        f.maximumMs = p.maximumMs;
        f.success = p.success;
        f.fail = p.fail;
        f.clockOffset = clockOffsetOf(p);
        s.followers.append(f);
    }
    return s;
}

api::ServerMetrics MemberStats::serverMetrics() const
{
    api::ServerMetrics m;
    m.leaderChanges = m_loop.leaderChanges();
    m.heartbeatSendFailures = m_loop.lateHeartbeats();
    m.appliedIndex = m_state.applied();
    m.walFsyncs = m_loop.walFsyncDurations();
    m.snapshotSaves = m_loop.snapshotSaveDurations();
    const transport::PeerNetwork *transport = m_peers.network();
    if (!transport)
        return m;
    for (const api::MemberInfo &member : m_state.membership().members()) {
        if (member.id == m_loop.id())
            continue;
        const transport::PeerStats p = transport->stats(member.id);
        m.peers.append({member.id, p.sentBytes, p.receivedBytes, p.fail, p.roundTrips});
    }
    return m;
}

QList<api::PeerClock> MemberStats::peerClocks() const
{
    QList<api::PeerClock> clocks;
    const transport::PeerNetwork *transport = m_peers.network();
    if (!transport)
        return clocks;
    for (const api::MemberInfo &m : m_state.membership().members()) {
        if (m.id == m_loop.id())
            continue;
        if (const std::optional<api::ClockOffsetStats> c = clockOffsetOf(transport->stats(m.id)))
            clocks.append({m.id, *c});
    }
    return clocks;
}

QList<api::PeerRefusalCount> MemberStats::peerRefusals() const
{
    QList<api::PeerRefusalCount> counts;
    const transport::PeerNetwork *transport = m_peers.network();
    if (!transport)
        return counts;
    const transport::PeerRefusals refusals = transport->refusals();
    for (int i = 0; i < transport::kRefusalReasonCount; ++i) {
        const auto reason = transport::RefusalReason(i);
        counts.append({QString::fromLatin1(transport::label(reason)), refusals.count(reason)});
    }
    return counts;
}

} // namespace node
