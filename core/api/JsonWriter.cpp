// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "api/JsonWriter.h"

#include "go/GoJson.h"
#include "store/EtcdError.h"
#include "store/Event.h"
#include "store/NodeValue.h"

#include <QDateTime>

#include <vector>

namespace api {

namespace {

void appendUInt(QByteArray &out, quint64 v)
{
    char buf[24];
    int n = 0;
    do {
        buf[n++] = char('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        out.append(buf[--n]);
}

void appendInt(QByteArray &out, qint64 v)
{
    if (v < 0) {
        out.append('-');
        appendUInt(out, quint64(-(v + 1)) + 1);
    } else {
        appendUInt(out, quint64(v));
    }
}

} // namespace

void JsonWriter::appendString(QByteArray &out, QByteArrayView utf8)
{
    go::GoJson::appendString(out, utf8);
}

void JsonWriter::appendFieldName(QByteArray &out, bool &first, const char *name)
{
    if (!first)
        out.append(',');
    first = false;
    out.append('"');
    out.append(name);
    out.append("\":");
}

void JsonWriter::appendString(QByteArray &out, QStringView s)
{
    go::GoJson::appendString(out, QByteArrayView(s.toUtf8()));
}

QByteArray JsonWriter::rfc3339Nano(qint64 ns)
{
    qint64 secs = ns / 1000000000;
    qint64 frac = ns % 1000000000;
    if (frac < 0) {
        frac += 1000000000;
        --secs;
    }
    QByteArray out = QDateTime::fromSecsSinceEpoch(secs, Qt::UTC)
                         .toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"))
                         .toLatin1();
    if (frac) {
        QByteArray digits = QByteArray::number(frac).rightJustified(9, '0');
        while (digits.endsWith('0'))
            digits.chop(1);
        out += '.' + digits;
    }
    out += 'Z';
    return out;
}

namespace {

void appendField(QByteArray &out, bool &first, const char *name)
{
    JsonWriter::appendFieldName(out, first, name);
}

// Writes '{' and the fields before "nodes"; with children also "nodes":[ (true then,
// and the caller writes them and closeNode's "]"). Returns whether "nodes" was opened;
// `first` tells closeNode whether a field was written already.
bool openNode(QByteArray &out, const store::NodeValue &node, bool &first)
{
    out.append('{');
    first = true;
    // The root of the key space has no key in etcd's answers.
    if (!node.key.isEmpty() && node.key != QLatin1String("/")) {
        appendField(out, first, "key");
        JsonWriter::appendString(out, node.key);
    }
    if (node.value) {
        appendField(out, first, "value");
        JsonWriter::appendString(out, *node.value);
    }
    if (node.dir) {
        appendField(out, first, "dir");
        out.append("true");
    }
    if (node.expirationNs != 0) {
        appendField(out, first, "expiration");
        out.append('"');
        out.append(JsonWriter::rfc3339Nano(node.expirationNs));
        out.append('"');
        if (node.ttl != 0) {
            appendField(out, first, "ttl");
            appendInt(out, node.ttl);
        }
    }
    if (node.nodes.isEmpty())
        return false;
    appendField(out, first, "nodes");
    out.append('[');
    return true;
}

// The fields after "nodes" and '}'.
void closeNode(QByteArray &out, const store::NodeValue &node, bool first)
{
    if (node.modifiedIndex) {
        appendField(out, first, "modifiedIndex");
        appendUInt(out, node.modifiedIndex);
    }
    if (node.createdIndex) {
        appendField(out, first, "createdIndex");
        appendUInt(out, node.createdIndex);
    }
    out.append('}');
}

} // namespace

// Depth first from an explicit stack: a listing as deep as the store allows must not
// overflow the thread's stack.
void JsonWriter::appendNode(QByteArray &out, const store::NodeValue &node)
{
    struct Open
    {
        const store::NodeValue *node;
        qsizetype next; // index of the next child to write
    };
    bool first = true;
    if (!openNode(out, node, first)) {
        closeNode(out, node, first);
        return;
    }
    std::vector<Open> stack{{&node, 0}};
    while (!stack.empty()) {
        Open &top = stack.back();
        const QList<store::NodeValue> &children = top.node->nodes;
        if (top.next < children.size()) {
            if (top.next > 0)
                out.append(',');
            const store::NodeValue &child = children.at(top.next++);
            if (openNode(out, child, first))
                stack.push_back({&child, 0}); // `top` is not used after this
            else
                closeNode(out, child, first);
            continue;
        }
        const store::NodeValue *done = top.node;
        stack.pop_back();
        out.append(']');
        closeNode(out, *done, false); // "nodes" was written
    }
}

QByteArray JsonWriter::event(const store::Event &event, bool withNodes)
{
    QByteArray out;
    out.reserve(256);
    out.append("{\"action\":");
    appendString(out, store::actionName(event.action));
    if (withNodes) {
        out.append(",\"node\":");
        appendNode(out, event.node);
        if (event.prevNode) {
            out.append(",\"prevNode\":");
            appendNode(out, *event.prevNode);
        }
    }
    out.append("}\n");
    return out;
}

QByteArray JsonWriter::error(const store::EtcdError &error)
{
    QByteArray out;
    out.append("{\"errorCode\":");
    appendInt(out, int(error.code));
    out.append(",\"message\":");
    go::GoJson::appendString(out, etcd::errorMessage(error.code)); // ASCII, from the one table
    if (!error.cause.isEmpty()) {
        out.append(",\"cause\":");
        appendString(out, error.cause);
    }
    out.append(",\"index\":");
    appendUInt(out, error.index);
    out.append("}\n");
    return out;
}

} // namespace api
