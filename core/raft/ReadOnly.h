// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>
#include <QList>

#include <map>

namespace raft {

// The leader's queue of ReadIndex requests waiting for a heartbeat round to confirm it is
// still leader (thesis 6.4). Each request records the commit index at arrival; once a quorum
// acknowledges a heartbeat carrying a request's context, that request and every older one
// are confirmed (they were registered earlier, so leadership at their time is implied).
// Invariant: m_queue and m_pending hold the same contexts, in arrival order.
class ReadOnly
{
public:
    struct Request
    {
        quint64 index = 0;
        quint64 from = 0; // 0 = local request of the leader itself
        QByteArray context;
        QList<quint64> acks;
    };

    // Ignored when a request with that context is already pending.
    void add(quint64 index, quint64 from, const QByteArray &context);
    // Records an acknowledgement; returns the acknowledgers so far, or nullptr if unknown.
    const QList<quint64> *ack(quint64 id, const QByteArray &context);
    // Removes and returns every request up to and including context.
    QList<Request> advance(const QByteArray &context);
    QByteArray lastPendingContext() const
    {
        return m_queue.isEmpty() ? QByteArray() : m_queue.last();
    }
    void reset();

private:
    std::map<QByteArray, Request> m_pending;
    QList<QByteArray> m_queue;
};

} // namespace raft
