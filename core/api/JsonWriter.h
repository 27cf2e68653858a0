// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>
#include <QString>

namespace store {
struct NodeValue;
struct Event;
struct EtcdError;
} // namespace store

namespace api {

// Writes compact JSON byte-compatible with what etcd (Go's encoding/json)
// sends: same field order, the same omitted empty fields, Go's string escaping
// (go/GoJson, shared with the client) and RFC 3339 times
// with trailing zeros of the nanoseconds trimmed. Hand-rolled rather than
// QJsonDocument because field order and escaping are part of the contract and
// because every GET goes through here (no intermediate object tree).
class JsonWriter
{
public:
    static void appendString(QByteArray &out, QStringView s);
    static void appendString(QByteArray &out, QByteArrayView utf8);
    // `"name":` of an object's next field, after a ',' unless it is the first.
    static void appendFieldName(QByteArray &out, bool &first, const char *name);
    static void appendNode(QByteArray &out, const store::NodeValue &node);
    // `withNodes` false drops node/prevNode (noValueOnSuccess).
    static QByteArray event(const store::Event &event, bool withNodes = true);
    static QByteArray error(const store::EtcdError &error);
    static QByteArray rfc3339Nano(qint64 ns);
};

} // namespace api
