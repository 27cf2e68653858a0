// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Names of roles for logs and diagnostics.
#include "raft/SoftState.h"

namespace raft {

const char *roleName(Role r)
{
    switch (r) {
    case Role::Follower:
        return "follower";
    case Role::PreCandidate:
        return "pre-candidate";
    case Role::Candidate:
        return "candidate";
    case Role::Leader:
        return "leader";
    }
    return "unknown";
}

} // namespace raft
