// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace store {

// NodeValue: a node as handed to clients (etcd's NodeExtern). A detached copy: it never
// points into the store, so it can outlive any later mutation.
//
// JSON mapping (etcd omits empty fields): "key" (etcd omits it for the root, whose key
// here is "/"), "value" when set, "dir" when true, "expiration" and "ttl" when
// expirationNs != 0 (ttl may be <= 0 for a node that is due but not yet expired; etcd
// omits a ttl of 0), "nodes" when hasNodes, "modifiedIndex"/"createdIndex" when != 0.
//
// A listing nests one NodeValue per level, so the destructor and operator== walk the
// tree with an explicit stack: a chain as deep as the store allows must not overflow the
// thread's stack. Copies share `nodes` (QList is implicitly shared), so copying is O(1).
struct NodeValue
{
    QString key; // "/a/b"; "/" for the root
    bool dir = false;
    // UTF-8, absent for dirs and for deleted nodes in events. Shares the node's bytes (Node::value)
    // rather than holding a UTF-16 copy: the event history keeps 1,000 of these, and with values
    // of a megabyte it held 2 GB beside the store's 1 GB (etcd's events share the node's string).
    std::optional<QByteArray> value;
    qint64 expirationNs = 0; // absolute, ns since Unix epoch UTC; 0 = permanent
    qint64 ttl = 0;          // seconds left, ceil((expiration - now) / 1 s) like etcd
    quint64 modifiedIndex = 0, createdIndex = 0;
    QList<NodeValue> nodes; // children, when listed (hidden "_" children left out)
    bool hasNodes = false;  // emit "nodes": a listed dir with at least one visible child
                            // (etcd's omitempty drops an empty list)

    NodeValue() = default;
    NodeValue(const NodeValue &) = default;
    NodeValue(NodeValue &&) noexcept = default;
    NodeValue &operator=(const NodeValue &) = default;
    NodeValue &operator=(NodeValue &&) noexcept = default;
    ~NodeValue()
    {
        if (!nodes.isEmpty())
            releaseNodes();
    }

    bool operator==(const NodeValue &o) const;
    bool operator!=(const NodeValue &o) const { return !(*this == o); }

private:
    void releaseNodes(); // the iterative part of the destructor
};

} // namespace store
