// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QtGlobal>

#include <array>

namespace transport {

// How far one peer's wall clock is from ours, estimated from ping round trips (Cristian's
// algorithm). We read our wall clock as a Ping leaves, the peer puts its wall clock in the
// Pong, and the round trip (timed on the monotonic clock) brackets the moment the peer read
// it: offset = peer - (sent + rtt / 2), wrong by at most rtt / 2. Of the last kWindow
// samples the one with the shortest round trip is the estimate (NTP's clock filter), so one
// Pong delayed by a busy event loop does not make the figure jump; a real clock step shows
// within kWindow pings.
// Value type; pure (clock readings are arguments), but for wallClockNs().
class ClockOffset
{
public:
    static constexpr int kWindow = 8;

    // One answered ping: our wall clock when it was sent, its round trip, and the wall
    // clock the peer reported. A negative round trip is ignored.
    void record(qint64 sentWallNs, qint64 rttNs, qint64 peerWallNs);

    bool known() const { return m_count > 0; }
    // The peer's clock minus ours; positive when the peer is ahead. 0 until known().
    qint64 offsetNs() const;
    // The bound on the error of offsetNs(): half the round trip it came from.
    qint64 errorNs() const;
    quint64 samples() const { return m_total; }
    // True when the offset is larger than limitNs in magnitude even allowing for its error.
    bool exceeds(qint64 limitNs) const;

    // This process's wall clock, nanoseconds since the Unix epoch, plus skewNs (which
    // tests use to give a member a clock of its own; see TransportOptions).
    static qint64 wallClockNs(qint64 skewNs = 0);

private:
    struct Sample
    {
        qint64 offsetNs = 0;
        qint64 rttNs = 0;
    };
    const Sample *best() const;

    std::array<Sample, kWindow> m_samples{};
    int m_next = 0;  // ring position of the next sample
    int m_count = 0; // samples held, <= kWindow
    quint64 m_total = 0;
};

} // namespace transport
