// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "store/NodeValue.h"

#include <utility>
#include <vector>

namespace store {

void NodeValue::releaseNodes()
{
    // Only a list this value alone holds is taken apart: a shared one just loses a
    // reference here, and its last holder takes it apart in turn.
    if (!nodes.isDetached())
        return;
    std::vector<NodeValue> pending;
    pending.reserve(size_t(nodes.size()));
    for (NodeValue &c : nodes)
        pending.push_back(std::move(c));
    nodes.clear();
    while (!pending.empty()) {
        NodeValue n = std::move(pending.back());
        pending.pop_back();
        if (n.nodes.isDetached()) {
            for (NodeValue &c : n.nodes)
                pending.push_back(std::move(c));
            n.nodes.clear();
        }
    } // each n dies with its children moved out (or shared), so nothing recurses
}

bool NodeValue::operator==(const NodeValue &o) const
{
    std::vector<std::pair<const NodeValue *, const NodeValue *>> pending{{this, &o}};
    while (!pending.empty()) {
        const auto [a, b] = pending.back();
        pending.pop_back();
        if (a->key != b->key || a->dir != b->dir || a->value != b->value ||
            a->expirationNs != b->expirationNs || a->ttl != b->ttl ||
            a->modifiedIndex != b->modifiedIndex || a->createdIndex != b->createdIndex ||
            a->hasNodes != b->hasNodes || a->nodes.size() != b->nodes.size())
            return false;
        if (a->nodes.isSharedWith(b->nodes))
            continue;
        for (qsizetype i = 0; i < a->nodes.size(); ++i)
            pending.push_back({&a->nodes.at(i), &b->nodes.at(i)});
    }
    return true;
}

} // namespace store
