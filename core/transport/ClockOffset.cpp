// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "transport/ClockOffset.h"

#include <QtNumeric>

#include <chrono>
#include <limits>

namespace transport {

namespace {
constexpr qint64 kMaxOffset = std::numeric_limits<qint64>::max();
constexpr qint64 kMinOffset = -kMaxOffset;
} // namespace

void ClockOffset::record(qint64 sentWallNs, qint64 rttNs, qint64 peerWallNs)
{
    if (rttNs < 0)
        return;
    // Our readings are sane; the peer's comes off the wire and saturates instead of
    // overflowing (and never reaches the minimum, so its magnitude exists).
    const qint64 midpoint = sentWallNs + rttNs / 2;
    qint64 offset = 0;
    if (qSubOverflow(peerWallNs, midpoint, &offset))
        offset = peerWallNs < 0 ? kMinOffset : kMaxOffset;
    m_samples[m_next] = Sample{qBound(kMinOffset, offset, kMaxOffset), rttNs};
    m_next = (m_next + 1) % kWindow;
    m_count = qMin(m_count + 1, kWindow);
    ++m_total;
}

const ClockOffset::Sample *ClockOffset::best() const
{
    const Sample *b = nullptr;
    for (int i = 0; i < m_count; ++i) {
        if (!b || m_samples[i].rttNs < b->rttNs)
            b = &m_samples[i];
    }
    return b;
}

qint64 ClockOffset::offsetNs() const
{
    const Sample *b = best();
    return b ? b->offsetNs : 0;
}

qint64 ClockOffset::errorNs() const
{
    const Sample *b = best();
    return b ? (b->rttNs + 1) / 2 : 0;
}

bool ClockOffset::exceeds(qint64 limitNs) const
{
    if (!known())
        return false;
    const qint64 offset = offsetNs();
    const qint64 magnitude = offset < 0 ? -offset : offset;
    return magnitude - errorNs() > limitNs;
}

qint64 ClockOffset::wallClockNs(qint64 skewNs)
{
    using namespace std::chrono;
    return duration_cast<nanoseconds>(system_clock::now().time_since_epoch()).count() + skewNs;
}

} // namespace transport
