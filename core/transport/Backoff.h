// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QRandomGenerator>

namespace transport {

// Redial delays: initial, doubling per consecutive failure up to the maximum, each
// scaled by a random factor in [0.8, 1.2) so that members restarted together do not
// redial in lockstep. reset() after a successful handshake.
// Value type; pure except for its own seeded generator.
class Backoff
{
public:
    // seed 0 = seed from the system's entropy.
    Backoff(int initialMs, int maxMs, quint32 seed = 0);

    // The delay before the next attempt; advances the exponent.
    int nextDelayMs();
    void reset() { m_currentMs = m_initialMs; }
    // The un-jittered delay the next call will use.
    int baseDelayMs() const { return m_currentMs; }

private:
    int m_initialMs;
    int m_maxMs;
    int m_currentMs;
    QRandomGenerator m_random;
};

} // namespace transport
