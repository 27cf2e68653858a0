// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "Mailbox.h"

#include <QMutex>

#include <atomic>
#include <deque>
#include <memory>

namespace http {

class SocketChannel;

// One thread's queue of watch streams with bytes to send (a client thread's, or its
// StreamSender's for direct streams): the api thread schedules a channel when its first unsent
// piece arrives (SocketChannel::enqueue), and the thread sends each scheduled channel's pieces,
// all of them in one write (SocketChannel::sendPending).
//
// Why: a write with 1,000 stream watchers used to post 1,000 calls to the client threads, each
// one socket write, and the writer's own answer was posted behind them: its latency was the
// whole fan-out's (bench/README "Scale", watchers). Here the fan-out goes at most
// `channelsPerTurn` channels per loop turn, so an answer posted meanwhile, or a request that
// arrives, waits for one batch rather than for all of them; and a stream that fell behind gets
// its events in one write instead of one each, so the fan-out costs less per event the further
// behind it is, instead of holding every writer to its pace. Nothing is dropped: a stream
// whose unsent bytes pass SocketChannel::maxBacklogBytes is closed, as before.
//
// schedule() never waits for the sending thread's work: channels arrive on a lock-free list,
// and the thread is woken (through its Qt event queue) only once it has said it is idle
// (m_posted), not while it sends. A StreamSender's thread runs at
// SCHED_IDLE and may get no processor for seconds on a busy machine; had it been preempted
// holding a lock that schedule() needs, the api thread (the member's own, which also runs Raft)
// would have waited as long (bench/README "Scale", session 35).
//
// Threads: schedule() from any thread; the sending runs on the mailbox's thread. Shared by
// the thread's Frontend and its channels; holds a scheduled channel until it has sent. Once
// closed (or once its mailbox refuses a post) it schedules nothing and drops what it held, so
// a channel and its outbox never keep each other alive after the thread is gone.
class StreamOutbox : public std::enable_shared_from_this<StreamOutbox>
{
public:
    // `idleSender`: the thread is a StreamSender's, at the lowest priority. It gives the
    // processor away after every turn (below), and it is the one thread that may wait for a
    // direct stream's lock (SocketChannel::sendPending).
    explicit StreamOutbox(std::shared_ptr<Mailbox> thread, bool idleSender = false)
        : m_thread(std::move(thread)), m_idleSender(idleSender)
    {
    }
    ~StreamOutbox();
    StreamOutbox(const StreamOutbox &) = delete;
    StreamOutbox &operator=(const StreamOutbox &) = delete;

    // False once closed: the channel's pieces will never be sent.
    bool schedule(std::shared_ptr<SocketChannel> channel);
    void close();

    // Few enough that an answer posted behind them leaves within a fraction of a millisecond
    // (a loopback write is 5 to 20 us). Measured with 1,000 streams and a PUT client, 20 s:
    // 8 gave 383 writes/s, 32 gave 270 to 335 (bench/README "Scale", watchers).
    static constexpr int channelsPerTurn = 8;

private:
    struct Node
    {
        std::shared_ptr<SocketChannel> channel;
        Node *next = nullptr;
    };
    void sendSome(); // the mailbox's thread
    // Queues sendSome() on the thread; false (and closed) once the thread is gone.
    bool post();
    // Moves what schedule() added to the end of m_ready, oldest first. Under m_readyMutex.
    void takeIncoming();
    // Everything held, to be destroyed by the caller outside any lock.
    std::deque<std::shared_ptr<SocketChannel>> takeAll();

    std::atomic<Node *> m_incoming{nullptr}; // scheduled, newest first; pushed without a lock
    std::atomic<bool> m_posted{false};       // a sendSome() is queued or running
    std::atomic<bool> m_closed{false};
    // The sending thread's queue; close() takes it too, and schedule() only once closed.
    QMutex m_readyMutex;
    std::deque<std::shared_ptr<SocketChannel>> m_ready;
    const std::shared_ptr<Mailbox> m_thread;
    // Why a SCHED_IDLE sender yields after every turn: under the EEVDF scheduler (Linux 6.6 and
    // later) a thread of that class, once picked, keeps its processor until the next scheduler
    // tick (4 ms at HZ=250) even while an ordinary thread of the member waits on the same
    // processor; only a wakeup preempts it at once, not a thread it had preempted before. Seen
    // with `perf sched timehist`: a client thread ready with a write's answer waited 4.5 ms
    // behind the sender. A yield after each turn of `channelsPerTurn` sends (tens of
    // microseconds) bounds that wait to one turn; with nothing else ready it returns at once.
    const bool m_idleSender;
};

} // namespace http
