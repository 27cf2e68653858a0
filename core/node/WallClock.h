// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QtGlobal>

#include <chrono>

namespace node {

// This member's wall clock, ns since the epoch: what TTLs, proposal stamps and
// etcd's stats are measured with. The one place core/node reads it.
inline qint64 wallClockNs()
{
    using namespace std::chrono;
    return duration_cast<nanoseconds>(system_clock::now().time_since_epoch()).count();
}

} // namespace node
