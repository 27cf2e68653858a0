// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Validation of Config: the few combinations Raft cannot work with (an election timeout
// not longer than the heartbeat, no storage, id 0).
#include "raft/Config.h"

namespace raft {

QString Config::validate() const
{
    if (id == 0)
        return QStringLiteral("id must not be 0");
    if (heartbeatTick <= 0)
        return QStringLiteral("heartbeatTick must be greater than 0");
    if (electionTick <= heartbeatTick)
        return QStringLiteral("electionTick must be greater than heartbeatTick");
    if (!storage)
        return QStringLiteral("storage must be set");
    if (maxInflightMsgs <= 0)
        return QStringLiteral("maxInflightMsgs must be greater than 0");
    if (peers.contains(0))
        return QStringLiteral("peers must not contain 0");
    return {};
}

} // namespace raft
