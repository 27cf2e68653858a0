// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "store/NodeValue.h"

#include <optional>

namespace store {

// The actions of etcd v2 events; their names are the wire strings of "action".
enum class Action { Get, Create, Set, Update, Delete, CompareAndSwap, CompareAndDelete, Expire };

QString actionName(Action a);

// Event: the result of one store operation, as sent to clients and watchers. A value.
// etcdIndex is the store index the client should see in X-Etcd-Index; for events
// served from history it is the store index at watch time (like etcd).
struct Event
{
    Action action = Action::Get;
    NodeValue node;
    std::optional<NodeValue> prevNode;
    quint64 etcdIndex = 0;
    bool refresh = false; // a TTL refresh: kept in history but notifies no watcher

    quint64 index() const { return node.modifiedIndex; }
    bool operator==(const Event &o) const
    {
        return action == o.action && node == o.node && prevNode == o.prevNode &&
               etcdIndex == o.etcdIndex && refresh == o.refresh;
    }
    bool operator!=(const Event &o) const { return !(*this == o); }
};

} // namespace store
