// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "store/NodeValue.h"

#include <QByteArray>
#include <QString>
#include <QStringView>

#include <map>
#include <memory>

namespace store {

// Orders child names like Go orders strings (byte order of UTF-8 = code point order), so
// sorted listings match etcd even for characters outside the BMP. Transparent, so a
// QStringView segment can be looked up without building a QString.
struct NodeNameLess
{
    using is_transparent = void;
    bool operator()(QStringView a, QStringView b) const;
};

// Go's strings of a clean path: segments between slashes, the leading "/" skipped; `f` returns
// false to stop. Shared by the walks down the tree (Store) and the snapshot's (StoreSnapshot).
template <typename F> void forEachSegment(const QString &clean, qsizetype end, F &&f)
{
    qsizetype pos = 1;
    while (pos < end) {
        qsizetype slash = clean.indexOf(QLatin1Char('/'), pos);
        if (slash < 0 || slash > end)
            slash = end;
        if (!f(QStringView(clean).mid(pos, slash - pos)))
            return;
        pos = slash + 1;
    }
}

// Node: one node of the store's tree (etcd's v2store node): a key with a value or a
// directory with children. Owned by its parent (the root by Store); `parent` is a
// non-owning back pointer. Internal to core/store.
// A node keeps only its own name (the last segment of its key; empty for the root), never
// its full key: a key N levels deep then costs O(N) characters, not O(N^2) (issue 12).
// path() rebuilds the key from the names up to the root; callers that already know the
// key (they just walked to the node) pass it to repr()/load() instead.
// expirationNs == 0 means permanent; otherwise the node is in the store's TtlIndex.
// Every walk over the tree (destructor, listings) is iterative: depth never uses stack.
class Node
{
public:
    using Children = std::map<QString, std::unique_ptr<Node>, NodeNameLess>;

    Node(const QString &name, Node *parent, bool dir, quint64 index, qint64 expirationNs);
    ~Node(); // iterative: a very deep tree must not overflow the stack
    Node(const Node &) = delete;
    Node &operator=(const Node &) = delete;

    const QString name; // the key's last segment; shared with the parent's map key
    // Files only. UTF-8, not QString's UTF-16: half the memory for the ASCII values configuration
    // stores hold (issue 15), and the snapshot writes it as it is; reads convert it.
    QByteArray value;
    Node *parent = nullptr;
    bool dir = false;
    quint64 createdIndex = 0;
    quint64 modifiedIndex = 0;
    qint64 expirationNs = 0;
    Children children; // dirs only

    // Stores `v` as UTF-8 at its exact size (QString::toUtf8 reserves three bytes per
    // character, which would cost more than the UTF-16 it replaces).
    void setValue(const QString &v)
    {
        value = v.toUtf8();
        value.squeeze();
    }
    bool isPermanent() const { return expirationNs == 0; }
    bool isHidden() const;
    Node *child(QStringView name) const;
    // Inserts c (whose parent is this) under its name; returns it.
    Node *adopt(std::unique_ptr<Node> c);
    // The full clean key ("/" for the root), built by walking the parents: O(depth).
    QString path() const;

    // etcd's node.Repr: this node alone, or (recursive) its visible subtree.
    // `key` must be this node's path().
    NodeValue repr(const QString &key, bool recursive, bool sorted, qint64 nowNs) const;
    // etcd's NodeExtern.loadInternalNode: as repr(), but a dir always lists its children.
    NodeValue load(const QString &key, bool recursive, bool sorted, qint64 nowNs) const;

    // ceil((expiration - now) / 1 s), truncated toward zero when negative (Go semantics).
    static qint64 ttlSeconds(qint64 expirationNs, qint64 nowNs);
    // The key of the child `name` of the node with key `parentKey`.
    static QString joinPath(const QString &parentKey, QStringView name);

private:
    void fillBasics(NodeValue &v, const QString &key, qint64 nowNs) const;
    NodeValue build(const QString &key, bool listSelf, bool recursive, qint64 nowNs) const;
};

} // namespace store
