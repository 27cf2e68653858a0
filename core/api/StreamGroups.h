// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "api/WatchState.h"
#include "store/EtcdError.h"

#include <QHash>
#include <QString>

#include <memory>
#include <optional>
#include <vector>

namespace api {

class EventEncodingCache;
class KeysBackend;

// The stream watches that started "from now" (stream=true, no waitIndex) on the same key with the
// same `recursive`, grouped: they get exactly the same events from then on, so the store holds
// one watcher for the whole group, and each event is looked up once (EventEncodingCache) and
// handed to every member's channel in one plain loop.
// Why: with a watcher per stream, the member's thread spent about 300 ns per stream on every
// write to walk the store's watcher list, copy shared pointers, call each sink and look the event
// up again; with 1,000 streams that is 0.3 ms of a write path of 0.1 ms (bench/README "Scale",
// session 36). Semantics stay those of one watcher per stream: a member gets every event after
// the index its head carries; when the store drops the group's watcher (401 "the requested
// history has been cleared" after a snapshot install), every member gets that error and its
// stream ends, as each would alone; the last member to leave cancels the store's watcher. A
// watch with a waitIndex (which may replay history first) is not grouped.
// The store's count of watchers sees one per group: extraMembers() is what /v2/stats/store and
// /metrics add. Owned (shared) by V2Api; the store's sinks and the channels' close callbacks
// hold it weakly. The api's thread only; borrows the backend, as V2Api does.
class StreamGroups : public std::enable_shared_from_this<StreamGroups>
{
public:
    StreamGroups(KeysBackend &backend, std::shared_ptr<EventEncodingCache> encodings);
    ~StreamGroups();

    struct Group;
    struct Joined
    {
        std::optional<store::EtcdError> error; // the watch was refused: nothing joined
        quint64 etcdIndex = 0;                 // the store's index, for the head
        std::shared_ptr<Group> group;
    };
    // The group for (path, recursive), started with its store watcher if there is none. On
    // success the caller writes the head with etcdIndex and then calls started(): no event comes
    // in between (the api's thread does both), so the member gets every event after that index.
    Joined join(const QString &path, bool recursive);
    // `state`'s head is out: it gets the group's events from now on, until its client leaves.
    void started(const std::shared_ptr<Group> &group, const std::shared_ptr<WatchState> &state);
    // Members beyond the first of each group: the watchers the store does not count.
    int extraMembers() const;

private:
    // Drops the members whose watch ended; the last one out cancels the store's watcher.
    void dropFinished(const std::shared_ptr<Group> &group);
    // No new member joins `group` any more.
    void forget(const std::shared_ptr<Group> &group);

    KeysBackend &m_backend;
    const std::shared_ptr<EventEncodingCache> m_encodings;
    QHash<QString, std::shared_ptr<Group>> m_groups; // by (recursive, clean key)
};

} // namespace api
