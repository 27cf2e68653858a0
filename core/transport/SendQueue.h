// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "transport/BulkPayload.h"
#include "transport/BulkReader.h"
#include "transport/TransportTypes.h"

#include <QByteArray>
#include <QString>

#include <deque>
#include <memory>

namespace transport {

// The bounded outbox of one peer: two FIFO lanes (Normal, Bulk) of whole payloads, cut
// into frames only as the socket can take them, so a 100 MB snapshot costs no extra copy
// and a heartbeat waits behind at most one chunk. When both lanes have work, frames
// alternate between them. Bulk payloads always travel as Chunk frames (lane 1), so the
// receiver knows to acknowledge them with BulkAck.
//
// A Bulk payload may be file-backed (BulkPayload: an in-memory head, then a byte range of a
// file): the queue holds only its head and the file's name, and reads the file one chunk at a
// time through its BulkReader as frames are cut (the file is opened when the payload's first
// frame is cut), so a snapshot of any size costs one chunk of memory. The queue stays free of
// I/O itself: the reader is the only way to the disk, and tests give it a fake one. A file that
// cannot be read fails its payload (Output::failure) and nothing else.
//
// Invariants: Normal lane <= maxMessages payloads and <= maxBytes bytes; Bulk lane <=
// maxMessages payloads and <= maxMessageBytes bytes in memory (the heads: file-backed bodies do
// not count); a payload leaves its lane once its last frame has been handed out, or its file
// failed. Counts include a payload that is partly written. At most one file is open (the head
// of the Bulk lane, while partly framed).
// Pure (no I/O but through the reader); owned by an OutboundPeer; same thread.
class SendQueue
{
public:
    struct Limits
    {
        qsizetype maxMessages = 4096;
        qsizetype maxBytes = qsizetype(64) * 1024 * 1024;
        qsizetype maxMessageBytes = qsizetype(256) * 1024 * 1024;
        // How many times rewindPartial() restarts a partly written Bulk payload before it
        // drops it instead (a receiver that refuses it would otherwise see it forever).
        int maxBulkRestarts = 1;
    };

    // One frame to write. completedPayloadBytes >= 0 when this frame finishes a payload
    // (its size, for the sent counters), -1 otherwise; lane is the payload's.
    struct Output
    {
        QByteArray frame;
        qsizetype completedPayloadBytes = -1;
        Priority lane = Priority::Normal;
        // Non-empty: the head Bulk payload's file could not be read (why); the payload left the
        // queue and `frame` is empty.
        QString failure;
        // With a failure: some of that payload's frames were handed out before, so the peer
        // holds part of it and only closing the connection makes it drop that.
        bool failedMidway = false;
    };

    // Without a reader, file-backed Bulk payloads are refused (Invalid).
    explicit SendQueue(const Limits &limits, std::unique_ptr<BulkReader> reader = nullptr);

    // A Bulk payload given as bytes is a BulkPayload with only a head.
    SendResult enqueue(const QByteArray &payload, Priority priority);
    // Invalid: empty, a negative offset or length, or a file without a reader.
    SendResult enqueueBulk(const BulkPayload &payload);
    bool isEmpty() const { return m_lanes[0].payloads.empty() && m_lanes[1].payloads.empty(); }
    // Pre: !isEmpty().
    Output next();
    // The connection broke: a payload cut half-way starts over on the next connection,
    // since the receiver dropped its partial copy with the old connection; a Bulk one that
    // had already restarted maxBulkRestarts times is dropped instead. Returns how many
    // Bulk payloads were dropped (0 or 1).
    int rewindPartial();
    // Drops everything; returns how many payloads were discarded.
    qsizetype clear();

    qsizetype messageCount() const;
    // In-memory bytes queued (file-backed bodies excluded).
    qsizetype byteCount() const;
    void setLimits(const Limits &limits) { m_limits = limits; }

private:
    struct Entry
    {
        BulkPayload payload; // Normal lane: head only
        int restarts = 0;
    };
    struct Lane
    {
        std::deque<Entry> payloads;
        qsizetype bytes = 0;
        qint64 offset = 0; // of the head payload already framed (chunked payloads only)
    };

    Output takeFrom(int lane);
    void popFront(int lane);

    Limits m_limits;
    std::unique_ptr<BulkReader> m_reader;
    Lane m_lanes[2];
    int m_lastLane = 1;
};

} // namespace transport
