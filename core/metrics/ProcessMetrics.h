// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <prometheus/metric_family.h>

#include <vector>

namespace metrics {

// The standard process_* family every Prometheus client exports (Go's process collector, which
// etcd has): CPU seconds, resident and virtual memory, open and maximum file descriptors, start
// time. Read from /proc/self and getrlimit() at each scrape, so it holds no state; a file that
// cannot be read leaves its series out rather than reporting a false 0. Linux only; any thread.
class ProcessMetrics
{
public:
    static std::vector<prometheus::MetricFamily> collect();
};

} // namespace metrics
