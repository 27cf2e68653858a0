// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "StreamOutbox.h"

#include "SocketChannel.h"

#include <algorithm>
#include <vector>

#include <sched.h>

namespace http {

StreamOutbox::~StreamOutbox()
{
    takeAll(); // what a closed outbox was still handed
}

bool StreamOutbox::schedule(std::shared_ptr<SocketChannel> channel)
{
    if (m_closed.load())
        return false;
    auto *node = new Node{std::move(channel), nullptr};
    Node *head = m_incoming.load(std::memory_order_relaxed);
    do {
        node->next = head;
    } while (!m_incoming.compare_exchange_weak(head, node));
    // Closed meanwhile: close() may have taken the list before this node was on it.
    if (m_closed.load()) {
        takeAll();
        return false;
    }
    // Only the call that finds the thread idle wakes it; the thread clears m_posted only once
    // it has nothing left, and looks again after that (sendSome).
    if (m_posted.exchange(true))
        return true;
    return post();
}

bool StreamOutbox::post()
{
    if (m_thread->post([self = shared_from_this()] { self->sendSome(); }))
        return true;
    // The thread is gone: nothing queued here will ever be sent.
    m_closed.store(true);
    takeAll();
    return false;
}

void StreamOutbox::close()
{
    m_closed.store(true);
    takeAll();
}

void StreamOutbox::takeIncoming()
{
    Node *node = m_incoming.exchange(nullptr);
    const size_t from = m_ready.size();
    while (node) {
        m_ready.push_back(std::move(node->channel));
        delete std::exchange(node, node->next);
    }
    std::reverse(m_ready.begin() + qsizetype(from), m_ready.end()); // the list is newest first
}

std::deque<std::shared_ptr<SocketChannel>> StreamOutbox::takeAll()
{
    std::deque<std::shared_ptr<SocketChannel>> all;
    QMutexLocker lock(&m_readyMutex);
    takeIncoming();
    all.swap(m_ready);
    return all;
}

void StreamOutbox::sendSome()
{
    std::vector<std::shared_ptr<SocketChannel>> batch;
    {
        QMutexLocker lock(&m_readyMutex);
        takeIncoming();
        const size_t n = m_closed.load() ? 0 : std::min<size_t>(m_ready.size(), channelsPerTurn);
        batch.reserve(n);
        for (size_t i = 0; i < n; ++i) {
            batch.push_back(std::move(m_ready.front()));
            m_ready.pop_front();
        }
    }
    for (const std::shared_ptr<SocketChannel> &channel : batch)
        channel->sendPending(m_idleSender);
    batch.clear();
    if (m_idleSender)
        sched_yield();

    if (m_closed.load()) {
        takeAll();
        return; // m_posted stays set: nothing is posted to a closed outbox's thread again
    }
    bool more = false;
    {
        QMutexLocker lock(&m_readyMutex);
        takeIncoming();
        more = !m_ready.empty();
    }
    // Behind what was posted meanwhile (an answer) and the next look at the sockets.
    if (more) {
        post();
        return;
    }
    m_posted.store(false);
    // A channel scheduled after the last look saw m_posted still set and woke nobody.
    if (m_incoming.load() && !m_posted.exchange(true))
        post();
}

} // namespace http
