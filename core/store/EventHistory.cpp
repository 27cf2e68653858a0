// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "store/EventHistory.h"

namespace store {

// The ring grows as events come instead of being allocated (and zeroed) whole at once: a store
// that sees few writes pays for few events. The raft_message and node_snapshot fuzz harnesses,
// which make a store per input, spent a quarter of their time zeroing unused events.
EventHistory::EventHistory(int capacity) : m_capacity(capacity > 0 ? capacity : 1) {}

void EventHistory::add(const Event &e)
{
    if (m_count < m_capacity) {
        m_ring.push_back(e); // not full yet: m_front is 0 and the ring holds m_count events
        ++m_count;
    } else {
        m_ring[m_front] = e; // overwrite the oldest
        m_front = (m_front + 1) % m_capacity;
    }
    m_lastIndex = e.index();
    m_startIndex = at(0).index();
}

int EventHistory::firstPosition(quint64 sinceIndex) const
{
    if (m_count == 0 || sinceIndex > m_lastIndex)
        return -1;
    // Events are consecutive in index, so the offset is a subtraction (like etcd).
    const quint64 offset = sinceIndex > m_startIndex ? sinceIndex - m_startIndex : 0;
    return offset < quint64(m_count) ? int(offset) : -1;
}

bool EventHistory::isHidden(const QString &watchPath, const QString &keyPath)
{
    if (watchPath.size() > keyPath.size())
        return false;
    const QStringView after = QStringView(keyPath).mid(watchPath.size());
    // path.Clean("/" + after) contains "/_" exactly when some segment of `after` starts
    // with '_' (keys are clean, so there are no "." or ".." segments to resolve).
    if (after.startsWith(QLatin1Char('_')))
        return true;
    return after.contains(QLatin1String("/_"));
}

bool EventHistory::matches(const Event &e, const QString &key, bool recursive)
{
    if (e.refresh)
        return false;
    const QString &k = e.node.key;
    if (k == key)
        return true;
    // A replay answers what live notification would have: hidden keys below the
    // watched one stay hidden (etcd's history scan returns them).
    if (isHidden(key, k))
        return false;
    if (recursive) {
        // Below the key: the key plus a trailing slash is a prefix ("/" stays "/").
        if (key.endsWith(QLatin1Char('/'))) {
            if (k.startsWith(key))
                return true;
        } else if (k.size() > key.size() && k.startsWith(key) &&
                   k.at(key.size()) == QLatin1Char('/')) {
            return true;
        }
    }
    // A removed directory removed everything below it: the watched key is that
    // directory or lies below it. etcd compares plain string prefixes here, so
    // deleting /f would also answer a watch on /foo; we compare whole segments.
    if ((e.action == Action::Delete || e.action == Action::Expire) && e.prevNode &&
        e.prevNode->dir) {
        const QString &dir = e.prevNode->key;
        if (key.startsWith(dir) && (key.size() == dir.size() || dir.endsWith(QLatin1Char('/')) ||
                                    key.at(dir.size()) == QLatin1Char('/')))
            return true;
    }
    return false;
}

EtcdError EventHistory::cleared(quint64 startIndex, quint64 askedIndex, quint64 storeIndex)
{
    return EtcdError::make(ErrorCode::EventIndexCleared,
                           QStringLiteral("the requested history has been cleared [%1/%2]")
                               .arg(startIndex)
                               .arg(askedIndex),
                           storeIndex);
}

EventHistory::ScanResult EventHistory::scan(const QString &key, bool recursive,
                                            quint64 sinceIndex) const
{
    ScanResult r;
    if (sinceIndex < m_startIndex) {
        r.error = cleared(m_startIndex, sinceIndex, 0);
        return r;
    }
    const int first = firstPosition(sinceIndex);
    if (first < 0)
        return r;
    for (int i = first; i < m_count; ++i) {
        const Event &e = at(i);
        if (matches(e, key, recursive)) {
            r.event = e;
            break;
        }
    }
    return r;
}

QList<Event> EventHistory::scanAll(const QString &key, bool recursive, quint64 sinceIndex) const
{
    QList<Event> out;
    const int first = firstPosition(sinceIndex);
    if (first < 0)
        return out;
    for (int i = first; i < m_count; ++i) {
        const Event &e = at(i);
        if (matches(e, key, recursive))
            out.append(e);
    }
    return out;
}

QList<Event> EventHistory::events() const
{
    QList<Event> out;
    out.reserve(m_count);
    for (int i = 0; i < m_count; ++i)
        out.append(at(i));
    return out;
}

void EventHistory::clear()
{
    m_ring.clear();
    m_front = 0;
    m_count = 0;
    m_startIndex = 0;
    m_lastIndex = 0;
}

} // namespace store
