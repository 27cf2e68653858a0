// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QtGlobal>

namespace raft {

enum class Role : quint8 { Follower, PreCandidate, Candidate, Leader };

const char *roleName(Role r);

// Volatile facts worth reporting when they change (not persisted): who leads, and our role.
struct SoftState
{
    quint64 lead = 0;
    Role role = Role::Follower;

    friend bool operator==(const SoftState &a, const SoftState &b)
    {
        return a.lead == b.lead && a.role == b.role;
    }
    friend bool operator!=(const SoftState &a, const SoftState &b) { return !(a == b); }
};

} // namespace raft
