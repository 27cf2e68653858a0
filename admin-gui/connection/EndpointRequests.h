// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "client/Error.h"

#include <QString>
#include <QUrl>

namespace client {
class Client;
class Reply;
} // namespace client

namespace admin {

// Adapter for what core/client does not offer yet, built from its public
// Request and Client::send():
// - the stats calls addressed to one chosen member (Client::leaderStats()/
//   selfStats() go through failover, so they answer from whichever member
//   is pinned; the latency chart must ask the leader, the cluster page
//   every member);
// - a directory listing whose body the client does not parse: for keys
//   requests the client validates the whole JSON on the GUI thread before
//   finishing, which for 100,000 children blocks the UI for a third of a
//   second; the key tree parses listings on a worker thread instead.
// Stateless.
class EndpointRequests
{
public:
    static client::Reply *leaderStats(client::Client *client, const QUrl &endpoint);
    static client::Reply *selfStats(client::Client *client, const QUrl &endpoint);
    // GET of a directory (not recursive) with failover; success is HTTP 200
    // and the body is left as it came. Failures come back as the client's
    // transport errors, or as an Http error from which etcdError() recovers
    // etcd's error body.
    static client::Reply *rawListing(client::Client *client, const QString &key);
    // The etcd error in a failed rawListing() (errorCode, message, cause,
    // index), or the reply's own error when the body is not one.
    static client::Error etcdError(const client::Reply *reply);
};

} // namespace admin
