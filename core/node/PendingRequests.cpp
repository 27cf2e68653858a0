// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "node/PendingRequests.h"

namespace node {

void PendingRequests::addWrite(quint64 requestId, qint64 deadlineMs, Callback done)
{
    m_writes.insert(requestId, Waiter{deadlineMs, std::move(done), 0});
}

PendingRequests::Callback PendingRequests::takeWrite(quint64 requestId)
{
    auto it = m_writes.find(requestId);
    if (it == m_writes.end())
        return {};
    Callback done = std::move(it->done);
    m_writes.erase(it);
    return done;
}

void PendingRequests::addRead(const QByteArray &context, qint64 deadlineMs, Callback done)
{
    m_reads.insert(context, Waiter{deadlineMs, std::move(done), 0});
}

PendingRequests::Callback PendingRequests::takeRead(const QByteArray &context)
{
    auto it = m_reads.find(context);
    if (it == m_reads.end())
        return {};
    Callback done = std::move(it->done);
    m_reads.erase(it);
    return done;
}

void PendingRequests::readIndexConfirmed(const QByteArray &context, quint64 index)
{
    auto it = m_reads.find(context);
    if (it != m_reads.end())
        it->readIndex = qMax<quint64>(index, 1);
}

QList<PendingRequests::Callback> PendingRequests::readyReads(quint64 applied)
{
    QList<Callback> out;
    for (auto it = m_reads.begin(); it != m_reads.end();) {
        if (it->readIndex != 0 && it->readIndex <= applied) {
            out.append(std::move(it->done));
            it = m_reads.erase(it);
        } else {
            ++it;
        }
    }
    return out;
}

QList<PendingRequests::Callback> PendingRequests::expire(qint64 nowMs)
{
    QList<Callback> out;
    for (auto it = m_writes.begin(); it != m_writes.end();) {
        if (it->deadlineMs <= nowMs) {
            out.append(std::move(it->done));
            it = m_writes.erase(it);
        } else {
            ++it;
        }
    }
    for (auto it = m_reads.begin(); it != m_reads.end();) {
        if (it->deadlineMs <= nowMs) {
            out.append(std::move(it->done));
            it = m_reads.erase(it);
        } else {
            ++it;
        }
    }
    return out;
}

} // namespace node
