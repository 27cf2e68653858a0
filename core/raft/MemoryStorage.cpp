// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// In-memory LogStorage. Index arithmetic relies on the placeholder entry m_entries[0]
// (index and term of the snapshot's last entry): entry i lives at m_entries[i - offset].
#include "raft/MemoryStorage.h"

namespace raft {

MemoryStorage::MemoryStorage()
{
    m_entries.append(Entry{});
}

InitialState MemoryStorage::initialState() const
{
    return {m_hardState, m_snapshot.metadata.confState};
}

StorageError MemoryStorage::entries(quint64 lo, quint64 hi, quint64 maxBytes,
                                    QList<Entry> *out) const
{
    out->clear();
    const quint64 offset = m_entries.first().index;
    if (lo <= offset)
        return StorageError::Compacted;
    if (hi > lastIndex() + 1)
        return StorageError::Unavailable;
    quint64 bytes = 0;
    for (quint64 i = lo; i < hi; ++i) {
        const Entry &e = m_entries.at(qsizetype(i - offset));
        bytes += e.payloadSize();
        if (!out->isEmpty() && bytes > maxBytes)
            break;
        out->append(e);
    }
    return StorageError::Ok;
}

StorageError MemoryStorage::term(quint64 index, quint64 *out) const
{
    *out = 0;
    const quint64 offset = m_entries.first().index;
    if (index < offset)
        return StorageError::Compacted;
    if (index - offset >= quint64(m_entries.size()))
        return StorageError::Unavailable;
    *out = m_entries.at(qsizetype(index - offset)).term;
    return StorageError::Ok;
}

quint64 MemoryStorage::firstIndex() const
{
    return m_entries.first().index + 1;
}

quint64 MemoryStorage::lastIndex() const
{
    return m_entries.first().index + quint64(m_entries.size()) - 1;
}

StorageError MemoryStorage::snapshot(Snapshot *out) const
{
    *out = m_snapshot;
    return StorageError::Ok;
}

void MemoryStorage::releaseSnapshotData(quint64 index)
{
    if (m_snapshot.metadata.index == index)
        m_snapshot.data = QByteArray();
}

StorageError MemoryStorage::append(const QList<Entry> &entries)
{
    if (entries.isEmpty())
        return StorageError::Ok;
    const quint64 first = firstIndex();
    const quint64 last = entries.last().index;
    if (last < first)
        return StorageError::Ok; // all already compacted
    if (entries.first().index > lastIndex() + 1)
        return StorageError::Unavailable;
    // Skip the part that is already covered by the snapshot.
    const qsizetype skip =
        entries.first().index < first ? qsizetype(first - entries.first().index) : 0;
    const quint64 start = entries.first().index + quint64(skip);
    m_entries.resize(qsizetype(start - m_entries.first().index));
    m_entries.append(entries.mid(skip));
    return StorageError::Ok;
}

StorageError MemoryStorage::applySnapshot(const Snapshot &snap)
{
    if (snap.metadata.index <= m_snapshot.metadata.index)
        return StorageError::SnapshotOutOfDate;
    m_snapshot = snap;
    m_entries = {Entry{snap.metadata.term, snap.metadata.index, EntryType::Normal, {}}};
    return StorageError::Ok;
}

StorageError MemoryStorage::createSnapshot(quint64 index, const ConfState &confState,
                                           const QByteArray &data)
{
    if (index <= m_snapshot.metadata.index)
        return StorageError::SnapshotOutOfDate;
    if (index > lastIndex())
        return StorageError::Unavailable;
    quint64 t = 0;
    if (term(index, &t) != StorageError::Ok)
        return StorageError::Compacted;
    m_snapshot.metadata = {index, t, confState};
    m_snapshot.data = data;
    return StorageError::Ok;
}

StorageError MemoryStorage::compact(quint64 compactIndex, QList<Entry> *dropped)
{
    const quint64 offset = m_entries.first().index;
    if (compactIndex <= offset)
        return StorageError::Compacted;
    // Entries beyond the snapshot must stay: a follower that needs them could otherwise be
    // served neither entries nor a snapshot covering them.
    if (compactIndex > lastIndex() || compactIndex > m_snapshot.metadata.index)
        return StorageError::Unavailable;
    const qsizetype drop = qsizetype(compactIndex - offset);
    Entry dummy{m_entries.at(drop).term, compactIndex, EntryType::Normal, {}};
    if (dropped) {
        // Their data moves (a pointer each); what remove() destroys below is then empty.
        dropped->reserve(dropped->size() + drop);
        Entry *entries = m_entries.data();
        for (qsizetype i = 0; i < drop; ++i)
            dropped->append(std::move(entries[i]));
    }
    m_entries.remove(0, drop);
    m_entries.first() = dummy;
    return StorageError::Ok;
}

} // namespace raft
