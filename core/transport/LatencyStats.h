// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QtGlobal>

namespace transport {

// Round-trip statistics of one peer, as etcd's FollowerStats: the latest sample, the
// running mean and population standard deviation (Welford, numerically stable), the
// extremes, and success/failure counts. Milliseconds as doubles.
// minimumMs is 0 until the first sample (etcd shows 2^63 there).
// Value type; pure.
class LatencyStats
{
public:
    void recordSuccess(double ms);
    void recordFailure() { ++m_fail; }

    double currentMs() const { return m_current; }
    double averageMs() const { return m_mean; }
    double standardDeviationMs() const;
    double minimumMs() const { return m_success ? m_min : 0.0; }
    double maximumMs() const { return m_max; }
    quint64 success() const { return m_success; }
    quint64 fail() const { return m_fail; }

private:
    double m_current = 0;
    double m_mean = 0;
    double m_m2 = 0; // sum of squared deviations from the mean
    double m_min = 0;
    double m_max = 0;
    quint64 m_success = 0;
    quint64 m_fail = 0;
};

} // namespace transport
