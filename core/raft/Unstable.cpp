// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The not-yet-durable tail of the log (see Unstable.h); every index here is >= offset
// except the pending snapshot's own index.
#include "raft/Unstable.h"

namespace raft {

std::optional<quint64> Unstable::maybeFirstIndex() const
{
    if (m_snapshot)
        return m_snapshot->metadata.index + 1;
    return std::nullopt;
}

std::optional<quint64> Unstable::maybeLastIndex() const
{
    if (!m_entries.isEmpty())
        return m_offset + quint64(m_entries.size()) - 1;
    if (m_snapshot)
        return m_snapshot->metadata.index;
    return std::nullopt;
}

std::optional<quint64> Unstable::maybeTerm(quint64 index) const
{
    if (index < m_offset) {
        if (m_snapshot && m_snapshot->metadata.index == index)
            return m_snapshot->metadata.term;
        return std::nullopt;
    }
    const auto last = maybeLastIndex();
    if (!last || index > *last)
        return std::nullopt;
    return m_entries.at(qsizetype(index - m_offset)).term;
}

void Unstable::stableTo(quint64 index, quint64 term)
{
    const auto t = maybeTerm(index);
    if (!t || *t != term || index < m_offset)
        return;
    m_entries.remove(0, qsizetype(index + 1 - m_offset));
    m_offset = index + 1;
}

void Unstable::stableSnapTo(quint64 index)
{
    if (m_snapshot && m_snapshot->metadata.index == index)
        m_snapshot.reset();
}

void Unstable::releaseSnapshotData(quint64 index)
{
    if (m_snapshot && m_snapshot->metadata.index == index)
        m_snapshot->data = QByteArray();
}

void Unstable::restore(const Snapshot &snap)
{
    m_offset = snap.metadata.index + 1;
    m_entries.clear();
    m_snapshot = snap;
}

void Unstable::truncateAndAppend(const QList<Entry> &entries)
{
    if (entries.isEmpty())
        return;
    const quint64 after = entries.first().index;
    if (after == m_offset + quint64(m_entries.size())) {
        m_entries.append(entries);
    } else if (after <= m_offset) {
        // The new entries replace everything we hold; the application overwrites the
        // stored entries from `after` on when it persists them.
        m_offset = after;
        m_entries = entries;
    } else {
        m_entries.resize(qsizetype(after - m_offset));
        m_entries.append(entries);
    }
}

QList<Entry> Unstable::slice(quint64 lo, quint64 hi) const
{
    return m_entries.mid(qsizetype(lo - m_offset), qsizetype(hi - lo));
}

} // namespace raft
