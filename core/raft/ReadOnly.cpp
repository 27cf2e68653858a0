// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Bookkeeping of pending ReadIndex requests at the leader (see ReadOnly.h).
#include "raft/ReadOnly.h"

namespace raft {

void ReadOnly::add(quint64 index, quint64 from, const QByteArray &context)
{
    if (m_pending.count(context))
        return;
    m_pending.emplace(context, Request{index, from, context, {}});
    m_queue.append(context);
}

const QList<quint64> *ReadOnly::ack(quint64 id, const QByteArray &context)
{
    auto it = m_pending.find(context);
    if (it == m_pending.end())
        return nullptr;
    if (!it->second.acks.contains(id))
        it->second.acks.append(id);
    return &it->second.acks;
}

QList<ReadOnly::Request> ReadOnly::advance(const QByteArray &context)
{
    QList<Request> done;
    const qsizetype pos = m_queue.indexOf(context);
    if (pos < 0)
        return done;
    for (qsizetype i = 0; i <= pos; ++i) {
        auto it = m_pending.find(m_queue.at(i));
        done.append(it->second);
        m_pending.erase(it);
    }
    m_queue.remove(0, pos + 1);
    return done;
}

void ReadOnly::reset()
{
    m_pending.clear();
    m_queue.clear();
}

} // namespace raft
