// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QtGlobal>

namespace transport {

// Which lane a payload takes to its peer. Within a lane payloads arrive in the order
// they were sent; the two lanes interleave chunk by chunk so that heartbeats and votes
// never queue behind a snapshot. Use Bulk for MsgSnap, Normal for everything else: the
// receiver acknowledges each Bulk payload, which PeerTransport reports through
// bulkSendFinished() (for RawNode::reportSnapshot).
enum class Priority : quint8 { Normal = 0, Bulk = 1 };

// What send() did with a payload. Anything but Queued counted as a failure for the peer.
enum class SendResult {
    Queued,      // will be written once connected (not a delivery guarantee)
    UnknownPeer, // no such peer (not added, or removed)
    QueueFull,   // the peer's lane is at its message or byte bound: dropped
    TooLarge,    // larger than maxMessageBytes (or, in the Normal lane, maxQueueBytes)
    Invalid,     // an empty or malformed Bulk payload; an unreadable file (sendBulk)
};

} // namespace transport
