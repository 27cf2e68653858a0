// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "connection/EndpointRequests.h"
#include "client/JsonNumber.h"

#include "client/Client.h"
#include "client/Request.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace admin {

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

client::Reply *EndpointRequests::rawListing(client::Client *client, const QString &key)
{
    client::Request r;
    r.method = "GET";
    r.path = client::Request::keysPath(key);
    r.api = client::Request::Api::Plain;
    r.okStatus = {200};
    r.addQuery(QStringLiteral("recursive"), QStringLiteral("false"));
    r.addQuery(QStringLiteral("sorted"), QStringLiteral("false"));
    r.addQuery(QStringLiteral("quorum"), QStringLiteral("false"));
    return client->send(r);
}

client::Error EndpointRequests::etcdError(const client::Reply *reply)
{
    const client::Error &e = reply->error();
    if (e.kind() != client::Error::Kind::Http)
        return e;
    const QJsonObject o = QJsonDocument::fromJson(reply->body()).object();
    if (!o.contains(QLatin1String("errorCode")))
        return e;
    return client::Error::etcd(
        o.value(QLatin1String("errorCode")).toInt(), o.value(QLatin1String("message")).toString(),
        o.value(QLatin1String("cause")).toString(),
        client::json::toUint64(o.value(QLatin1String("index"))).value_or(0), reply->httpStatus());
}

} // namespace admin
