// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QMutex>
#include <QStringList>
#include <QUrl>

namespace server::proxy {

// Which members a proxy forwards to, as etcd's httpproxy director: the client URLs the cluster
// advertises, shuffled at every refresh (so all proxies do not stick to one member), each skipped
// for `failureWaitMs` after a request to it failed, then tried again. A request tries the
// available ones in this order (etcd's: the first that answers serves it).
// Invariant: the list holds each URL once. Thread-safe: refreshed on the main thread, read and
// marked by every client thread (one short lock per request).
class Director
{
public:
    struct Endpoint
    {
        QUrl url;
        QByteArray key; // "scheme://host:port", the connection pools' key
    };

    explicit Director(qint64 failureWaitMs);

    // Replaces the endpoints with `clientUrls` (invalid ones logged and dropped), shuffled.
    void setUrls(const QStringList &clientUrls);
    // The available endpoints, in the order requests try them.
    QList<Endpoint> endpoints();
    // A request to `key` failed: skipped for the failure wait (etcd's "marked endpoint ...
    // unavailable"); a second failure meanwhile changes nothing.
    void failed(const QByteArray &key);

private:
    struct Entry
    {
        Endpoint endpoint;
        qint64 unavailableUntil = 0; // m_clock ms; 0: available
    };

    const qint64 m_failureWaitMs;
    QElapsedTimer m_clock;
    QMutex m_mutex;
    QList<Entry> m_entries;
};

} // namespace server::proxy
