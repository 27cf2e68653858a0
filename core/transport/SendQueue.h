// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "transport/TransportTypes.h"

#include <QByteArray>

#include <deque>

namespace transport {

// The bounded outbox of one peer: two FIFO lanes (Normal, Bulk) of whole payloads, cut
// into frames only as the socket can take them, so a 100 MB snapshot costs no extra copy
// and a heartbeat waits behind at most one chunk. When both lanes have work, frames
// alternate between them. Bulk payloads always travel as Chunk frames (lane 1), so the
// receiver knows to acknowledge them with BulkAck.
// Invariants: Normal lane <= maxMessages payloads and <= maxBytes bytes; Bulk lane <=
// maxMessages payloads and <= maxMessageBytes bytes; a payload leaves its lane once its
// last frame has been handed out. Counts include a payload that is partly written.
// Pure (no I/O); owned by an OutboundPeer; same thread.
class SendQueue
{
public:
    struct Limits
    {
        qsizetype maxMessages = 4096;
        qsizetype maxBytes = qsizetype(64) * 1024 * 1024;
        qsizetype maxMessageBytes = qsizetype(256) * 1024 * 1024;
    };

    // One frame to write. completedPayloadBytes >= 0 when this frame finishes a payload
    // (its size, for the sent counters), -1 otherwise; lane is the payload's.
    struct Output
    {
        QByteArray frame;
        qsizetype completedPayloadBytes = -1;
        Priority lane = Priority::Normal;
    };

    explicit SendQueue(const Limits &limits);

    SendResult enqueue(const QByteArray &payload, Priority priority);
    bool isEmpty() const { return m_lanes[0].payloads.empty() && m_lanes[1].payloads.empty(); }
    // Pre: !isEmpty().
    Output next();
    // The connection broke: a payload cut half-way starts over on the next connection,
    // since the receiver dropped its partial copy with the old connection.
    void rewindPartial();
    // Drops everything; returns how many payloads were discarded.
    qsizetype clear();

    qsizetype messageCount() const;
    qsizetype byteCount() const;
    void setLimits(const Limits &limits) { m_limits = limits; }

private:
    struct Lane
    {
        std::deque<QByteArray> payloads;
        qsizetype bytes = 0;
        qsizetype offset = 0; // of the head payload already framed (chunked payloads only)
    };

    Output takeFrom(int lane);

    Limits m_limits;
    Lane m_lanes[2];
    int m_lastLane = 1;
};

} // namespace transport
