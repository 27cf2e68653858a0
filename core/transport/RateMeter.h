// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QtGlobal>

#include <array>

namespace transport {

// Events and bytes per second over a sliding window (default 1 s in 10 buckets), plus
// running totals; the numbers behind sendPkgRate/sendBandwidthRate and their receive
// twins in /v2/stats/self. Fixed memory whatever the traffic.
// Time is passed in (milliseconds from any monotonic origin, never decreasing).
// Value type; pure.
class RateMeter
{
public:
    static constexpr int kBuckets = 10;

    explicit RateMeter(qint64 windowMs = 1000);

    void record(qint64 nowMs, qint64 bytes);
    double eventsPerSecond(qint64 nowMs) const;
    double bytesPerSecond(qint64 nowMs) const;
    quint64 totalEvents() const { return m_totalEvents; }
    quint64 totalBytes() const { return m_totalBytes; }

private:
    struct Bucket
    {
        qint64 slot = -1; // nowMs / bucketMs when it was filled
        quint64 events = 0;
        quint64 bytes = 0;
    };

    template <typename Field> double rate(qint64 nowMs, Field field) const;

    qint64 m_bucketMs;
    std::array<Bucket, kBuckets> m_buckets;
    quint64 m_totalEvents = 0;
    quint64 m_totalBytes = 0;
};

} // namespace transport
