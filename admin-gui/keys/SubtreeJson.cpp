// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "keys/SubtreeJson.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

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

QString normalKey(const QString &key)
{
    return key == QLatin1String("/") ? QString() : key;
}

client::Node *ensureDirectory(client::Node *root, const QString &key)
{
    // A key not below root (callers' mistake) ends at root instead of looping.
    if (normalKey(key) == normalKey(root->key) || key.size() <= normalKey(root->key).size())
        return root;
    client::Node *parent = ensureDirectory(root, key.left(key.lastIndexOf(QLatin1Char('/'))));
    for (client::Node &child : parent->nodes) {
        if (child.key == key)
            return &child;
    }
    client::Node dir;
    dir.key = key;
    dir.dir = true;
    dir.nodesPresent = true;
    parent->nodesPresent = true;
    parent->nodes.append(dir);
    return &parent->nodes.last();
}

} // namespace

void SubtreeJson::graft(client::Node *root, const client::Node &node)
{
    if (normalKey(node.key) == normalKey(root->key)) {
        *root = node;
        return;
    }
    client::Node *parent =
        ensureDirectory(root, node.key.left(node.key.lastIndexOf(QLatin1Char('/'))));
    parent->dir = true;
    parent->nodesPresent = true;
    for (client::Node &child : parent->nodes) {
        if (child.key == node.key) {
            child = node;
            return;
        }
    }
    // Keep the children sorted, as a sorted listing has them.
    auto at = std::lower_bound(parent->nodes.begin(), parent->nodes.end(), node.key,
                               [](const client::Node &n, const QString &k) { return n.key < k; });
    parent->nodes.insert(at, node);
}

QString SubtreeJson::cleanKey(QString key)
{
    key = key.trimmed();
    if (!key.startsWith(QLatin1Char('/')))
        key.prepend(QLatin1Char('/'));
    while (key.size() > 1 && key.endsWith(QLatin1Char('/')))
        key.chop(1);
    return key;
}

int SubtreeJson::countKeys(const client::Node &root)
{
    if (!root.dir)
        return 1;
    int n = 0;
    for (const client::Node &child : root.nodes)
        n += countKeys(child);
    return n;
}

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
