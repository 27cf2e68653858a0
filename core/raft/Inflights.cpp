// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Flow-control window bookkeeping (see Inflights.h).
#include "raft/Inflights.h"

namespace raft {

void Inflights::freeLE(quint64 index)
{
    qsizetype n = 0;
    while (n < m_indexes.size() && m_indexes.at(n) <= index)
        ++n;
    m_indexes.remove(0, n);
}

} // namespace raft
