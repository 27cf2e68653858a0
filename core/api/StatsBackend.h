// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "api/ClusterTypes.h"
#include "store/StoreStats.h"

#include <QList>

#include <optional>

namespace api {

// What /v2/stats and /metrics need from the member they run on. Owner's thread.
class StatsBackend
{
public:
    virtual ~StatsBackend() = default;

    virtual store::StoreStats storeStats() const = 0;
    virtual SelfStats selfStats() const = 0;
    virtual std::optional<LeaderStats> leaderStats() const = 0; // nullopt unless leader
    // The clock offset of every peer measured so far (all members measure, not only the
    // leader); for /metrics.
    virtual QList<PeerClock> peerClocks() const { return {}; }
    // Connections refused on the peer port, one entry per reason (empty without a peer
    // network); for /metrics.
    virtual QList<PeerRefusalCount> peerRefusals() const { return {}; }
    // Leadership, proposals, disk and peer figures for /metrics (zeros without a member).
    virtual ServerMetrics serverMetrics() const { return {}; }
};

} // namespace api
