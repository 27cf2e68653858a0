// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "metrics/EtcdBuckets.h"

namespace metrics::buckets {

prometheus::Histogram::BucketBoundaries exponential(double start, double factor, int count)
{
    prometheus::Histogram::BucketBoundaries bounds;
    bounds.reserve(std::size_t(count));
    double bound = start;
    for (int i = 0; i < count; ++i) {
        bounds.push_back(bound);
        bound *= factor;
    }
    return bounds;
}

prometheus::Histogram::BucketBoundaries diskSeconds()
{
    return exponential(0.001, 2, 14);
}

prometheus::Histogram::BucketBoundaries peerRoundTripSeconds()
{
    return exponential(0.0001, 2, 14);
}

prometheus::Histogram::BucketBoundaries httpSeconds()
{
    return exponential(0.0005, 2, 13);
}

} // namespace metrics::buckets
