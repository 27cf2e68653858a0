// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "raft/ConfState.h"
#include "raft/HardState.h"
#include "raft/Progress.h"
#include "raft/SoftState.h"

#include <QMap>

namespace raft {

// Replication state of one member as the leader sees it (/v2/stats/leader).
struct FollowerStatus
{
    quint64 match = 0;
    quint64 next = 0;
    ProgressState state = ProgressState::Probe;
    bool isLearner = false;
    bool recentActive = false;
    int inflight = 0;
};

// Snapshot of a member's Raft state for diagnostics and statistics.
struct Status
{
    quint64 id = 0;
    HardState hardState;
    SoftState softState;
    quint64 applied = 0;
    quint64 lastIndex = 0;
    quint64 leadTransferee = 0;
    ConfState config;
    QMap<quint64, FollowerStatus> progress; // leader only, self included
};

} // namespace raft
