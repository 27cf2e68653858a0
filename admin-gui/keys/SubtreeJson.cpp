// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "keys/SubtreeJson.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace admin {

namespace {

const QString kFormat = QStringLiteral("qetcd-admin-export");

QString withoutTrailingSlash(QString key)
{
    while (key.endsWith(QLatin1Char('/')))
        key.chop(1);
    return key;
}

void collect(const client::Node &node, const QString &rootKey, const QString &target,
             QList<SubtreeWrite> *out, bool isRoot)
{
    const QString relative = node.key.mid(rootKey.size());
    SubtreeWrite w;
    w.key = target + relative;
    if (w.key.isEmpty())
        w.key = QStringLiteral("/");
    w.dir = node.dir;
    w.value = node.value;
    w.ttl = node.ttl;
    if (!node.dir) {
        out->append(w);
        return;
    }
    if (!isRoot && (node.nodes.isEmpty() || node.ttl > 0))
        out->append(w);
    for (const client::Node &child : node.nodes)
        collect(child, rootKey, target, out, false);
}

} // namespace

QByteArray SubtreeJson::toDocument(const client::Node &root)
{
    QJsonObject o;
    o.insert(QStringLiteral("format"), kFormat);
    o.insert(QStringLiteral("version"), 1);
    o.insert(QStringLiteral("root"), root.key.isEmpty() ? QStringLiteral("/") : root.key);
    o.insert(QStringLiteral("node"), root.toJson());
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

bool SubtreeJson::parse(const QByteArray &data, client::Node *root, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(data, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = pe.error != QJsonParseError::NoError
                     ? tr("The file is not JSON: %1").arg(pe.errorString())
                     : tr("The file does not hold a JSON object.");
        return false;
    }
    const QJsonObject o = doc.object();
    const QJsonObject node =
        o.contains(QLatin1String("node")) ? o.value(QLatin1String("node")).toObject() : o;
    if (!node.contains(QLatin1String("key"))) {
        *error = tr("The file holds no etcd node (no \"key\").");
        return false;
    }
    *root = client::Node::fromJson(node);
    return true;
}

QList<SubtreeWrite> SubtreeJson::writesFor(const client::Node &root, const QString &target)
{
    QList<SubtreeWrite> out;
    if (!root.dir) {
        SubtreeWrite w;
        w.key = target;
        w.value = root.value;
        w.ttl = root.ttl;
        out.append(w);
        return out;
    }
    collect(root, withoutTrailingSlash(root.key), withoutTrailingSlash(target), &out, true);
    return out;
}

} // namespace admin
