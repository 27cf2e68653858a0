// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "transport/Backoff.h"

#include <algorithm>

namespace transport {

Backoff::Backoff(int initialMs, int maxMs, quint32 seed)
    : m_initialMs(std::max(1, initialMs)), m_maxMs(std::max(m_initialMs, maxMs)),
      m_currentMs(m_initialMs), m_random(seed != 0 ? seed : QRandomGenerator::system()->generate())
{
}

int Backoff::nextDelayMs()
{
    const double factor = 0.8 + 0.4 * m_random.generateDouble();
    const int delay = std::max(1, int(m_currentMs * factor));
    m_currentMs = int(std::min<qint64>(qint64(m_currentMs) * 2, m_maxMs));
    return delay;
}

} // namespace transport
