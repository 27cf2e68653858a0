// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "transport/BulkPayload.h"
#include "transport/PeerRefusals.h"
#include "transport/PeerStats.h"
#include "transport/TrafficStats.h"
#include "transport/TransportTypes.h"

#include <QList>
#include <QObject>
#include <QUrl>

namespace transport {

// What a member needs from the network between the members: send opaque
// Raft payloads to a peer, keep the list of peers, report what happened, and
// measure it. PeerTransport is the real one (TCP, TLS); tests run several
// members in one process over an in-memory one (tests/node/MemoryNetwork).
//
// Contract (both must keep it): send() never blocks and is not a delivery
// guarantee; payloads to one peer arrive in the order sent per Priority lane;
// every Bulk payload queued or dropped ends in one bulkSendFinished() unless
// the peer is removed; signals come from the owner's thread, after the call
// that caused them returned. Thread: the owner's only.
class PeerNetwork : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~PeerNetwork() override = default;

    // Adding an existing id updates its URLs; the member's own id and 0 are ignored.
    virtual void addPeer(quint64 id, const QList<QUrl> &peerUrls) = 0;
    virtual void updatePeer(quint64 id, const QList<QUrl> &peerUrls) = 0;
    virtual void removePeer(quint64 id) = 0;
    virtual bool hasPeer(quint64 id) const = 0;
    virtual QList<quint64> peers() const = 0; // ascending

    virtual SendResult send(quint64 to, const QByteArray &payload,
                            Priority priority = Priority::Normal) = 0;
    // Queues a Bulk payload whose body is read from disk as the socket drains (never whole in
    // memory). Same contract as send(..., Priority::Bulk): one bulkSendFinished() per payload
    // queued or dropped. The default implementation reads the file into memory and calls send()
    // (for in-memory networks); a file that cannot be read (or holds fewer bytes than announced)
    // gives SendResult::Invalid, with bulkSendFinished(to, false) from the event loop. A network
    // that reads the file later (PeerTransport) answers Queued and reports an unreadable file
    // through bulkSendFinished(to, false).
    virtual SendResult sendBulk(quint64 to, const BulkPayload &payload);

    // A peer not known gives zeroed stats with that id.
    virtual PeerStats stats(quint64 id) const = 0;
    virtual TrafficStats trafficStats() const = 0;
    // Connections refused on this member's peer port, by reason (none without a port).
    virtual PeerRefusals refusals() const { return {}; }
    // Restarts every peer's latency and success/fail counts (etcd does on becoming leader).
    virtual void resetPeerStats() = 0;

Q_SIGNALS:
    void messageReceived(quint64 from, const QByteArray &payload);
    // A payload for it was dropped or its connection failed: feed to Raft's
    // reportUnreachable. Coalesced; emitted from the event loop.
    void peerUnreachable(quint64 id);
    void peerConnected(quint64 id);
    void peerDisconnected(quint64 id);
    // A payload sent with Priority::Bulk reached the peer (acknowledged) or failed
    // (dropped, or its connection broke first): feed to RawNode::reportSnapshot.
    void bulkSendFinished(quint64 id, bool succeeded);
    // With TransportOptions::bulkSpoolDir set, a Bulk payload is written to a file in that
    // directory as it arrives, instead of memory, and announced here once complete (after its
    // BulkAck). The receiver owns the file from then on and must remove it. Without a spool
    // directory Bulk payloads arrive through messageReceived as before.
    void bulkReceived(quint64 from, const QString &path);
    // Peer `id` refused our handshake because it does not know this member:
    // when most of the cluster does so, this member was removed.
    void refusedAsUnknown(quint64 id);
};

} // namespace transport
