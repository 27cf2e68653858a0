// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "Mailbox.h"
#include "StreamOutbox.h"

#include <QThread>

#include <memory>

namespace http {

// A thread of the lowest scheduling priority (SCHED_IDLE) that writes the events of one client
// thread's plain-TCP watch streams, straight to a duplicate of each socket's descriptor
// (SocketChannel's "direct" mode), so that the fan-out of every write to 1,000 streams never
// takes a processor from the write path: the member's thread, the WAL writer and the client
// threads that read requests and write answers run first, and the streams get what is left.
//
// Why a thread of its own: with the fan-out on the client threads, which also serve requests,
// a write's p99 with 1,000 streams attached was 4 to 8 times the p99 without them (issue 15,
// target 6), and lowering those threads' priority would starve the ordinary requests they also
// serve (bench/README "Scale", sessions 23 and 29). The streams' sockets stay on their client
// thread, which still reads them (a client that leaves is seen there) and writes their heads and
// every other answer; only stream bytes go through here. TLS streams stay on the client thread
// (their bytes must go through the socket's session).
//
// Made and destroyed on any thread but its own; outbox() is shared with the channels, and is
// closed (refusing further work) before the thread stops.
class StreamSender
{
public:
    StreamSender();
    ~StreamSender();
    StreamSender(const StreamSender &) = delete;
    StreamSender &operator=(const StreamSender &) = delete;

    const std::shared_ptr<StreamOutbox> &outbox() const { return m_outbox; }

private:
    QThread m_thread;
    QObject *m_host; // lives on m_thread; deleted as it finishes
    std::shared_ptr<Mailbox> m_mailbox;
    std::shared_ptr<StreamOutbox> m_outbox;
};

} // namespace http
