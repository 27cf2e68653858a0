// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "transport/PeerTls.h"

#include <QString>
#include <QtGlobal>

namespace transport {

// Tunables of PeerTransport. Defaults suit a LAN cluster with etcd's 100 ms heartbeat;
// tests shrink the bounds and timeouts. Set before listen()/addPeer(). Value type.
struct TransportOptions
{
    // Round-trip probes on each outgoing connection; 0 disables them.
    int pingIntervalMs = 100;
    // A ping unanswered this long counts as a failure for the peer...
    int pingTimeoutMs = 1000;
    // ...and this many in a row mean the connection is dead (half-open TCP): redial.
    int deadAfterPingTimeouts = 3;

    // Redial delay: starts here, doubles per failed attempt up to the maximum, +-20% jitter.
    int backoffInitialMs = 50;
    int backoffMaxMs = 2000;
    // TCP connect plus HelloAck must complete within this.
    int dialTimeoutMs = 2000;
    // An accepted socket must send Hello (or ClusterInfoRequest) within this.
    int handshakeTimeoutMs = 5000;
    // An established inbound connection silent this long is closed; 0 disables. The
    // dialer's pings keep healthy connections busy.
    int inboundIdleTimeoutMs = 10000;
    // fetchClusterInfo() gives up after this.
    int fetchTimeoutMs = 5000;

    // Per-peer bound of the Normal lane: when either is reached, new payloads are dropped.
    qsizetype maxQueueMessages = 4096;
    qsizetype maxQueueBytes = qsizetype(64) * 1024 * 1024;
    // Largest payload accepted in either direction, except file-backed Bulk payloads sent
    // (sendBulk) and Bulk payloads received into bulkSpoolDir (maxBulkBytes); also the bound of
    // the bytes the Bulk lane holds in memory (which holds at most maxQueueMessages payloads as
    // well).
    qsizetype maxMessageBytes = qsizetype(256) * 1024 * 1024;
    // Where Bulk payloads (snapshots) arriving from peers are written as they arrive, instead of
    // memory (PeerNetwork::bulkReceived); empty: in memory as before, bounded by maxMessageBytes.
    QString bulkSpoolDir;
    // Largest Bulk payload accepted into bulkSpoolDir; 0: no limit but the disk.
    qint64 maxBulkBytes = 0;
    // Stop feeding a socket while it holds this many unwritten bytes.
    qsizetype writeHighWaterBytes = qsizetype(1) * 1024 * 1024;
    // Accepted sockets that have not completed their handshake; further ones are closed.
    int maxPendingInbound = 64;
    // Established connections one member may have to us while none of them is
    // authenticated (plain text, or TLS without client certificates): a Hello cannot close
    // a connection of the member it claims that is still in use (see PeerTransport), so
    // extra ones are refused beyond this.
    int maxInboundPerPeer = 4;

    // TLS for https peer URLs; without it such URLs are refused.
    PeerTls tls;

    // Seed of the backoff jitter; 0 = seed from the system's entropy.
    quint32 randomSeed = 0;
    // Added to the wall clock this transport reports and measures peers' clocks against
    // (ClockOffset): tests give members clocks of their own. 0 outside tests.
    qint64 wallClockSkewNs = 0;
};

} // namespace transport
