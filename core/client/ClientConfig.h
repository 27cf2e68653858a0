// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QList>
#include <QString>
#include <QUrl>

namespace client {

// How a Client reaches the cluster. Plain value type, copied into the Client.
struct ClientConfig
{
    // Client URLs of cluster members, tried in order (http:// or https://).
    QList<QUrl> endpoints;

    // TLS: CA bundle to verify servers with (instead of the system store),
    // and a client certificate and key (PEM) for servers that require one.
    QString caFile;
    QString certFile;
    QString keyFile;

    // HTTP Basic credentials for v2 auth; sent with every request when set.
    QString username;
    QString password;

    // Per attempt: how long to wait for response headers before moving on to
    // the next endpoint (etcdctl --timeout). 0: no limit, except that a
    // watch still moves on after 5 s without headers (see Watcher).
    int headerTimeoutMs = 0;
    // Per call, across all endpoints tried (etcdctl --total-timeout); watches
    // are exempt. 0: no limit.
    int totalTimeoutMs = 0;
    // A watch on which nothing arrived for this long (headers came) asks its member again from
    // the same index: one that vanished without closing the connection (power loss, a
    // partition) fails then and the watch moves on (see Watcher). 0: never.
    int watchIdleRecheckMs = 5 * 60 * 1000;
    // Refresh the endpoint list from /v2/members this often. 0: only on sync().
    int autoSyncIntervalMs = 0;

    static ClientConfig forEndpoints(const QList<QUrl> &urls)
    {
        ClientConfig c;
        c.endpoints = urls;
        return c;
    }
};

} // namespace client
