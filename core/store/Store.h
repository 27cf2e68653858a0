// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "store/Command.h"
#include "store/StoreResult.h"
#include "store/StoreSnapshot.h"
#include "store/StoreStats.h"
#include "store/WatcherHub.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <memory>

namespace store {

class Node;
class StoreCapture;
class TtlIndex;

// Store: etcd's v2 hierarchical key store (v2store), deterministic and pure: time always
// comes in as an argument (ns since the Unix epoch), nothing here reads the clock or
// does I/O. It owns the node tree, the TTL index and the WatcherHub (with the event
// history). Every successful mutation moves index() by one (Expire: one per expired
// node); a failed one changes nothing. Single-threaded: the owner serializes calls.
class Store
{
public:
    Store();
    ~Store();
    Store(const Store &) = delete;
    Store &operator=(const Store &) = delete;

    // A read: counts gets stats; index unchanged. ttl fields are computed against nowNs.
    StoreResult get(const QString &path, bool recursive, bool sorted, qint64 nowNs);
    // The same read without counting it: touches nothing, so several threads may read at
    // once as long as none of them mutates the store meanwhile (the owner's lock).
    StoreResult read(const QString &path, bool recursive, bool sorted, qint64 nowNs) const;
    // One replicated mutation; notifies watchers. Expire: ok, event = last expire event
    // (action Expire with an empty node when nothing was due); watchers got every event.
    StoreResult apply(const Command &cmd);
    // Between these two, apply() chooses each event's watchers as it happens but calls their
    // sinks in deliverWatchEvents(), in the same order (WatcherHub::hold): the owner applies
    // a batch and answers its writers, then hands the events to the watchers.
    void holdWatchEvents() { m_hub.hold(); }
    void deliverWatchEvents() { m_hub.deliverHeld(); }

    quint64 index() const { return m_index; }
    qint64 nextExpirationNs() const; // earliest expiration in the store, 0 if none

    // sinceIndex 0 = from index()+1. See WatchResult for the semantics.
    WatchResult watch(const QString &key, bool recursive, bool stream, quint64 sinceIndex,
                      WatchSink sink);
    void cancelWatch(quint64 watcherId);
    StoreStats stats() const;

    // Full snapshot: tree, TTLs, index, stats and the event history (etcd's snapshot
    // holds its history too, so a restored member answers waitIndex like the others).
    // Watchers are not part of it. Versioned binary, see Store.cpp.
    QByteArray save() const;
    // The store as it is now, kept readable as it was while the store goes on changing, for
    // its owner to serialize between two changes with StoreSnapshot::Encoder (see
    // StoreCapture). One at a time: the store keeps it up to date until endCapture(), which
    // its owner calls once the image is encoded.
    std::shared_ptr<const StoreCapture> beginCapture();
    void endCapture();
    bool capturing() const;

    // Replaces the state with a snapshot; false on bad data, store unchanged then.
    // Registered watchers are caught up from the snapshot's history before it returns
    // (their sinks are called): each gets the events it missed or, when that history
    // no longer reaches back, a 401 through WatchSink::fail() and is dropped (etcd 3.4
    // keeps them waiting and they silently skip the installed range). See
    // WatcherHub::historyReplaced.
    bool recover(QByteArrayView snapshot);
    // The same with an image already decoded (StoreSnapshot::decode from a reader): a snapshot
    // file read a piece at a time, checked whole before anything changes here.
    void recover(StoreSnapshot::Decoded decoded);

    // For tests and admin views.
    int nodeCount() const; // every node, the root included
    // UTF-16 code units of the names the tree keeps (each node its own segment): grows
    // with the total length of the segments, not with depth x key length.
    qint64 nameChars() const;
    const EventHistory &history() const { return m_hub.history(); }

private:
    StoreResult doSet(const Command &cmd);
    StoreResult doCreate(const Command &cmd);
    StoreResult doUpdate(const Command &cmd);
    StoreResult doCompareAndSwap(const Command &cmd);
    StoreResult doDelete(const Command &cmd);
    StoreResult doCompareAndDelete(const Command &cmd);
    StoreResult doExpire(const Command &cmd);
    bool internalCreate(const QString &rawPath, bool dir, const QString &value, bool unique,
                        bool replace, qint64 expirationNs, qint64 nowNs, Action action,
                        StoreResult &r);
    void publish(Event &e, bool refresh);
    StoreResult failure(ErrorCode code, const QString &cause) const;
    Node *target(const QString &cleanPath, StoreResult &r) const;
    Event modify(Action action, Node *n, const QString &path, const Command &cmd);
    Event removeNode(Action action, Node *n, const QString &path, qint64 nowNs);

    struct Impl;
    std::unique_ptr<Impl> d;
    WatcherHub m_hub;
    StoreStats m_stats;
    quint64 m_index = 0;
};

} // namespace store
