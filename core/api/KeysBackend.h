// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "api/ClusterTypes.h"
#include "store/Command.h"
#include "store/StoreResult.h"
#include "store/WatcherHub.h"

#include <functional>
#include <optional>

namespace api {

// A plain read answered off the owner's thread, with what its headers need,
// all taken at one moment.
struct ConcurrentRead
{
    store::StoreResult result;
    RaftPosition raft;
    quint64 clusterId = 0;
};

// What the keys API (/v2/keys) needs from the member it runs on: reads,
// replicated writes and watches. Every call but readConcurrently() happens on
// the thread that owns the member. Callbacks are called exactly once,
// possibly before the call returns.
class KeysBackend
{
public:
    using ResultCallback = std::function<void(const store::StoreResult &)>;

    virtual ~KeysBackend() = default;

    // This member's clock (ns since epoch); TTLs become absolute with it.
    virtual qint64 nowNs() const = 0;

    virtual store::StoreResult get(const QString &path, bool recursive, bool sorted) = 0;
    // The one call that may come from any thread: a plain read served on the
    // calling thread while the owner goes on applying writes. nullopt when
    // the backend cannot answer it there (auth enabled: the permission check
    // belongs to the owner thread), and then get() on the owner's thread does.
    virtual std::optional<ConcurrentRead> readConcurrently(const QString &path, bool recursive,
                                                           bool sorted) const
    {
        Q_UNUSED(path);
        Q_UNUSED(recursive);
        Q_UNUSED(sorted);
        return std::nullopt;
    }
    // True while a plain read could miss a write this member acknowledged before it last
    // started (a restarted member re-applies its log's tail only as the leader commits it
    // again): plain reads then go through consensus, as quorum=true ones do.
    virtual bool plainReadsNeedConsensus() const { return false; }
    // A read through consensus (quorum=true): answered once the member knows
    // it is up to date with the leader.
    virtual void quorumGet(const QString &path, bool recursive, bool sorted,
                           ResultCallback done) = 0;
    // A replicated write; answered when applied, or with error 300 on timeout.
    virtual void propose(const store::Command &command, ResultCallback done) = 0;

    virtual store::WatchResult watch(const QString &key, bool recursive, bool stream,
                                     quint64 sinceIndex, store::WatchSink sink) = 0;
    virtual void cancelWatch(quint64 watcherId) = 0;
};

} // namespace api
