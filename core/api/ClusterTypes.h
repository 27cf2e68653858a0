// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <prometheus/client_metric.h>

#include <optional>

// Plain values the node hands to the HTTP contract layer: who the members
// are, who leads, and the counters behind /v2/stats. Times are nanoseconds
// since the Unix epoch so that nothing here reads a clock.

namespace api {

struct MemberInfo
{
    quint64 id = 0;
    QString name; // empty until the member has started and published it
    QStringList peerUrls;
    QStringList clientUrls;
};

struct RaftPosition
{
    quint64 commitIndex = 0; // X-Raft-Index
    quint64 term = 0;        // X-Raft-Term
};

struct SelfStats
{
    QString name;
    quint64 id = 0;
    bool leader = false;
    qint64 startTimeNs = 0;
    quint64 leaderId = 0;
    qint64 leaderStartTimeNs = 0;
    qint64 leaderUptimeNs = 0;
    quint64 recvAppendRequestCnt = 0;
    double recvPkgRate = 0;
    double recvBandwidthRate = 0;
    quint64 sendAppendRequestCnt = 0;
    double sendPkgRate = 0;
    double sendBandwidthRate = 0;
};

// A peer's wall clock minus this member's, from ping round trips (transport::ClockOffset).
struct ClockOffsetStats
{
    double offsetSeconds = 0;   // positive: the peer's clock is ahead
    double maxErrorSeconds = 0; // the offset is off by at most this (half a round trip)
};

// One peer's traffic since this member started (etcd_network_peer_* in /metrics).
struct PeerTraffic
{
    quint64 id = 0;
    quint64 sentBytes = 0;
    quint64 receivedBytes = 0;
    quint64 sentFailures = 0;            // messages dropped for it, pings it never answered
    prometheus::ClientMetric roundTrips; // histogram of ping round trips, seconds
};

// What /metrics shows of the member besides its store, under etcd's names: leadership,
// proposals, disk latencies (histograms in etcd's buckets) and peer traffic.
struct ServerMetrics
{
    quint64 leaderChanges = 0;         // times a (new) leader became known
    quint64 heartbeatSendFailures = 0; // heartbeats this leader sent late (RaftLoop)
    quint64 appliedIndex = 0;
    quint64 pendingProposals = 0; // writes and reads waiting to be committed or answered
    quint64 failedProposals = 0;  // answered with an error: timed out, dropped, disk full
    prometheus::ClientMetric walFsyncs;
    prometheus::ClientMetric snapshotSaves;
    QList<PeerTraffic> peers;
};

struct PeerClock
{
    quint64 id = 0;
    ClockOffsetStats clock;
};

// Connections refused on the peer port for one reason (transport::PeerRefusals): the
// reason's label in /metrics and the count since the member started.
struct PeerRefusalCount
{
    QString reason;
    quint64 count = 0;
};

struct FollowerStats
{
    quint64 id = 0;
    double currentMs = 0;
    double averageMs = 0;
    double standardDeviationMs = 0;
    double minimumMs = 0;
    double maximumMs = 0;
    quint64 success = 0;
    quint64 fail = 0;
    std::optional<ClockOffsetStats> clockOffset; // none until a Pong carried the clock
};

struct LeaderStats
{
    quint64 leaderId = 0;
    QList<FollowerStats> followers;
};

// Outcome of a membership change request (/v2/members POST, PUT, DELETE).
struct MemberChangeResult
{
    enum class Status { Ok, Conflict, NotFound, Removed, Unsupported, Failed };
    Status status = Status::Ok;
    QString message;
    MemberInfo member; // the added member for POST
};

} // namespace api
