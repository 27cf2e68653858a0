// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "store/WatcherHub.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace store {

// One registered watch. Shared between the path list and the id index so a sink that is
// about to be called can be recognised as cancelled (alive == false).
struct WatcherHub::Watcher
{
    quint64 id = 0;
    QString key;
    bool recursive = false;
    bool stream = false;
    quint64 sinceIndex = 0;
    WatchSink sink;
    bool alive = true;   // false once cancelled or delivered (non-stream)
    bool listed = false; // still in m_byPath[key]
    WatcherList::iterator pos;
};

WatcherHub::WatcherHub() = default;

WatcherHub::~WatcherHub()
{
    clearWatchers();
}

WatchResult WatcherHub::watch(const QString &key, bool recursive, bool stream, quint64 sinceIndex,
                              quint64 storeIndex, WatchSink sink)
{
    WatchResult r;
    r.etcdIndex = storeIndex;
    EventHistory::ScanResult scan = m_history.scan(key, recursive, sinceIndex);
    if (scan.error) {
        r.error = scan.error;
        r.error->index = storeIndex;
        return r;
    }
    if (scan.event && !stream) {
        r.immediate = std::move(scan.event);
        r.immediate->etcdIndex = storeIndex;
        return r;
    }

    auto w = std::make_shared<Watcher>();
    w->id = m_nextId++;
    w->key = key;
    w->recursive = recursive;
    w->stream = stream;
    // A stream replays its history below, so live events start after the current index.
    w->sinceIndex = scan.event ? storeIndex + 1 : sinceIndex;
    w->sink = std::move(sink);
    WatcherList &list = m_byPath[key];
    w->pos = list.insert(list.end(), w);
    w->listed = true;
    m_byId.insert(w->id, w);
    ++m_count;
    r.watcherId = w->id;

    if (scan.event) {
        // Stream replay: every matching history event, each with the current index.
        const QList<Event> backlog = m_history.scanAll(key, recursive, sinceIndex);
        for (Event e : backlog) {
            if (!w->alive)
                break; // the sink cancelled it
            e.etcdIndex = storeIndex;
            WatchSink keep = w->sink; // stays callable even if the sink cancels itself
            if (keep)
                keep(e);
        }
    }
    return r;
}

void WatcherHub::detach(Watcher &w)
{
    if (!w.listed)
        return;
    auto it = m_byPath.find(w.key);
    if (it != m_byPath.end()) {
        it->second.erase(w.pos);
        if (it->second.empty())
            m_byPath.erase(it);
    }
    w.listed = false;
    --m_count;
}

void WatcherHub::cancel(quint64 watcherId)
{
    auto it = m_byId.find(watcherId);
    if (it == m_byId.end())
        return;
    std::shared_ptr<Watcher> w = it.value();
    m_byId.erase(it);
    w->alive = false;
    detach(*w);
}

void WatcherHub::clearWatchers()
{
    for (const auto &w : std::as_const(m_byId))
        w->alive = false;
    m_byId.clear();
    m_byPath.clear();
    m_held.clear();
    m_count = 0;
}

void WatcherHub::notifyAt(const Event &e, const QString &path, bool deleted)
{
    auto it = m_byPath.find(path);
    if (it == m_byPath.end())
        return;
    const bool originalPath = e.node.key == path;
    if (!originalPath && EventHistory::isHidden(path, e.node.key))
        return;

    // First decide who gets the event and drop the one-shot watchers, then call the
    // sinks: a sink may re-enter watch()/cancel() and change these lists.
    std::vector<std::shared_ptr<Watcher>> hit;
    WatcherList &list = it->second;
    for (auto w = list.begin(); w != list.end();) {
        Watcher &wr = **w;
        auto next = std::next(w);
        if ((wr.recursive || originalPath || deleted) && e.index() >= wr.sinceIndex) {
            hit.push_back(*w);
            if (!wr.stream) {
                wr.listed = false;
                list.erase(w);
                --m_count;
            }
        }
        w = next;
    }
    if (list.empty())
        m_byPath.erase(it);
    if (hit.empty())
        return;
    if (!m_holding) {
        deliver(e, hit);
        return;
    }
    // One copy of the event for all the paths it reaches (a removed subtree's, then its key's).
    if (m_held.empty() || m_held.back().event->index() != e.index())
        m_held.push_back({std::make_shared<const Event>(e), std::move(hit)});
    else
        m_held.back().watchers.insert(m_held.back().watchers.end(), hit.begin(), hit.end());
}

void WatcherHub::deliver(const Event &e, const std::vector<std::shared_ptr<Watcher>> &hit)
{
    for (const std::shared_ptr<Watcher> &w : hit) {
        if (!w->alive)
            continue; // cancelled by an earlier sink of this batch, or since it was chosen
        if (!w->stream) {
            w->alive = false;
            m_byId.remove(w->id);
        }
        if (w->sink)
            w->sink(e);
    }
}

void WatcherHub::hold()
{
    m_holding = true;
}

void WatcherHub::deliverHeld()
{
    m_holding = false;
    flushHeld();
}

void WatcherHub::flushHeld()
{
    // Taken out first: a sink may re-enter the hub.
    const std::vector<Held> held = std::exchange(m_held, {});
    for (const Held &h : held)
        deliver(*h.event, h.watchers);
}

void WatcherHub::notify(const Event &e)
{
    m_history.add(e);
    if (m_byPath.empty())
        return;
    const QString &key = e.node.key;
    // "/", then every prefix of the key ending before a '/', then the key itself.
    notifyAt(e, QStringLiteral("/"), false);
    for (qsizetype i = 1; i < key.size(); ++i) {
        if (key.at(i) == QLatin1Char('/'))
            notifyAt(e, key.left(i), false);
    }
    if (key.size() > 1)
        notifyAt(e, key, false);
}

void WatcherHub::notifyDeleted(const Event &e, const QString &path)
{
    notifyAt(e, path, true);
}

void WatcherHub::addToHistory(const Event &e)
{
    m_history.add(e);
}

void WatcherHub::historyReplaced(quint64 oldIndex, quint64 newIndex)
{
    // Every watcher has been offered every event up to oldIndex: held ones included.
    flushHeld();
    // Registration order makes the outcome deterministic; the copy lets sinks re-enter.
    std::vector<std::shared_ptr<Watcher>> all(m_byId.cbegin(), m_byId.cend());
    std::sort(all.begin(), all.end(), [](const auto &a, const auto &b) { return a->id < b->id; });
    for (const std::shared_ptr<Watcher> &w : all) {
        if (!w->alive)
            continue; // cancelled by an earlier sink
        const quint64 wanted = std::max(w->sinceIndex, oldIndex + 1);
        if (wanted > newIndex)
            continue; // it missed nothing: the snapshot is not past what it waits for
        const WatchSink sink = w->sink; // stays callable even if the sink cancels itself
        // Events wanted..newIndex happened: the history must still hold the first of them.
        // An empty one holds none (its next event would be newIndex + 1).
        const bool empty = m_history.size() == 0;
        if (empty || wanted < m_history.startIndex()) {
            cancel(w->id);
            sink.fail(EventHistory::cleared(empty ? newIndex + 1 : m_history.startIndex(), wanted,
                                            newIndex));
            continue;
        }
        if (!w->stream) {
            const EventHistory::ScanResult scan = m_history.scan(w->key, w->recursive, wanted);
            if (!scan.event) {
                w->sinceIndex = newIndex + 1;
                continue;
            }
            cancel(w->id);
            Event e = *scan.event;
            e.etcdIndex = newIndex;
            sink(e);
            continue;
        }
        w->sinceIndex = newIndex + 1;
        const QList<Event> missed = m_history.scanAll(w->key, w->recursive, wanted);
        for (Event e : missed) {
            if (!w->alive)
                break; // the sink cancelled it
            e.etcdIndex = newIndex;
            sink(e);
        }
    }
}

} // namespace store
