// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "store/Event.h"
#include "store/StoreStats.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <memory>
#include <optional>
#include <vector>

namespace store {

class Node;

// StoreSnapshot: the binary form of Store::save()/recover(). Stateless helpers.
//
// Format (QDataStream, Qt_6_4, little endian), version 1:
//   u32 magic 'QSNP' | u8 version | u64 index | 15 x u64 stats (StoreStats order,
//   watchers excluded) | tree | u32 historyCount | events
// tree: the root, then depth first: per node u8 flags (1 = dir), bytes name (UTF-8,
//   empty for the root), u64 createdIndex, u64 modifiedIndex, i64 expirationNs, and
//   bytes value (files) or u32 childCount followed by the children (dirs), in NodeNameLess
//   order.
// event: u8 action, u8 refresh, u64 etcdIndex, node, u8 hasPrevNode, [node]
//   node: bytes key, u8 flags (1 dir, 2 hasValue), [bytes value], i64 expirationNs,
//   i64 ttl, u64 modifiedIndex, u64 createdIndex (events never carry listings).
// decode() validates everything (names, children in order and so without duplicates,
// consecutive history indexes, trailing bytes) and never trusts a count to allocate.
class StoreSnapshot
{
public:
    struct Decoded
    {
        std::unique_ptr<Node> root;
        int nodeCount = 0;
        std::vector<Node *> expiring; // nodes with an expiration, for the TTL index
        quint64 index = 0;
        StoreStats stats;
        QList<Event> history;
    };

    static QByteArray encode(const Node &root, quint64 index, const StoreStats &stats,
                             const QList<Event> &history);
    // The same into *out, replacing its contents but keeping its allocation (see
    // Store::save(QByteArray *)).
    static void encode(const Node &root, quint64 index, const StoreStats &stats,
                       const QList<Event> &history, QByteArray *out);
    static std::optional<Decoded> decode(QByteArrayView data);
};

} // namespace store
