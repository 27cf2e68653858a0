// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "store/EtcdError.h"
#include "store/Event.h"
#include "store/EventHistory.h"
#include "store/WatchSink.h"

#include <QHash>
#include <QString>

#include <list>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

namespace store {

// WatchResult: what a watch request gets right away.
//  - error: 401 EventIndexCleared (index = store index) when sinceIndex is older than the
//    history; nothing registered then.
//  - immediate (non-stream only): the first matching history event with index >=
//    sinceIndex, its etcdIndex set to the store index (like etcd); nothing registered.
//  - otherwise watcherId != 0: registered; the sink gets the next matching event (a
//    non-stream watcher is removed after its first event; a stream one stays until
//    cancel()).
//  - stream watches replay history differently from etcd (which hands a stream watch
//    only the first history match and then never registers it): the sink is called
//    synchronously, before watch() returns, for EVERY matching history event from
//    sinceIndex on (etcdIndex = store index), then the watcher is registered for events
//    after the current index. `immediate` is never set for a stream watch.
// etcdIndex = store index at watch time (sent as X-Etcd-Index when the watch starts).
struct WatchResult
{
    std::optional<EtcdError> error;
    std::optional<Event> immediate;
    quint64 watcherId = 0;
    quint64 etcdIndex = 0;
};

// WatcherHub: the registered watchers, indexed by the exact path they watch, plus the
// event history. notify() walks the event's path from "/" down and offers the event to
// the watchers at each prefix (etcd's watcherHub.notify); notifyDeleted() offers it to
// the watchers of one removed path (a removed dir's subtree). Matching follows etcd's
// watcher.notify and isHidden. Sinks are called after the hub's own bookkeeping, so a
// sink may re-enter watch()/cancel(). Between hold() and deliverHeld() the sinks are called
// later rather than at once: who gets an event is still decided as it happens, and the sinks
// then get exactly those events in the same order (see hold()). Owned by Store;
// single-threaded.
class WatcherHub
{
public:
    WatcherHub();
    ~WatcherHub();
    WatcherHub(const WatcherHub &) = delete;
    WatcherHub &operator=(const WatcherHub &) = delete;

    // key must be clean (Store::watch cleans it); sinceIndex must be != 0.
    WatchResult watch(const QString &key, bool recursive, bool stream, quint64 sinceIndex,
                      quint64 storeIndex, WatchSink sink);
    void cancel(quint64 watcherId);
    int count() const { return m_count; }

    // From now until deliverHeld(), the watchers an event reaches are chosen when it happens
    // (a one-shot watcher leaves its list then) but their sinks are called by deliverHeld(), in
    // the order they would have been called. Why: a member applies a batch of writes under
    // the lock its readers wait on and answers the writers after it; handing each event to
    // 1,000 stream watchers took it about 0.7 ms per write, inside the lock and ahead of every
    // answer (bench/README "Scale", watchers). A watcher cancelled in between gets nothing.
    void hold();
    // Calls the sinks held since hold(), in order, and stops holding. A sink may re-enter
    // watch()/cancel(), as always.
    void deliverHeld();

    // Adds e to the history, then notifies the watchers on every prefix of e's key.
    void notify(const Event &e);
    // Notifies the watchers at `path`, a node removed by the delete/expire `e`.
    void notifyDeleted(const Event &e, const QString &path);
    // History only, no watcher (refresh events).
    void addToHistory(const Event &e);

    EventHistory &history() { return m_history; }
    const EventHistory &history() const { return m_history; }
    // Drops every watcher without notifying them (the hub goes away).
    void clearWatchers();
    // The history was just replaced by a snapshot's (the store jumped from oldIndex to
    // newIndex). Every watcher has been offered every event up to oldIndex, so it still
    // wants the events from max(its sinceIndex, oldIndex + 1) on. For each watcher, in
    // registration order: when the new history reaches back that far, it gets the
    // missed matching events from it (one-shot: the first, then it is gone; stream:
    // all, then it stays registered for events after newIndex), each with etcdIndex =
    // newIndex; when it does not, the watcher is dropped and its sink's fail() gets 401
    // EventIndexCleared "the requested history has been cleared [start/wanted]"
    // (index = newIndex). So no watcher jumps silently over the installed range.
    void historyReplaced(quint64 oldIndex, quint64 newIndex);

private:
    struct Watcher;
    using WatcherList = std::list<std::shared_ptr<Watcher>>;

    // The watchers that get one event, with a copy of it shared by all of them.
    struct Held
    {
        std::shared_ptr<const Event> event;
        std::vector<std::shared_ptr<Watcher>> watchers;
    };

    void notifyAt(const Event &e, const QString &path, bool deleted);
    void deliver(const Event &e, const std::vector<std::shared_ptr<Watcher>> &hit);
    void flushHeld(); // calls the held sinks; holding or not stays as it is
    void detach(Watcher &w);

    EventHistory m_history;
    // Node-based map: the list iterators kept in each Watcher stay valid on rehash.
    std::unordered_map<QString, WatcherList> m_byPath;
    QHash<quint64, std::shared_ptr<Watcher>> m_byId;
    quint64 m_nextId = 1;
    int m_count = 0;
    bool m_holding = false;
    std::vector<Held> m_held; // in notification order
};

} // namespace store
