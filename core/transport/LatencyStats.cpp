// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "transport/LatencyStats.h"

#include <cmath>

namespace transport {

void LatencyStats::recordSuccess(double ms)
{
    ++m_success;
    m_current = ms;
    if (m_success == 1 || ms < m_min)
        m_min = ms;
    if (m_success == 1 || ms > m_max)
        m_max = ms;
    const double delta = ms - m_mean;
    m_mean += delta / double(m_success);
    m_m2 += delta * (ms - m_mean);
}

double LatencyStats::standardDeviationMs() const
{
    if (m_success == 0)
        return 0.0;
    return std::sqrt(std::max(0.0, m_m2 / double(m_success)));
}

} // namespace transport
