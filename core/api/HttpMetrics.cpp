// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "api/HttpMetrics.h"

#include "metrics/EtcdBuckets.h"

#include <string>

namespace api {

namespace {

const char *const kMethodNames[] = {"GET", "QGET", "PUT", "POST", "DELETE", "HEAD"};

} // namespace

HttpMetrics::HttpMetrics()
    : m_registry(std::make_shared<prometheus::Registry>()),
      m_received(prometheus::BuildCounter()
                     .Name("etcd_http_received_total")
                     .Help("Counter of requests received into the system (successfully parsed "
                           "and authd).")
                     .Register(*m_registry)),
      m_failed(prometheus::BuildCounter()
                   .Name("etcd_http_failed_total")
                   .Help("Counter of handle failures of requests (non-watches), by method "
                         "(GET/PUT etc.) and code (400, 500 etc.).")
                   .Register(*m_registry)),
      m_durations(prometheus::BuildHistogram()
                      .Name("etcd_http_successful_duration_seconds")
                      .Help("Bucketed histogram of processing time (s) of successfully handled "
                            "requests (non-watches), by method (GET/PUT etc.).")
                      .Register(*m_registry))
{
    const prometheus::Histogram::BucketBoundaries bounds = metrics::buckets::httpSeconds();
    for (int i = 0; i < kMethods; ++i) {
        m_receivedBy[std::size_t(i)] = &m_received.Add({{"method", kMethodNames[i]}});
        m_durationsBy[std::size_t(i)] = &m_durations.Add({{"method", kMethodNames[i]}}, bounds);
    }
}

int HttpMetrics::methodIndex(const QByteArray &method)
{
    for (int i = 0; i < kMethods; ++i) {
        if (method == kMethodNames[i])
            return i;
    }
    return -1;
}

void HttpMetrics::received(const QByteArray &method)
{
    const int i = methodIndex(method);
    if (i >= 0)
        m_receivedBy[std::size_t(i)]->Increment();
}

void HttpMetrics::failed(const QByteArray &method, int status)
{
    // Labels only from the fixed method list and a status code: the family stays small.
    const int i = methodIndex(method);
    if (i >= 0)
        m_failed.Add({{"method", kMethodNames[i]}, {"code", std::to_string(status)}}).Increment();
}

void HttpMetrics::succeeded(const QByteArray &method, double seconds)
{
    const int i = methodIndex(method);
    if (i >= 0)
        m_durationsBy[std::size_t(i)]->Observe(seconds);
}

std::vector<prometheus::MetricFamily> HttpMetrics::collect() const
{
    return m_registry->Collect();
}

} // namespace api
