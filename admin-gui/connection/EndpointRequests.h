#pragma once

#include <QString>
#include <QUrl>

namespace client {
class Client;
class Reply;
} // namespace client

// Adapter for what core/client does not offer yet: the stats calls
// addressed to one chosen member (Client::leaderStats()/selfStats() go
// through failover, so they answer from whichever member is pinned; the
// latency chart must ask the leader and the cluster page every member).
// Builds the same plain GET the client would and sends it with
// Client::send(request, endpoint). Stateless.
class EndpointRequests
{
public:
    static client::Reply *leaderStats(client::Client *client, const QUrl &endpoint);
    static client::Reply *selfStats(client::Client *client, const QUrl &endpoint);
};
