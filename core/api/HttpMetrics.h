// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/histogram.h>
#include <prometheus/metric_family.h>
#include <prometheus/registry.h>

#include <array>
#include <memory>
#include <vector>

namespace api {

// etcd's v2 request counters (etcdserver/api/v2http/metrics.go), counted the way etcd counts
// them: a /v2/keys request is `received` once it parsed and passed the permission check; it
// then either `failed` with the status of its error (404 for a missing key, 412 for a failed
// compare, 500 for a timeout...) or `succeeded`, with its handling time in etcd's buckets.
// Watches are received but never timed (they last as long as the client waits). The method
// label is the HTTP method, or QGET for a quorum read, as in etcd.
//
// Series for the five methods exist from the start (zero), so a rate() over them is defined
// before the first request; failures get a series per (method, code) as they happen, the
// codes being the few etcd's errors map to. Thread-safe (prometheus-cpp's metrics are atomic
// or locked): the member's thread and the client threads that answer reads count at once.
class HttpMetrics
{
public:
    HttpMetrics();

    void received(const QByteArray &method);
    void failed(const QByteArray &method, int status);
    void succeeded(const QByteArray &method, double seconds);

    std::vector<prometheus::MetricFamily> collect() const;

private:
    static constexpr int kMethods = 6; // GET QGET PUT POST DELETE HEAD
    static int methodIndex(const QByteArray &method);

    std::shared_ptr<prometheus::Registry> m_registry;
    prometheus::Family<prometheus::Counter> &m_received;
    prometheus::Family<prometheus::Counter> &m_failed;
    prometheus::Family<prometheus::Histogram> &m_durations;
    std::array<prometheus::Counter *, kMethods> m_receivedBy{};
    std::array<prometheus::Histogram *, kMethods> m_durationsBy{};
};

} // namespace api
