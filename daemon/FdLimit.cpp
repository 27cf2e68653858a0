// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "FdLimit.h"

#include <algorithm>
#include <cerrno>

#include <sys/resource.h>

namespace server {

namespace {

constexpr quint64 kMinReserve = 64;
constexpr quint64 kMaxReserve = 1024;
// RLIM_INFINITY, or a limit beyond what any table of descriptors holds.
constexpr quint64 kPracticallyUnlimited = quint64(1) << 30;

quint64 finite(rlim_t value)
{
    return value == RLIM_INFINITY ? kPracticallyUnlimited
                                  : std::min<quint64>(value, kPracticallyUnlimited);
}

} // namespace

FdLimit::Limits FdLimit::raiseToHard()
{
    Limits limits;
    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) {
        limits.error = errno;
        return limits;
    }
    limits.softBefore = limits.soft = finite(rl.rlim_cur);
    limits.hard = finite(rl.rlim_max);
    if (rl.rlim_cur == rl.rlim_max)
        return limits;
    rlimit raised = rl;
    raised.rlim_cur = rl.rlim_max;
    if (setrlimit(RLIMIT_NOFILE, &raised) != 0) {
        limits.error = errno;
        return limits;
    }
    limits.soft = limits.hard;
    return limits;
}

quint64 FdLimit::reserve(quint64 softLimit)
{
    return std::clamp(softLimit / 8, kMinReserve, kMaxReserve);
}

quint64 FdLimit::clientConnectionLimit(quint64 softLimit, quint64 flag)
{
    const quint64 reserved = reserve(softLimit);
    const quint64 fit = softLimit > reserved ? softLimit - reserved : 1;
    return flag == 0 ? fit : std::min(flag, fit);
}

} // namespace server
