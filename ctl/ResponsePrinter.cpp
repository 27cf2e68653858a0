// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "ctl/ResponsePrinter.h"

#include "ctl/Invocation.h"

#include "client/GoText.h"

namespace ctl {

using client::go::jsonString;

QByteArray nodeJson(const client::Node &n)
{
    QByteArray o = "{\"key\":" + jsonString(n.key);
    if (n.dir)
        o += ",\"dir\":true";
    o += ",\"value\":" + jsonString(n.value);
    if (n.nodes.isEmpty() && !n.nodesPresent) {
        o += ",\"nodes\":null";
    } else {
        o += ",\"nodes\":[";
        for (int i = 0; i < n.nodes.size(); ++i) {
            if (i)
                o += ',';
            o += nodeJson(n.nodes[i]);
        }
        o += ']';
    }
    o += ",\"createdIndex\":" + QByteArray::number(n.createdIndex);
    o += ",\"modifiedIndex\":" + QByteArray::number(n.modifiedIndex);
    if (!n.expiration.isEmpty())
        o += ",\"expiration\":" + jsonString(client::go::normalizeRfc3339(n.expiration));
    if (n.ttl != 0)
        o += ",\"ttl\":" + QByteArray::number(n.ttl);
    return o + '}';
}

QByteArray responseJson(const client::Response &r)
{
    return "{\"action\":" + jsonString(r.action) + ",\"node\":" + nodeJson(r.node) +
           ",\"prevNode\":" + (r.prevNode ? nodeJson(*r.prevNode) : QByteArray("null")) + '}';
}

QByteArray formatResponseKey(const client::Response &r, const QString &format, bool *supported)
{
    QByteArray o;
    if (supported)
        *supported = true;
    if (format == QLatin1String("simple")) {
        if (r.action != QLatin1String("delete"))
            o = r.node.value.toUtf8() + '\n';
        else
            o = "PrevNode.Value: " + (r.prevNode ? r.prevNode->value.toUtf8() : QByteArray()) +
                '\n';
    } else if (format == QLatin1String("extended")) {
        o += "Key: " + r.node.key.toUtf8() + '\n';
        o += "Created-Index: " + QByteArray::number(r.node.createdIndex) + '\n';
        o += "Modified-Index: " + QByteArray::number(r.node.modifiedIndex) + '\n';
        if (r.prevNode)
            o += "PrevNode.Value: " + r.prevNode->value.toUtf8() + '\n';
        o += "TTL: " + QByteArray::number(r.node.ttl) + '\n';
        o += "Index: " + QByteArray::number(r.etcdIndex) + '\n';
        if (r.action != QLatin1String("delete"))
            o += '\n' + r.node.value.toUtf8() + '\n';
    } else if (format == QLatin1String("json")) {
        o = responseJson(r) + '\n';
    } else if (supported) {
        *supported = false;
    }
    return o;
}

void printResponseKey(const client::Response &r, const QString &format)
{
    bool supported = true;
    const QByteArray o = formatResponseKey(r, format, &supported);
    if (!supported) {
        Invocation::err(QStringLiteral("Unsupported output format: %1\n").arg(format));
        return;
    }
    Invocation::out(o);
}

namespace {

void printTree(const client::Node &n, bool slashDirs, QByteArray *o)
{
    *o += n.key.toUtf8() + (n.dir && slashDirs ? "/\n" : "\n");
    for (const client::Node &child : n.nodes)
        printTree(child, slashDirs, o);
}

} // namespace

QByteArray formatLs(const client::Response &r, bool slashDirs)
{
    QByteArray o;
    if (!r.node.dir)
        o += r.node.key.toUtf8() + '\n';
    for (const client::Node &child : r.node.nodes)
        printTree(child, slashDirs, &o);
    return o;
}

void printLs(const client::Response &r, const QString &format, bool slashDirs)
{
    if (format != QLatin1String("simple"))
        printResponseKey(r, format);
    else
        Invocation::out(formatLs(r, slashDirs));
}

} // namespace ctl
