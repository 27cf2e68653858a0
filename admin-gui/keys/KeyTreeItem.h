// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "client/Node.h"

#include <QString>

#include <memory>
#include <vector>

namespace admin {

// One node of KeyTreeModel's mirror of the key space. A directory knows
// whether its children were listed (LoadState) and at which X-Etcd-Index
// the listing was taken, so watch events older than the listing are not
// applied twice.
// Invariants: children are sorted by name (QString order) and names are
// unique among siblings, which lets row() find a child by binary search
// instead of storing positions that every insertion would shift; a key
// never has children. The tree owns its items through `children`.
// Not thread-safe: a worker thread may build detached items, the model's
// thread owns them once attached.
class KeyTreeItem
{
public:
    // Failed: the last listing failed; it is not retried by the view on its
    // own (that could loop), only by retryLoad() or reload().
    enum class LoadState { NotLoaded, Loading, Loaded, Failed };

    QString name; // last path segment ("" for the root)
    QString key;  // full path, "/" for the root
    QString value;
    bool dir = false;
    bool hidden = false; // name starts with '_': the server never lists it
    quint64 createdIndex = 0;
    quint64 modifiedIndex = 0;
    QString expiration;
    qint64 ttl = 0;

    KeyTreeItem *parent = nullptr;
    std::vector<std::unique_ptr<KeyTreeItem>> children;
    LoadState state = LoadState::NotLoaded;
    quint64 loadedIndex = 0;

    // Fields of `node` (not its children); name and hidden follow the key.
    void assign(const client::Node &node);
    client::Node toNode() const;

    int row() const;
    // Position at which a child called `childName` is or would be.
    int lowerBound(const QString &childName) const;
    KeyTreeItem *child(const QString &childName) const;

    static QString nameOf(const QString &key);
    static bool isHiddenName(const QString &name) { return name.startsWith(QLatin1Char('_')); }
};

} // namespace admin
