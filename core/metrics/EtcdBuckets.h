// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <prometheus/histogram.h>

namespace metrics {

// The bucket layouts etcd 3.4 gives the histograms qetcd exports under etcd's names, so that
// dashboards and alert rules written for etcd (histogram_quantile over `le`) read qetcd's the
// same way. Each is Go's prometheus.ExponentialBuckets(start, factor, count): start, start*f,
// start*f^2, ... (count bounds; +Inf is implicit). Pure; any thread.
namespace buckets {

prometheus::Histogram::BucketBoundaries exponential(double start, double factor, int count);

// etcd_disk_wal_fsync_duration_seconds, etcd_disk_backend_commit_duration_seconds: 1 ms .. 8 s.
prometheus::Histogram::BucketBoundaries diskSeconds();
// etcd_network_peer_round_trip_time_seconds: 0.1 ms .. 0.8 s.
prometheus::Histogram::BucketBoundaries peerRoundTripSeconds();
// etcd_http_successful_duration_seconds: 0.5 ms .. 2 s.
prometheus::Histogram::BucketBoundaries httpSeconds();

} // namespace buckets
} // namespace metrics
