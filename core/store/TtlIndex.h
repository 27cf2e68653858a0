// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QString>

#include <map>
#include <utility>

namespace store {

class Node;

// TtlIndex: the nodes that expire, ordered by (expiration, path). Ties are broken by the
// path, not by insertion order, so every member (including one restored from a snapshot)
// expires simultaneous nodes in the same order and gives them the same indexes.
// Nodes keep only their name, so callers pass the node's full key (Node::path(), or
// the key they walked to it by); the index keeps its own copy for the ordering.
// Non-owning: Store keeps it in step with the tree. Single-threaded.
class TtlIndex
{
public:
    void add(Node *n, const QString &path);    // n->expirationNs != 0
    void remove(Node *n, const QString &path); // with the expirationNs it was added with
    Node *top() const { return m_nodes.empty() ? nullptr : m_nodes.begin()->second; }
    // The key of top().
    const QString &topPath() const { return m_nodes.begin()->first.second; }
    qint64 earliest() const { return m_nodes.empty() ? 0 : m_nodes.begin()->first.first; }
    int size() const { return int(m_nodes.size()); }
    void clear() { m_nodes.clear(); }

private:
    std::map<std::pair<qint64, QString>, Node *> m_nodes;
};

} // namespace store
