// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "api/AuthApi.h"
#include "api/EncodedEvent.h"
#include "api/HttpMetrics.h"
#include "api/HttpRequest.h"
#include "api/HttpResponse.h"

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace store {
struct Event;
struct EtcdError;
struct StoreResult;
struct StoreStats;
} // namespace store

namespace api {

class ApiBackend;
class StreamGroups;
struct RaftPosition;
struct WatchState;

// The etcd v2 HTTP contract as values: routes a request to /v2/keys,
// /v2/members, /v2/auth (AuthApi), /v2/machines, /v2/stats/*, /version,
// /health or /metrics and produces etcd's status, headers and JSON. With
// auth enabled, /v2/keys requests need key access and membership changes
// root access, as etcd decides them. Reads are answered at once (the
// return value); writes, quorum reads and watches are answered later through
// a ResponseChannel obtained from `defer`. Owns no sockets and no timers;
// lives on the backend's thread (handleConcurrently() excepted) and borrows
// the backend, which must outlive it. A watch and its channel own each other
// until the client leaves or the watch ends; the watches still open when the
// V2Api goes (the daemon stopping with clients watching) are ended then, or
// they would never be freed.
class V2Api
{
public:
    using ChannelFactory = std::function<std::shared_ptr<ResponseChannel>()>;

    explicit V2Api(ApiBackend &backend);
    ~V2Api();
    V2Api(const V2Api &) = delete;
    V2Api &operator=(const V2Api &) = delete;

    std::optional<HttpResponse> handle(const HttpRequest &request, const ChannelFactory &defer);
    // Thread-safe: answers a plain key read on the calling thread when the
    // backend can serve it there (ApiBackend::readConcurrently), otherwise
    // nullopt and the request goes to handle() on the owner thread. Gives
    // the same bytes handle() would.
    std::optional<HttpResponse> handleConcurrently(const HttpRequest &request) const;
    // The auth part (its password verifier's counters, for tests and metrics).
    const AuthApi &auth() const { return m_auth; }

    // etcd's error body with the cluster and index headers (plain answers:
    // api/ApiResponses.h).
    HttpResponse errorResponse(const store::EtcdError &error) const;
    static HttpResponse errorResponse(const store::EtcdError &error, quint64 clusterId);
    // Go's ServeMux answer to a path that is not clean (dot segments, doubled
    // slashes, their %-encoded spellings): 301 to the clean path with the
    // query kept, before anything looks at the path. Nothing when it is clean.
    static std::optional<HttpResponse> redirectToCleanPath(const HttpRequest &request);

private:
    using Clock = std::chrono::steady_clock;
    // Counts a /v2/keys answer in m_httpMetrics (failed with its status, or succeeded with the
    // time since `started`) and passes it on.
    HttpResponse counted(const QByteArray &method, Clock::time_point started,
                         HttpResponse response) const;

    std::optional<HttpResponse> handleKeys(const HttpRequest &request, const QByteArray &keyPath,
                                           const ChannelFactory &defer);
    std::optional<HttpResponse> startWatch(const QString &path, bool recursive, bool stream,
                                           quint64 waitIndex, const ChannelFactory &defer);
    // A stream from now on (no waitIndex): one of its StreamGroups' members.
    std::optional<HttpResponse> startGroupedStream(const QString &path, bool recursive,
                                                   const ChannelFactory &defer);
    // Kept (weakly) so that ~V2Api can end it.
    void remember(const std::shared_ptr<WatchState> &state);
    // The store's statistics with every grouped stream counted as a watcher.
    store::StoreStats storeStats() const;
    std::optional<HttpResponse> handleMembers(const HttpRequest &request, const QByteArray &rest,
                                              const ChannelFactory &defer);
    HttpResponse handleStats(const QByteArray &which);
    HttpResponse version() const;
    HttpResponse health() const;
    HttpResponse machines() const;
    HttpResponse metrics() const;

    // `result` without the listed children the request's user may not read.
    store::StoreResult readableOnly(const HttpRequest &request, store::StoreResult result) const;
    HttpResponse keysResult(const store::StoreResult &result, bool withNodes) const;
    static HttpResponse keysResult(const store::StoreResult &result, bool withNodes,
                                   const RaftPosition &raft, quint64 clusterId);
    void addKeysHeaders(HttpResponse &response, quint64 etcdIndex) const;
    static void addKeysHeaders(HttpResponse &response, quint64 etcdIndex, const RaftPosition &raft,
                               quint64 clusterId);

    ApiBackend &m_backend;
    AuthApi m_auth;
    mutable HttpMetrics m_httpMetrics; // counted from const reads too (thread-safe)
    // The watches started, to end those still open at destruction; the expired ones are
    // swept whenever the list reaches twice what the last sweep left (amortised O(1)).
    std::vector<std::weak_ptr<WatchState>> m_watches;
    // One encoding per event for all its watchers; shared with their sinks, which may outlive
    // nothing here but are safest holding it.
    std::shared_ptr<EventEncodingCache> m_encodings = std::make_shared<EventEncodingCache>();
    std::shared_ptr<StreamGroups> m_streamGroups;
    size_t m_sweepWatchesAt = 64;
};

} // namespace api
