#include "connection/EndpointRequests.h"

#include "client/Client.h"
#include "client/Request.h"

namespace {

client::Reply *plainGet(client::Client *client, const QString &path, const QUrl &endpoint)
{
    client::Request r;
    r.method = "GET";
    r.path = path;
    r.api = client::Request::Api::Plain;
    r.okStatus = {200};
    return client->send(r, endpoint);
}

} // namespace

client::Reply *EndpointRequests::leaderStats(client::Client *client, const QUrl &endpoint)
{
    return plainGet(client, QStringLiteral("/v2/stats/leader"), endpoint);
}

client::Reply *EndpointRequests::selfStats(client::Client *client, const QUrl &endpoint)
{
    return plainGet(client, QStringLiteral("/v2/stats/self"), endpoint);
}
