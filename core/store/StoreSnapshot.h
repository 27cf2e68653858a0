// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "store/Event.h"
#include "store/StoreCapture.h"
#include "store/StoreStats.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <deque>
#include <memory>
#include <optional>
#include <vector>

namespace store {

class DataStreamReader;
class Node;

// StoreSnapshot: the binary form of Store::save()/recover(): encode/decode are stateless;
// Encoder (below) writes the same form piece by piece from a StoreCapture.
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
    static std::optional<Decoded> decode(QByteArrayView data);
    // The same from a reader, which it leaves just after the image (whatever follows is the
    // caller's to check): a snapshot file read a piece at a time.
    static std::optional<Decoded> decode(DataStreamReader &reader);

    // Writes the image of a capture piece by piece: each next() appends about `maxBytes`
    // (whole nodes) to *out, so that the store's owner can encode a piece at a time between its
    // changes and have each written to disk (issue 15: a snapshot of any size without a second
    // copy of the store in memory, and the member held a moment at a time). encode() is one
    // next() without limit. The capture must outlive the encoder; no change may come in during
    // one next().
    //
    // A value of kQueueFrom bytes or more is not copied into the piece it begins in: the piece
    // ends with its length, and the value's bytes follow in the next pieces, maxBytes at a time
    // (queued as the shared QByteArray, with whatever the piece had written after it). So one
    // large value (up to --max-request-bytes) no longer makes one long piece: an 8 MiB value
    // held the member for 87 ms. The bytes are the same however the image is cut.
    class Encoder
    {
    public:
        explicit Encoder(const StoreCapture &capture) : m_capture(capture) {}
        // Appends the next piece; true while more is to come (then call again).
        bool next(QByteArray *out, qsizetype maxBytes);

        static constexpr qsizetype kQueueFrom = 64 * 1024;

    private:
        // Appends queued bytes to *out until it holds `limit` bytes; true while some are left.
        bool drain(QByteArray *out, qsizetype limit);

        struct Frame
        {
            const Node *dir;
            QString after; // the last child written; none yet when `started` is false
            bool started = false;
            StoreCapture::ChildCursor cursor; // valid within one next() only
        };
        enum class Phase { Head, Tree, History, Done };
        const StoreCapture &m_capture;
        Phase m_phase = Phase::Head;
        std::vector<Frame> m_open;       // directories whose children are being written
        qsizetype m_historyAt = -1;      // the next event of the history to write; -1: its count
        std::deque<QByteArray> m_queued; // bytes that come before anything else is encoded
        qsizetype m_queuedAt = 0;        // how much of m_queued.front() is written already
    };
};

} // namespace store
