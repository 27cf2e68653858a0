// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "store/TtlIndex.h"

#include "store/Node.h"

namespace store {

void TtlIndex::add(Node *n, const QString &path)
{
    Q_ASSERT(path == n->path());
    m_nodes[{n->expirationNs, path}] = n;
}

void TtlIndex::remove(Node *n, const QString &path)
{
    Q_ASSERT(path == n->path());
    m_nodes.erase({n->expirationNs, path});
}

} // namespace store
