#pragma once

#include "store/NodeValue.h"

#include <QString>
#include <QStringView>

#include <map>
#include <memory>

// Orders child names like Go orders strings (byte order of UTF-8 = code point order), so
// sorted listings match etcd even for characters outside the BMP. Transparent, so a
// QStringView segment can be looked up without building a QString.
struct NodeNameLess
{
    using is_transparent = void;
    bool operator()(QStringView a, QStringView b) const;
};

// Node: one node of the store's tree (etcd's v2store node): a key with a value or a
// directory with children. Owned by its parent (the root by Store); `parent` is a
// non-owning back pointer. `path` is the full clean key. Internal to core/store.
// expirationNs == 0 means permanent; otherwise the node is in the store's TtlIndex.
class Node
{
public:
    using Children = std::map<QString, std::unique_ptr<Node>, NodeNameLess>;

    Node(const QString &path, Node *parent, bool dir, quint64 index, qint64 expirationNs);
    ~Node(); // iterative: a very deep tree must not overflow the stack
    Node(const Node &) = delete;
    Node &operator=(const Node &) = delete;

    QString path;
    QString value; // files only
    Node *parent = nullptr;
    bool dir = false;
    quint64 createdIndex = 0;
    quint64 modifiedIndex = 0;
    qint64 expirationNs = 0;
    Children children; // dirs only

    bool isPermanent() const { return expirationNs == 0; }
    QStringView name() const;
    bool isHidden() const;
    Node *child(QStringView name) const;

    // etcd's node.Repr: this node alone, or (recursive) its visible subtree.
    NodeValue repr(bool recursive, bool sorted, qint64 nowNs) const;
    // etcd's NodeExtern.loadInternalNode: as repr(), but a dir always lists its children.
    NodeValue load(bool recursive, bool sorted, qint64 nowNs) const;

    // ceil((expiration - now) / 1 s), truncated toward zero when negative (Go semantics).
    static qint64 ttlSeconds(qint64 expirationNs, qint64 nowNs);

private:
    void fillBasics(NodeValue &v, qint64 nowNs) const;
    void listChildren(NodeValue &v, bool recursive, bool sorted, qint64 nowNs) const;
};
