// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "MemoryNetwork.h"

#include <utility>

#include <algorithm>

MemoryNetwork::MemoryNetwork(MemoryHub &hub, QObject *parent) : PeerNetwork(parent), m_hub(hub) {}

MemoryNetwork::~MemoryNetwork()
{
    if (m_selfId != 0)
        m_hub.detach(m_selfId);
}

void MemoryNetwork::attach(quint64 selfId)
{
    m_selfId = selfId;
    m_hub.attach(selfId, this);
}

void MemoryNetwork::addPeer(quint64 id, const QList<QUrl> &)
{
    if (id != 0 && id != m_selfId)
        m_peers.insert(id);
}

void MemoryNetwork::updatePeer(quint64 id, const QList<QUrl> &urls)
{
    addPeer(id, urls);
}

void MemoryNetwork::removePeer(quint64 id)
{
    m_peers.remove(id);
}

QList<quint64> MemoryNetwork::peers() const
{
    QList<quint64> ids(m_peers.cbegin(), m_peers.cend());
    std::sort(ids.begin(), ids.end());
    return ids;
}

transport::SendResult MemoryNetwork::send(quint64 to, const QByteArray &payload,
                                          transport::Priority priority)
{
    if (!m_peers.contains(to))
        return transport::SendResult::UnknownPeer;
    const bool bulk = priority == transport::Priority::Bulk;
    if (bulk)
        ++m_sentBulk;
    m_hub.deliver(m_selfId, to, payload, bulk);
    return transport::SendResult::Queued;
}

transport::PeerStats MemoryNetwork::stats(quint64 id) const
{
    transport::PeerStats s;
    s.id = id;
    return s;
}

void MemoryHub::isolate(quint64 id)
{
    m_cut.insert(id);
}

void MemoryHub::heal(quint64 id)
{
    m_cut.remove(id);
}

bool MemoryHub::linked(quint64 a, quint64 b) const
{
    return !m_cut.contains(a) && !m_cut.contains(b);
}

void MemoryHub::releaseBulk(quint64 id)
{
    m_holdingBulk.remove(id);
    const QList<HeldBulk> held = std::exchange(m_heldBulk, {});
    for (const HeldBulk &b : held) {
        if (b.to == id)
            deliver(b.from, b.to, b.payload, true);
        else
            m_heldBulk.append(b);
    }
}

void MemoryHub::deliver(quint64 from, quint64 to, const QByteArray &payload, bool bulk)
{
    if (bulk && m_holdingBulk.contains(to)) {
        m_heldBulk.append(HeldBulk{from, to, payload});
        return;
    }
    QMetaObject::invokeMethod(
        this,
        [this, from, to, payload, bulk] {
            MemoryNetwork *target = m_ends.value(to);
            const bool delivered = target && linked(from, to) && target->hasPeer(from);
            if (delivered)
                Q_EMIT target->messageReceived(from, payload);
            if (MemoryNetwork *sender = bulk ? m_ends.value(from) : nullptr)
                Q_EMIT sender->bulkSendFinished(to, delivered);
        },
        Qt::QueuedConnection);
}
