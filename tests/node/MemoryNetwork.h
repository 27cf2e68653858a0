// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "transport/PeerNetwork.h"

#include <QHash>
#include <QSet>

class MemoryHub;

// One member's end of an in-memory network (tests): what it sends reaches
// the addressed member's end through the event loop, never inside send(), in
// order, unless the hub has cut the link (then it is lost, as on a real
// network: Raft retransmits). A Bulk payload (a snapshot) ends in
// bulkSendFinished(): delivered or lost. Stats are zero. Test thread only.
class MemoryNetwork : public transport::PeerNetwork
{
    Q_OBJECT
public:
    explicit MemoryNetwork(MemoryHub &hub, QObject *parent = nullptr);
    ~MemoryNetwork() override;

    // The member this end belongs to (known once its EtcdNode is made).
    void attach(quint64 selfId);
    quint64 selfId() const { return m_selfId; }

    void addPeer(quint64 id, const QList<QUrl> &peerUrls) override;
    void updatePeer(quint64 id, const QList<QUrl> &peerUrls) override;
    void removePeer(quint64 id) override;
    bool hasPeer(quint64 id) const override { return m_peers.contains(id); }
    QList<quint64> peers() const override;
    transport::SendResult send(quint64 to, const QByteArray &payload,
                               transport::Priority priority) override;
    transport::PeerStats stats(quint64 id) const override;
    transport::TrafficStats trafficStats() const override { return {}; }
    void resetPeerStats() override {}

    quint64 sentBulk() const { return m_sentBulk; }

private:
    MemoryHub &m_hub;
    quint64 m_selfId = 0;
    QSet<quint64> m_peers;
    quint64 m_sentBulk = 0;
};

// The wires between MemoryNetwork ends: which members are attached and
// which links are cut (in both directions).
class MemoryHub : public QObject
{
    Q_OBJECT
public:
    void attach(quint64 id, MemoryNetwork *end) { m_ends.insert(id, end); }
    void detach(quint64 id) { m_ends.remove(id); }
    // Cuts every link of `id` with the others, or heals them.
    void isolate(quint64 id);
    void heal(quint64 id);
    void healAll() { m_cut.clear(); }
    bool linked(quint64 a, quint64 b) const;
    // Keeps Bulk payloads (snapshots) to `id` on the wire, neither delivered nor reported,
    // until releaseBulk(id) delivers them in order: a snapshot that takes long to arrive.
    void holdBulk(quint64 id) { m_holdingBulk.insert(id); }
    void releaseBulk(quint64 id);

    // Delivers from the event loop: `payload` to `to` if both are attached
    // and linked then; a Bulk payload reports its fate to the sender.
    void deliver(quint64 from, quint64 to, const QByteArray &payload, bool bulk);

private:
    QHash<quint64, MemoryNetwork *> m_ends;
    QSet<quint64> m_cut; // isolated members
    QSet<quint64> m_holdingBulk;
    struct HeldBulk
    {
        quint64 from = 0;
        quint64 to = 0;
        QByteArray payload;
    };
    QList<HeldBulk> m_heldBulk;
};
