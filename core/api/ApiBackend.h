#pragma once

#include "api/ClusterTypes.h"
#include "auth/AuthCommand.h"
#include "auth/AuthResult.h"
#include "store/Command.h"
#include "store/StoreResult.h"
#include "store/StoreStats.h"
#include "store/WatcherHub.h"

#include <functional>
#include <optional>

class AuthStore;

// A plain read answered off the owner's thread, with what its headers need,
// all taken at one moment.
struct ConcurrentRead
{
    StoreResult result;
    RaftPosition raft;
    quint64 clusterId = 0;
};

// What the v2 HTTP contract needs from the member it runs on. The node
// implements it; tests implement it over a bare Store. Every call but
// readConcurrently() happens on the thread that owns the node. Callbacks are called exactly once,
// possibly before the call returns.
class ApiBackend
{
public:
    using ResultCallback = std::function<void(const StoreResult &)>;

    virtual ~ApiBackend() = default;

    // This member's clock (ns since epoch); TTLs become absolute with it.
    virtual qint64 nowNs() const = 0;

    virtual StoreResult get(const QString &path, bool recursive, bool sorted) = 0;
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
    // A read through consensus (quorum=true): answered once the member knows
    // it is up to date with the leader.
    virtual void quorumGet(const QString &path, bool recursive, bool sorted,
                           ResultCallback done) = 0;
    // A replicated write; answered when applied, or with error 300 on timeout.
    virtual void propose(const Command &command, ResultCallback done) = 0;

    virtual WatchResult watch(const QString &key, bool recursive, bool stream, quint64 sinceIndex,
                              WatchSink sink) = 0;
    virtual void cancelWatch(quint64 watcherId) = 0;

    virtual quint64 clusterId() const = 0;
    virtual quint64 memberId() const = 0;
    virtual quint64 leaderId() const = 0; // 0 while there is none
    virtual RaftPosition raftPosition() const = 0;
    virtual QList<MemberInfo> members() const = 0;
    virtual bool healthy() const = 0;

    virtual StoreStats storeStats() const = 0;
    virtual SelfStats selfStats() const = 0;
    virtual std::optional<LeaderStats> leaderStats() const = 0; // nullopt unless leader
    // The clock offset of every peer measured so far (all members measure, not only the
    // leader); for /metrics.
    virtual QList<PeerClock> peerClocks() const { return {}; }

    using MemberCallback = std::function<void(const MemberChangeResult &)>;
    virtual void addMember(const QStringList &peerUrls, MemberCallback done) = 0;
    virtual void removeMember(quint64 id, MemberCallback done) = 0;
    virtual void updateMember(quint64 id, const QStringList &peerUrls, MemberCallback done) = 0;

    // v2 authentication: the replicated users and roles, read locally, and
    // changes to them, answered once applied (NotApplied on timeout).
    virtual const AuthStore &auth() const = 0;
    using AuthCallback = std::function<void(const AuthResult &)>;
    virtual void proposeAuth(const AuthCommand &command, AuthCallback done) = 0;
};
