// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QtGlobal>

#include <prometheus/client_metric.h>

namespace transport {

// Snapshot of one peer's health as seen by this member: the round-trip figures and
// success/fail counts behind /v2/stats/leader (success = answered ping; fail = dropped
// payload, failed dial, lost connection or ping timeout), the peer's clock offset, plus the
// outbox state.
// Value type.
struct PeerStats
{
    quint64 id = 0;
    bool connected = false; // outgoing connection established (handshake accepted)

    double currentMs = 0;
    double averageMs = 0;
    double standardDeviationMs = 0;
    double minimumMs = 0;
    double maximumMs = 0;
    quint64 success = 0;
    quint64 fail = 0;

    // The peer's wall clock minus ours (ClockOffset), once a Pong carried it.
    bool clockOffsetKnown = false;
    qint64 clockOffsetNs = 0;
    qint64 clockOffsetErrorNs = 0; // bound on the error: half the round trip

    qsizetype queuedMessages = 0; // both lanes, including a payload partly written
    qsizetype queuedBytes = 0;
    qint64 unsentBytes = 0;      // written to the connection, not yet taken by the kernel
    quint64 droppedMessages = 0; // refused by send(): queue full or too large
    quint64 sentMessages = 0;    // handed whole to the socket
    quint64 sentBytes = 0;       // payload bytes of those
    quint64 receivedBytes = 0;   // payload bytes received from this peer (all its connections)
    prometheus::ClientMetric roundTrips; // histogram of ping round trips, in seconds
};

} // namespace transport
