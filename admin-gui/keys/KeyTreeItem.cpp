// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "keys/KeyTreeItem.h"

#include <algorithm>

namespace admin {

void KeyTreeItem::assign(const client::Node &node)
{
    key = node.key.isEmpty() ? QStringLiteral("/") : node.key;
    name = nameOf(key);
    hidden = isHiddenName(name);
    value = node.value;
    dir = node.dir;
    createdIndex = node.createdIndex;
    modifiedIndex = node.modifiedIndex;
    expiration = node.expiration;
    ttl = node.ttl;
}

client::Node KeyTreeItem::toNode() const
{
    client::Node n;
    n.key = key;
    n.value = value;
    n.dir = dir;
    n.createdIndex = createdIndex;
    n.modifiedIndex = modifiedIndex;
    n.expiration = expiration;
    n.ttl = ttl;
    return n;
}

int KeyTreeItem::lowerBound(const QString &childName) const
{
    const auto it = std::lower_bound(
        children.begin(), children.end(), childName,
        [](const std::unique_ptr<KeyTreeItem> &c, const QString &n) { return c->name < n; });
    return int(it - children.begin());
}

int KeyTreeItem::row() const
{
    return parent ? parent->lowerBound(name) : 0;
}

KeyTreeItem *KeyTreeItem::child(const QString &childName) const
{
    const int at = lowerBound(childName);
    if (at < int(children.size()) && children[size_t(at)]->name == childName)
        return children[size_t(at)].get();
    return nullptr;
}

QString KeyTreeItem::nameOf(const QString &key)
{
    QString k = key;
    while (k.size() > 1 && k.endsWith(QLatin1Char('/')))
        k.chop(1);
    const qsizetype slash = k.lastIndexOf(QLatin1Char('/'));
    return slash < 0 ? k : k.mid(slash + 1);
}

} // namespace admin
