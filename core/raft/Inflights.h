// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QList>

namespace raft {

// Flow control window of one follower in Replicate state: the last index of every append
// message sent but not yet acknowledged, oldest first. At most `capacity` messages are in
// flight; an acknowledgement of index i frees every message ending at or before i.
class Inflights
{
public:
    explicit Inflights(int capacity = 256) : m_capacity(qMax(1, capacity)) {}

    void add(quint64 lastIndex) { m_indexes.append(lastIndex); }
    void freeLE(quint64 index);
    void freeFirstOne()
    {
        if (!m_indexes.isEmpty())
            m_indexes.removeFirst();
    }
    void reset() { m_indexes.clear(); }
    bool full() const { return m_indexes.size() >= m_capacity; }
    int count() const { return int(m_indexes.size()); }

private:
    QList<quint64> m_indexes;
    int m_capacity;
};

} // namespace raft
