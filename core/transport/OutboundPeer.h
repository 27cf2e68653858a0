// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "transport/Backoff.h"
#include "transport/BulkPayload.h"
#include "transport/ClockOffset.h"
#include "transport/FrameReader.h"
#include "transport/LatencyStats.h"
#include "transport/PeerStats.h"
#include "transport/SendQueue.h"
#include "transport/SocketDrain.h"
#include "transport/TransportOptions.h"
#include "transport/TransportTypes.h"

#include <prometheus/histogram.h>

#include <QElapsedTimer>
#include <QList>
#include <QMap>
#include <QObject>
#include <QTimer>
#include <QUrl>

class QTcpSocket;

namespace transport {

// The dialing side towards one peer: a single outgoing connection that carries every
// payload for that peer, fed from a bounded SendQueue. It dials the peer's URLs in turn,
// sends Hello, and writes payloads only after the peer's HelloAck accepted it; it redials
// with jittered exponential backoff after any failure, and probes the round trip with
// Ping/Pong while connected (LatencyStats); Pongs carry the peer's wall clock, which gives
// the peer's clock offset (ClockOffset; a warning is logged, at most every 30 s, while it is
// surely above 1 s, as etcd does). A payload cut half-way by a broken connection
// is sent again from its start on the next one (a Bulk payload once: cut again, it fails, so that
// a peer that refuses it cannot make us resend it forever); Bulk payloads already written but not
// acknowledged are reported failed (Raft sends a new snapshot). File-backed Bulk payloads
// (sendBulk) are read from disk a chunk at a time as the socket drains (SendQueue, FileBulkReader);
// a file that cannot be read fails its payload, and when part of it was already written the
// connection is dropped (from the event loop) so that the peer discards what it holds.
// Invariants: at most one socket at a time; the socket is fed only while it holds fewer
// than writeHighWaterBytes unwritten bytes, encrypted ones included (SocketDrain); no
// dialing while the cluster id is unknown (0) or after shutdown(); unreachable() is emitted
// from the event loop, never from inside send(), and coalesced.
// Ownership: owns its socket; owned (QObject parent) by PeerTransport. Owner's thread.
class OutboundPeer : public QObject
{
    Q_OBJECT

public:
    enum class State { Idle, WaitingToRedial, Connecting, Handshaking, Established, Shutdown };

    OutboundPeer(quint64 selfId, quint64 peerId, const TransportOptions &options,
                 QObject *parent = nullptr);
    ~OutboundPeer() override;

    quint64 peerId() const { return m_peerId; }
    State state() const { return m_state; }
    bool isConnected() const { return m_state == State::Established; }
    QList<QUrl> urls() const { return m_urls; }

    // 0 = unknown: stay idle. A different non-zero id drops the current connection.
    void setClusterId(quint64 clusterId);
    // Invalid URLs are skipped with a warning. A connection to a URL no longer listed is
    // dropped.
    void setUrls(const QList<QUrl> &urls);
    SendResult send(const QByteArray &payload, Priority priority);
    SendResult sendBulk(const BulkPayload &payload);
    PeerStats stats() const;
    void resetLatency() { m_latency = LatencyStats(); }
    // Stops for good: closes the socket, drops the queue, never dials again.
    void shutdown();

signals:
    void connected(quint64 peerId);
    void disconnected(quint64 peerId);
    void unreachable(quint64 peerId);
    void payloadSent(qint64 bytes);
    // A Bulk payload was acknowledged by the peer (true), or dropped, or its connection
    // broke before the acknowledgement (false). Failures are emitted from the event loop.
    void bulkSendFinished(quint64 peerId, bool succeeded);
    // The peer answered our handshake saying it does not know this member.
    void refusedAsUnknown(quint64 peerId);

private:
    void dial();
    void onSocketConnected();
    void onReadyRead();
    void handleFrame(const Frame &frame);
    void establish();
    void pump();
    void onPingTick();
    void recordClock(qint64 sentWallNs, qint64 rttNs, qint64 peerWallNs);
    // Closes the socket; counts a failure unless the drop was our own decision.
    void dropConnection(const QString &why, bool failure);
    void scheduleRedial();
    void reportUnreachableLater();
    void reportBulkFailuresLater(int count);
    // Counts and reports a payload refused by the queue.
    SendResult refused(SendResult result, qint64 size, bool bulk);
    // A file-backed payload failed after some of it was written: drop the connection.
    void dropForBrokenPayload(const QString &why);
    void closeSocket();

    const quint64 m_selfId;
    const quint64 m_peerId;
    const TransportOptions m_options;
    quint64 m_clusterId = 0;
    QList<QUrl> m_urls;
    int m_nextUrl = 0;
    QUrl m_currentUrl;
    State m_state = State::Idle;
    QTcpSocket *m_socket = nullptr;
    SocketDrain m_drain; // pump() as m_socket drains
    FrameReader m_reader;
    SendQueue m_queue;
    Backoff m_backoff;
    QTimer m_redialTimer;
    QTimer m_dialTimer;
    QTimer m_pingTimer;
    QElapsedTimer m_clock;
    quint64 m_nextPingSeq = 1;
    struct PingSent
    {
        qint64 monotonicNs = 0; // on m_clock
        qint64 wallNs = 0;      // our wall clock (ClockOffset::wallClockNs)
    };
    QMap<quint64, PingSent> m_pingsInFlight; // by seq
    int m_pingTimeoutsInARow = 0;
    qint64 m_establishedAtNs = 0;
    int m_bulkAwaitingAck = 0; // Bulk payloads written on this connection, not yet acked
    LatencyStats m_latency;
    // Every ping round trip, for etcd_network_peer_round_trip_time_seconds (never reset).
    prometheus::Histogram m_roundTrips;
    ClockOffset m_clockOffset;     // kept across connections and resetLatency()
    qint64 m_clockWarnedAtNs = -1; // m_clock time of the last clock warning
    bool m_clockTooFar = false;
    quint64 m_dropped = 0;
    quint64 m_sentMessages = 0;
    quint64 m_sentBytes = 0;
    bool m_pumping = false;
    bool m_dropPending = false; // dropForBrokenPayload() scheduled: write nothing more
    bool m_unreachablePending = false;
    bool m_failureLogged = false; // quiet repeated dial failures until the next success
    bool m_dropLogged = false;    // quiet repeated drops until something is sent
};

} // namespace transport
