// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "client/Node.h"

#include "client/JsonNumber.h"

#include <QJsonArray>

namespace client {

namespace {

// A server sends indexes and TTLs as JSON integers; anything a uint64 (int64) cannot hold
// (negative, too large) reads as 0 (a hostile server's "createdIndex":-4 was undefined
// behaviour before; found by fuzz_client_json).
quint64 toIndex(const QJsonValue &v)
{
    return json::toUint64(v).value_or(0);
}

} // namespace

Node Node::fromJson(const QJsonObject &object)
{
    Node n;
    n.key = object.value(QLatin1String("key")).toString();
    n.value = object.value(QLatin1String("value")).toString();
    n.dir = object.value(QLatin1String("dir")).toBool();
    n.createdIndex = toIndex(object.value(QLatin1String("createdIndex")));
    n.modifiedIndex = toIndex(object.value(QLatin1String("modifiedIndex")));
    n.expiration = object.value(QLatin1String("expiration")).toString();
    n.ttl = json::toInt64(object.value(QLatin1String("ttl"))).value_or(0);
    const QJsonValue children = object.value(QLatin1String("nodes"));
    n.nodesPresent = children.isArray();
    const QJsonArray array = children.toArray();
    n.nodes.reserve(array.size());
    for (const QJsonValue &child : array)
        n.nodes.append(Node::fromJson(child.toObject()));
    return n;
}

QJsonObject Node::toJson() const
{
    QJsonObject o;
    o.insert(QLatin1String("key"), key);
    if (dir)
        o.insert(QLatin1String("dir"), true);
    else
        o.insert(QLatin1String("value"), value);
    if (!nodes.isEmpty() || nodesPresent) {
        QJsonArray array;
        for (const Node &child : nodes)
            array.append(child.toJson());
        o.insert(QLatin1String("nodes"), array);
    }
    if (!expiration.isEmpty())
        o.insert(QLatin1String("expiration"), expiration);
    if (ttl != 0)
        o.insert(QLatin1String("ttl"), double(ttl));
    o.insert(QLatin1String("createdIndex"), double(createdIndex));
    o.insert(QLatin1String("modifiedIndex"), double(modifiedIndex));
    return o;
}

} // namespace client
