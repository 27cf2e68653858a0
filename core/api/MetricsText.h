// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>

namespace store {
struct StoreStats;
} // namespace store

namespace api {

class ApiBackend;
class HttpMetrics;

// The body of GET /metrics: the member's figures in Prometheus' text format 0.0.4, under the
// names, types, labels and histogram buckets etcd 3.4 uses for the same things, so that
// etcd's alert rules and dashboards work unchanged (etcd_server_*, etcd_disk_*,
// etcd_network_peer_*, etcd_http_*, etcd_debugging_store_*, process_*), plus qetcd's own
// (qetcd_network_peer_*). Read from the backend at each scrape, except the request counters
// (HttpMetrics) and histograms, which their owners keep as they happen. prometheus-cpp does the
// text format (escaping, number formatting, cumulative buckets). Backend's thread.
class MetricsText
{
public:
    // `store`: the backend's store statistics as the api counts them (V2Api::storeStats).
    static QByteArray render(const ApiBackend &backend, const store::StoreStats &store,
                             const HttpMetrics &http);
};

} // namespace api
