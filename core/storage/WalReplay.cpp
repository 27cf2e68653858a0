// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "storage/WalReplay.h"

#include <QCoreApplication>

#include <algorithm>

namespace storage {

WalReplay::WalReplay(std::optional<quint64> replayAfter)
    : m_followMarkers(!replayAfter.has_value()), m_start(replayAfter.value_or(0))
{
}

QString WalReplay::addEntry(const raft::Entry &entry)
{
    // Whatever came before, the log now ends here: later indexes were overwritten.
    m_lastIndex = entry.index;
    if (entry.index <= m_start)
        return {};
    if (!m_entries.isEmpty()) {
        const quint64 first = m_entries.first().index;
        const quint64 last = m_entries.last().index;
        if (entry.index > last + 1)
            return QCoreApplication::translate("storage::WalReplay",
                                               "entry %1 follows entry %2: the log has a gap")
                .arg(entry.index)
                .arg(last);
        if (entry.index <= last)
            m_entries.resize(entry.index > first ? qsizetype(entry.index - first) : 0);
    }
    m_entries.append(entry);
    return {};
}

void WalReplay::addMarker(const SnapshotMarker &marker)
{
    m_lastMarker = marker;
    if (marker.index > m_lastIndex) {
        m_entries.clear();
        if (!m_followMarkers && marker.index > m_start)
            m_replacedBy = marker;
    }
    m_lastIndex = std::max(m_lastIndex, marker.index);
    if (m_followMarkers && marker.index > m_start) {
        m_start = marker.index;
        dropThrough(m_start);
    }
}

void WalReplay::dropThrough(quint64 index)
{
    if (m_entries.isEmpty() || m_entries.first().index > index)
        return;
    const quint64 n =
        std::min<quint64>(index - m_entries.first().index + 1, quint64(m_entries.size()));
    m_entries.remove(0, qsizetype(n));
}

QString WalReplay::finish() const
{
    if (m_replacedBy)
        return QCoreApplication::translate("storage::WalReplay",
                                           "replay must start at index %1, but the log only "
                                           "continues after the snapshot at index %2 (term %3)")
            .arg(m_start + 1)
            .arg(m_replacedBy->index)
            .arg(m_replacedBy->term);
    if (m_entries.isEmpty() || m_entries.first().index == m_start + 1)
        return {};
    return QCoreApplication::translate("storage::WalReplay",
                                       "the WAL holds entries from index %1 on, but replay "
                                       "must start at index %2: older segments are missing")
        .arg(m_entries.first().index)
        .arg(m_start + 1);
}

} // namespace storage
