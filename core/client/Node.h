// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace client {

// One node of the v2 key space as the server reported it: a key with a value
// or a directory with (possibly) children. A plain value type parsed from the
// JSON of a keys response; it never talks to the network.
// Invariant: a directory has no value; `nodes` is only filled for directories
// (when the server listed them).
class Node
{
public:
    QString key;
    QString value;
    bool dir = false;
    QList<Node> nodes;
    quint64 createdIndex = 0;
    quint64 modifiedIndex = 0;
    QString expiration; // RFC 3339 as sent; empty when the node has no TTL
    qint64 ttl = 0;     // seconds left; 0 when the node has no TTL
    // The server sent a "nodes" member (even an empty one). etcdctl's JSON
    // output prints `"nodes":null` otherwise, so the distinction is kept.
    bool nodesPresent = false;

    bool hasTtl() const { return !expiration.isEmpty() || ttl != 0; }

    static Node fromJson(const QJsonObject &object);
    // The server's wire form (fields that are set only).
    QJsonObject toJson() const;
};

} // namespace client
