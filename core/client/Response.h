// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "client/Node.h"

#include <QByteArray>
#include <QMetaType>
#include <QString>

#include <optional>

namespace client {

class Error;

// The answer to a keys operation (or one watch event): what happened
// (action), the node afterwards, the node before (for set/update/delete/CAS
// and expiry), and the indexes from the response headers. Plain value type.
class Response
{
public:
    QString action; // get, set, create, update, delete, compareAndSwap, compareAndDelete, expire
    Node node;
    std::optional<Node> prevNode;
    quint64 etcdIndex = 0; // X-Etcd-Index: store index when the server answered
    quint64 raftIndex = 0; // X-Raft-Index
    quint64 raftTerm = 0;  // X-Raft-Term
    QString clusterId;     // X-Etcd-Cluster-Id
    int httpStatus = 0;

    // Parses a keys response body (one JSON object). On failure returns false
    // and, if given, sets *error to a Protocol error.
    static bool parse(const QByteArray &body, Response *out, Error *error = nullptr);
};

} // namespace client

Q_DECLARE_METATYPE(client::Response)
