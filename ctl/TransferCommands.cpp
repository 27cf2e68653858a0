// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "ctl/TransferCommands.h"
#include "client/JsonNumber.h"

#include "ctl/Invocation.h"

#include "client/Client.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ctl {

namespace {

constexpr int formatVersion = 1;

QJsonObject exportNode(const client::Node &n, const QString &rootKey)
{
    QJsonObject o;
    o.insert(QStringLiteral("key"), n.key.isEmpty() ? rootKey : n.key);
    if (n.dir) {
        o.insert(QStringLiteral("dir"), true);
        QJsonArray children;
        for (const client::Node &c : n.nodes)
            children.append(exportNode(c, rootKey));
        o.insert(QStringLiteral("nodes"), children);
    } else {
        o.insert(QStringLiteral("value"), n.value);
    }
    if (n.ttl > 0)
        o.insert(QStringLiteral("ttl"), double(n.ttl));
    return o;
}

int runExport(Invocation &inv)
{
    client::Client *c = inv.client();
    const QString key = inv.args().isEmpty() ? QStringLiteral("/") : inv.args().first();
    client::GetOptions o;
    o.recursive = true;
    o.sorted = true;
    o.quorum = true;
    client::Reply *r = c->get(key, o);
    inv.await(r);
    if (r->error())
        inv.handleError(Invocation::ServerError, r->error());
    const client::Response resp = r->keys();
    QJsonObject doc;
    doc.insert(QStringLiteral("qetcdExport"), formatVersion);
    const QString root = resp.node.key.isEmpty() ? QStringLiteral("/") : resp.node.key;
    doc.insert(QStringLiteral("root"), root);
    doc.insert(QStringLiteral("etcdIndex"), double(resp.etcdIndex));
    doc.insert(QStringLiteral("node"), exportNode(resp.node, root));
    Invocation::out(QJsonDocument(doc).toJson(QJsonDocument::Indented));
    return Invocation::Success;
}

struct Importer
{
    Invocation &inv;
    client::Client *client;
    QString from;
    QString to;
    int keys = 0;
    int dirs = 0;

    QString target(const QString &key) const
    {
        if (to.isEmpty() ||
            !(key == from ||
              key.startsWith(from.endsWith(QLatin1Char('/')) ? from : from + QLatin1Char('/'))))
            return key;
        QString rest = key.mid(from == QLatin1String("/") ? 0 : from.size());
        QString base =
            to.endsWith(QLatin1Char('/')) && rest.startsWith(QLatin1Char('/')) ? to.chopped(1) : to;
        return base + rest;
    }

    void check(client::Reply *r)
    {
        inv.await(r);
        if (r->error())
            inv.handleError(Invocation::ServerError, r->error());
    }

    void import(const QJsonObject &node)
    {
        const QString key = target(node.value(QStringLiteral("key")).toString());
        const qint64 ttl = client::json::toInt64(node.value(QStringLiteral("ttl"))).value_or(0);
        if (!node.value(QStringLiteral("dir")).toBool()) {
            client::SetOptions o;
            o.ttl = ttl;
            check(client->set(key, node.value(QStringLiteral("value")).toString(), o));
            ++keys;
            return;
        }
        if (key != QLatin1String("/") && !key.isEmpty()) {
            client::SetOptions o;
            o.ttl = ttl;
            o.prevExist = client::SetOptions::PrevExist::MustNotExist;
            client::Reply *r = client->setDir(key, o);
            inv.await(r);
            if (r->error().errorCode() == client::Error::NodeExist) {
                // An existing directory is kept; only its TTL follows the export.
                o.prevExist = client::SetOptions::PrevExist::MustExist;
                o.clearTtl = ttl == 0;
                check(client->setDir(key, o));
            } else if (r->error()) {
                inv.handleError(Invocation::ServerError, r->error());
            }
            ++dirs;
        }
        const QJsonArray children = node.value(QStringLiteral("nodes")).toArray();
        for (const QJsonValue &c : children)
            import(c.toObject());
    }
};

int runImport(Invocation &inv)
{
    if (inv.args().isEmpty())
        inv.handleError(Invocation::BadArgs,
                        Invocation::tr("export file required (\"-\" for standard input)"));
    const QString path = inv.args().first();
    QFile f;
    const bool opened = path == QLatin1String("-")
                            ? f.open(stdin, QIODevice::ReadOnly)
                            : (f.setFileName(path), f.open(QIODevice::ReadOnly));
    if (!opened)
        inv.handleError(Invocation::BadArgs,
                        QStringLiteral("open %1: %2").arg(path, f.errorString()));
    QJsonParseError pe;
    const QJsonObject doc = QJsonDocument::fromJson(f.readAll(), &pe).object();
    if (pe.error != QJsonParseError::NoError ||
        doc.value(QStringLiteral("qetcdExport")).toInt() != formatVersion)
        inv.handleError(
            Invocation::BadArgs,
            Invocation::tr("%1: not a qetcdctl export (version %2)").arg(path).arg(formatVersion));
    Importer importer{inv, inv.client(), doc.value(QStringLiteral("root")).toString(),
                      inv.flags().stringValue(QStringLiteral("prefix"))};
    importer.import(doc.value(QStringLiteral("node")).toObject());
    Invocation::out(Invocation::tr("imported %1 keys and %2 directories\n")
                        .arg(importer.keys)
                        .arg(importer.dirs));
    return Invocation::Success;
}

} // namespace

QList<Command> transferCommands()
{
    Command e;
    e.names = {QStringLiteral("export")};
    e.usage =
        Invocation::tr("write a subtree (values, directories, TTLs) as JSON to standard output");
    e.argsUsage = QStringLiteral("[key]");
    e.action = runExport;

    Command i;
    i.names = {QStringLiteral("import")};
    i.usage = Invocation::tr("recreate a subtree from an export file");
    i.argsUsage = QStringLiteral("<file|->");
    i.flags = {
        Flag::string({QStringLiteral("prefix")},
                     Invocation::tr("put the tree under this key instead of its exported root"))};
    i.action = runImport;
    return {e, i};
}

} // namespace ctl
