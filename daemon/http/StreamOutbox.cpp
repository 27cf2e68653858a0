// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "StreamOutbox.h"

#include "SocketChannel.h"

#include <vector>

#include <sched.h>

namespace http {

bool StreamOutbox::schedule(std::shared_ptr<SocketChannel> channel)
{
    std::deque<std::shared_ptr<SocketChannel>> dropped; // destroyed after the lock is let go
    QMutexLocker lock(&m_mutex);
    if (m_closed)
        return false;
    m_ready.push_back(std::move(channel));
    if (m_posted)
        return true;
    m_posted = true;
    if (m_thread->post([self = shared_from_this()] { self->sendSome(); }))
        return true;
    // The thread is gone: nothing queued here will ever be sent.
    m_closed = true;
    dropped.swap(m_ready);
    return false;
}

void StreamOutbox::close()
{
    std::deque<std::shared_ptr<SocketChannel>> dropped; // destroyed after the lock is let go
    QMutexLocker lock(&m_mutex);
    m_closed = true;
    dropped.swap(m_ready);
}

void StreamOutbox::sendSome()
{
    std::vector<std::shared_ptr<SocketChannel>> batch;
    {
        QMutexLocker lock(&m_mutex);
        const size_t n = std::min<size_t>(m_ready.size(), channelsPerTurn);
        batch.reserve(n);
        for (size_t i = 0; i < n; ++i) {
            batch.push_back(std::move(m_ready.front()));
            m_ready.pop_front();
        }
    }
    for (const std::shared_ptr<SocketChannel> &channel : batch)
        channel->sendPending();
    batch.clear();
    if (m_yieldEachTurn)
        sched_yield();

    std::deque<std::shared_ptr<SocketChannel>> dropped; // destroyed after the lock is let go
    QMutexLocker lock(&m_mutex);
    if (m_ready.empty() || m_closed) {
        m_posted = false;
        return;
    }
    // Behind what was posted meanwhile (an answer) and the next look at the sockets.
    if (!m_thread->post([self = shared_from_this()] { self->sendSome(); })) {
        m_closed = true;
        dropped.swap(m_ready);
    }
}

} // namespace http
