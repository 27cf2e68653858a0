// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "transport/Hello.h"
#include "transport/HelloAck.h"
#include "transport/PeerNetwork.h"
#include "transport/PeerStats.h"
#include "transport/RateMeter.h"
#include "transport/TrafficStats.h"
#include "transport/TransportOptions.h"
#include "transport/TransportTypes.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QUrl>

#include <functional>
#include <optional>

class QTcpServer;

namespace transport {

class InboundConnection;
class OutboundPeer;

// Carries opaque Raft payloads (raft::Message::encode()) between the members of one
// cluster over TCP on their peer URLs (TLS for https URLs, TransportOptions::tls). One instance per
// member: it listens on the member's peer URLs and keeps one outgoing connection per peer
// (OutboundPeer) that carries every payload for it, in order per Priority lane; payloads from a
// peer arrive on the connection that peer dialed (InboundConnection). See Frame.h for the wire
// format.
//
// Guarantees: members of different clusters never exchange payloads (Hello/HelloAck
// check the cluster id and the member ids first); with --peer-cert-allowed-cn only
// connections with a verified certificate of that Common Name get anything; with client
// certificates (--peer-client-cert-auth) a connection speaks for member X only if its
// certificate names the host of one of X's peer URLs, and only such a connection replaces
// X's others. Without client certificates a Hello proves nothing (member and cluster ids
// are public): anyone who reaches the port can speak for any member, but cannot close a
// member's connection that is still in use (see admit()). Memory per peer is bounded (full
// queues drop, and the drop is reported as peerUnreachable so Raft retransmits); no
// byte sequence from the network can crash the member (bad input closes that
// connection with a warning); a down peer is redialed with jittered exponential backoff.
// Not guaranteed: delivery. A payload is "sent" once handed to the socket; Raft copes
// with loss.
//
// Bulk payloads may be read from files as they are sent (sendBulk) and, with
// TransportOptions::bulkSpoolDir, written to files as they arrive (bulkReceived), so that a
// snapshot of any size crosses with a chunk of memory on each side.
//
// Statistics: per-peer round trips (Ping/Pong) and success/fail counts for
// /v2/stats/leader; payload counts and rates for /v2/stats/self; connections refused on the
// peer port, by reason, for /metrics.
//
// The PeerNetwork a member runs on in production.
//
// Ownership: owns its servers, connections and fetchers (QObject children).
// Threading: everything on the thread that owns it; signals are direct. Do not delete
// the transport from inside one of its signals or callbacks (use deleteLater()).
class PeerTransport : public PeerNetwork
{
    Q_OBJECT

public:
    // clusterId 0 = not known yet (joining an existing cluster): nothing is dialed or
    // accepted until setClusterId(), but fetchClusterInfo() works.
    PeerTransport(quint64 selfId, quint64 clusterId, QObject *parent = nullptr);
    ~PeerTransport() override;

    // Applies to peers and connections created afterwards: call before listen()/addPeer().
    void setOptions(const TransportOptions &options);
    const TransportOptions &options() const { return m_options; }

    quint64 selfId() const { return m_selfId; }
    quint64 clusterId() const { return m_clusterId; }
    // Learned cluster id. A change closes connections made under the old id.
    void setClusterId(quint64 clusterId);

    // One TCP server per URL (scheme http, or https with TransportOptions::tls.server; host an IP
    // literal or "localhost", which means 127.0.0.1; port 0 = ephemeral). All or nothing: on
    // failure nothing listens and *error says why.
    bool listen(const QList<QUrl> &peerUrls, QString *error = nullptr);
    // Actual ports, in the order of the URLs given to listen().
    QList<quint16> listeningPorts() const;
    bool isListening() const { return !m_servers.isEmpty(); }
    // Shutdown: stops listening, closes every connection and drops every queue. The
    // transport sends and accepts nothing afterwards.
    void stop();

    // Peers: the other members. Adding an existing id updates its URLs; selfId and 0 are
    // ignored. Dialing starts at once when the cluster id is known.
    void addPeer(quint64 id, const QList<QUrl> &peerUrls) override;
    void updatePeer(quint64 id, const QList<QUrl> &peerUrls) override;
    // Drops its queue and both directions of traffic; it can no longer connect to us.
    void removePeer(quint64 id) override;
    bool hasPeer(quint64 id) const override { return m_peers.contains(id); }
    QList<quint64> peers() const override; // ascending
    QList<QUrl> peerUrls(quint64 id) const;
    // Outgoing connection to it established (handshake accepted).
    bool isConnected(quint64 id) const;

    // Queues payload for `to`; never blocks. Anything but Queued is counted as a failure
    // and (except UnknownPeer) reported through peerUnreachable from the event loop.
    SendResult send(quint64 to, const QByteArray &payload,
                    Priority priority = Priority::Normal) override;
    // The file is opened when the payload's first frame is cut and read a chunk at a time as the
    // socket drains; only `head` counts against the Bulk lane's byte bound. Queued unless the
    // peer is unknown, the lane is full or the payload is empty or malformed; an unreadable file
    // is reported later, as bulkSendFinished(to, false).
    SendResult sendBulk(quint64 to, const BulkPayload &payload) override;

    // A peer not known gives zeroed stats with that id.
    PeerStats stats(quint64 id) const override;
    TrafficStats trafficStats() const override;
    PeerRefusals refusals() const override { return m_refusals; }
    void resetPeerStats() override;

    // The bytes answered to fetchClusterInfo() (e.g. JSON of the cluster id and members).
    // Called for each request; without a provider requests get "unavailable".
    void setClusterInfoProvider(std::function<QByteArray()> provider);
    // Asks the member listening at peerUrl for its provider's bytes. The callback runs
    // once from the event loop: the bytes, or nullopt on any failure or timeout.
    void fetchClusterInfo(const QUrl &peerUrl,
                          std::function<void(std::optional<QByteArray>)> callback);

private:
    void onNewConnection(QTcpServer *server);
    void onHello(InboundConnection *connection, const Hello &hello);
    // --peer-cert-allowed-cn; logs and counts a refusal (`who` names the connection).
    bool commonNameAllowed(InboundConnection *connection, const QString &who);
    // Answers a Hello with `status` and counts the refusal.
    void refuse(InboundConnection *connection, HelloStatus status, RefusalReason reason);
    // Accepts a Hello from known member `from`, or refuses it (see the .cpp for the rules).
    void admit(InboundConnection *connection, quint64 from, const QString &who);
    void onInboundClosed(InboundConnection *connection);
    void onInboundMessage(quint64 from, const QByteArray &payload);
    void onInboundBulk(quint64 from, const QString &path, qint64 size);
    void closeInbound(const std::function<bool(InboundConnection *)> &which, const QString &why);
    qint64 nowMs() const { return m_clock.elapsed(); }

    const quint64 m_selfId;
    quint64 m_clusterId;
    TransportOptions m_options;
    QList<QTcpServer *> m_servers;
    QHash<quint64, OutboundPeer *> m_peers;
    QSet<InboundConnection *> m_inbound;
    std::function<QByteArray()> m_clusterInfoProvider;
    QElapsedTimer m_clock;
    RateMeter m_sendRate;
    RateMeter m_receiveRate;
    // Payload bytes received per admitted peer (ids come from authenticated Hellos, so the
    // table is as large as the membership); dropped with the peer.
    QHash<quint64, quint64> m_receivedBytesFrom;
    PeerRefusals m_refusals;
    bool m_stopped = false;
};

} // namespace transport
