// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "transport/RateMeter.h"

#include <algorithm>

namespace transport {

RateMeter::RateMeter(qint64 windowMs) : m_bucketMs(std::max<qint64>(1, windowMs / kBuckets)) {}

void RateMeter::record(qint64 nowMs, qint64 bytes)
{
    const qint64 slot = nowMs / m_bucketMs;
    Bucket &bucket = m_buckets[size_t(slot % kBuckets)];
    if (bucket.slot != slot)
        bucket = Bucket{slot, 0, 0};
    ++bucket.events;
    bucket.bytes += quint64(std::max<qint64>(0, bytes));
    ++m_totalEvents;
    m_totalBytes += quint64(std::max<qint64>(0, bytes));
}

template <typename Field> double RateMeter::rate(qint64 nowMs, Field field) const
{
    const qint64 slot = nowMs / m_bucketMs;
    quint64 sum = 0;
    for (const Bucket &bucket : m_buckets) {
        if (bucket.slot > slot - kBuckets && bucket.slot <= slot)
            sum += field(bucket);
    }
    // The window covers the kBuckets-1 full buckets before this one and the elapsed part
    // of the current bucket.
    const qint64 spanMs = (kBuckets - 1) * m_bucketMs + (nowMs - slot * m_bucketMs) + 1;
    return double(sum) * 1000.0 / double(spanMs);
}

double RateMeter::eventsPerSecond(qint64 nowMs) const
{
    return rate(nowMs, [](const Bucket &b) { return b.events; });
}

double RateMeter::bytesPerSecond(qint64 nowMs) const
{
    return rate(nowMs, [](const Bucket &b) { return b.bytes; });
}

} // namespace transport
