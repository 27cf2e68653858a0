// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "store/EtcdError.h"
#include "store/Event.h"

#include <QList>

#include <optional>
#include <vector>

namespace store {

// EventHistory: a ring of the last `capacity` (1000, like etcd) store events, oldest
// first, so watchers can catch up from a waitIndex. Invariant (kept by the store): the
// events are consecutive in index, so the event of index i sits at startIndex()..i.
// Refresh events are stored (they take an index) but every scan skips them.
// Owned by WatcherHub; single-threaded.
class EventHistory
{
public:
    explicit EventHistory(int capacity = 1000);

    struct ScanResult
    {
        std::optional<EtcdError> error; // 401, index 0 (the hub sets the store index)
        std::optional<Event> event;     // first match with index >= sinceIndex
    };

    void add(const Event &e);
    // etcd's EventHistory.scan: 401 "the requested history has been cleared [start/asked]"
    // when sinceIndex < startIndex(); otherwise the first event at or after sinceIndex
    // that is the key itself, below it (recursive), or a delete/expire of a directory
    // whose key is a prefix of `key` (etcd compares plain string prefixes).
    ScanResult scan(const QString &key, bool recursive, quint64 sinceIndex) const;
    // Every matching event from sinceIndex on (no 401 check; call scan() first).
    QList<Event> scanAll(const QString &key, bool recursive, quint64 sinceIndex) const;

    quint64 startIndex() const { return m_startIndex; }
    quint64 lastIndex() const { return m_lastIndex; }
    int size() const { return m_count; }
    int capacity() const { return m_capacity; }
    QList<Event> events() const; // oldest first (for snapshots and tests)
    void clear();

    // etcd's 401 for a wait that history starting at startIndex no longer covers.
    static EtcdError cleared(quint64 startIndex, quint64 askedIndex, quint64 storeIndex);
    static bool matches(const Event &e, const QString &key, bool recursive);
    // etcd's isHidden: is keyPath hidden from a watcher at watchPath, i.e. does
    // the part of keyPath below watchPath contain a segment starting with '_'?
    // A watch path longer than the key (a watcher below a removed directory)
    // never hides. Live notification and history replay share this rule.
    static bool isHidden(const QString &watchPath, const QString &keyPath);

private:
    const Event &at(int i) const { return m_ring[(m_front + i) % m_capacity]; }
    int firstPosition(quint64 sinceIndex) const; // -1 when sinceIndex > lastIndex

    int m_capacity;
    std::vector<Event> m_ring;
    int m_front = 0;
    int m_count = 0;
    quint64 m_startIndex = 0;
    quint64 m_lastIndex = 0;
};

} // namespace store
