#pragma once

#include "api/ApiBackend.h"
#include "auth/AuthStore.h"
#include "node/AnnotatedReadWriteLock.h"
#include "node/ClusterMembership.h"
#include "node/NodeOptions.h"
#include "node/PendingRequests.h"
#include "raft/ConfState.h"
#include "raft/MemoryStorage.h"
#include "raft/ProposeResult.h"
#include "raft/Ready.h"
#include "store/Store.h"
#include "transport/TransportOptions.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <atomic>
#include <functional>
#include <memory>

namespace raft {
class RawNode;
struct ConfChange;
} // namespace raft
namespace storage {
class DataDir;
class Snapshotter;
class WalWriter;
} // namespace storage
namespace transport {
class PeerTransport;
}
struct RaftRequest;

// One member: the only place where consensus meets time and I/O.
//
// A QTimer ticks the pure Raft core; each Ready is handled in the order the
// core demands: messages sent, then hard state and entries persisted by the
// WAL writer thread (one fdatasync per batch, while the event loop keeps
// serving reads and watches; proposals arriving meanwhile join the next
// batch), then messages that promise durability sent, committed entries
// applied to the Store and the membership, and linearizable reads answered.
// Writes from clients are tracked by request id until applied (error 300
// after the proposal timeout); followers forward proposals to the leader
// inside Raft, so any member takes writes. Whatever finds no leader (writes,
// linearizable reads, auth and membership changes) waits in a bounded queue
// only as long as its client does, and is never sent after that client was
// answered. Only the leader expires keys: its
// timer proposes an Expire command with its own clock, applied by every
// member at the same index; writes take the leader's clock as they enter its
// log (ProposalStamper), and a follower counts remaining ttls on the leader's
// clock too (readNowNs). Auth changes (users, roles, enable) are entries
// too, applied to the AuthStore. A snapshot of store, membership and auth is
// taken every `snapshotCount` applied entries and the log compacted behind it.
//
// Lives on the server thread; not thread-safe, but for readConcurrently(),
// which any thread may call (a read lock against the apply path). Owns the
// store, the auth state, the Raft core, the WAL writer and the peer transport.
class EtcdNode : public QObject, public ApiBackend
{
    Q_OBJECT
public:
    explicit EtcdNode(const NodeOptions &options, QObject *parent = nullptr);
    ~EtcdNode() override;

    // Loads or bootstraps the member and starts ticking. Joining an existing
    // cluster finishes asynchronously (fatalError() if it cannot).
    bool start(QString *error);
    // Graceful stop: a leader hands leadership to a follower first (bounded
    // wait), then `done` runs; writes still in flight are answered first.
    void shutdown(std::function<void()> done);

    // ApiBackend
    qint64 nowNs() const override;
    StoreResult get(const QString &path, bool recursive, bool sorted) override;
    std::optional<ConcurrentRead> readConcurrently(const QString &path, bool recursive,
                                                   bool sorted) const override;
    void quorumGet(const QString &path, bool recursive, bool sorted, ResultCallback done) override;
    void propose(const Command &command, ResultCallback done) override;
    WatchResult watch(const QString &key, bool recursive, bool stream, quint64 sinceIndex,
                      WatchSink sink) override;
    void cancelWatch(quint64 watcherId) override;
    quint64 clusterId() const override { return m_membership.clusterId(); }
    quint64 memberId() const override { return m_id; }
    quint64 leaderId() const override { return m_leaderId; }
    RaftPosition raftPosition() const override;
    QList<MemberInfo> members() const override { return m_membership.members(); }
    bool healthy() const override { return m_leaderId != 0 && m_started && !m_diskFull; }
    StoreStats storeStats() const override;
    SelfStats selfStats() const override;
    std::optional<LeaderStats> leaderStats() const override;
    QList<PeerClock> peerClocks() const override;
    void addMember(const QStringList &peerUrls, MemberCallback done) override;
    void removeMember(quint64 id, MemberCallback done) override;
    void updateMember(quint64 id, const QStringList &peerUrls, MemberCallback done) override;
    const AuthStore &auth() const override { return m_auth; }
    void proposeAuth(const AuthCommand &command, AuthCallback done) override;

    const Store &store() const { return m_store; }
    QList<quint16> peerPorts() const;
    bool isLeader() const { return m_leaderId == m_id && m_id != 0; }
    // Proposals, reads and membership changes waiting for a leader (tests).
    int unsentCount() const { return int(m_unsent.size()); }
    // Bound of that queue: about a minute of a busy member's writes, each
    // held at most for the proposal timeout.
    static constexpr int kMaxUnsent = 10000;

Q_SIGNALS:
    // The member cannot go on (disk failure, removed from the cluster, join failed).
    void fatalError(const QString &message);
    void leaderChanged(quint64 leaderId);

private:
    bool startRaft(QString *error);
    transport::TransportOptions transportOptions() const;
    bool loadOrBootstrap(QString *error);
    void joinExisting();
    void scheduleReady();
    void processReady();
    // Takes one Ready: sends, persists (returning with m_readyInFlight set
    // while the writer thread syncs) or, if nothing needs syncing, finishes it.
    void startReady();
    // Runs `run` once this member knows a leader and has applied an entry of
    // the current term (at once if it has): a leader elected a moment ago
    // then accepts membership changes. Pending calls are dropped with the node.
    void whenTermApplied(std::function<void()> run);
    bool termApplied() const;
    void runAfterTermApplied();
    void onPersisted();
    // The WAL writer found the disk full: it keeps the batch and retries it (the Ready stays
    // in flight, nothing is acknowledged); until it reports space again, writes and quorum
    // reads are refused at once (error 300, "no space left on device") and those waiting are
    // answered so. Plain reads and watches go on.
    void onDiskFull(const QString &message);
    void applyDurableCommitted();
    void applyEntries(const QList<raft::Entry> &entries);
    void applyConfChange(const raft::Entry &entry);
    void applyRequest(const RaftRequest &request);
    void installSnapshot(const raft::Snapshot &snapshot);
    void maybeTakeSnapshot();
    void sendMessages(const QList<raft::Message> &messages);
    void onTick();
    void onMessage(quint64 from, const QByteArray &payload);
    void retryUnsent();
    void armExpiryTimer();
    void expireDueKeys();
    void failAll(const QString &cause);
    void publishAttributes();
    void waitForMemberChange(quint64 requestId, MemberCallback done);
    // The voter a leader should hand over to (most up to date), 0 if none.
    quint64 bestTransferee() const;
    // Asks for leadership to move to `to` and runs `done` once another
    // member than the present leader leads, or the transfer timed out.
    void moveLeadership(quint64 to, const QString &why, std::function<void()> done);
    void proposeMemberChange(quint64 requestId, const raft::ConfChange &cc);
    // Copies term, commit index and cluster id where readConcurrently() sees them.
    void publishView();
    qint64 monotonicMs() const { return m_clock.elapsed(); }
    // What a read computes a key's remaining ttl against: the leader's clock, whose stamps
    // and expiries TTLs follow; on a follower that is this member's clock plus the leader's
    // measured offset (0 until measured, or while no leader is known). Any thread.
    qint64 readNowNs() const;
    // Copies the leader's clock offset, as the transport measures it, for readNowNs().
    void trackLeaderClock();
    quint64 nextRequestId();

    NodeOptions m_options;
    quint64 m_id = 0;
    Store m_store;
    AuthStore m_auth;
    ClusterMembership m_membership;
    raft::MemoryStorage m_raftStorage;
    std::unique_ptr<raft::RawNode> m_raft;
    raft::ConfState m_confState;
    std::unique_ptr<storage::DataDir> m_dataDir;
    std::unique_ptr<storage::Snapshotter> m_snapshotter;
    std::unique_ptr<storage::WalWriter> m_walWriter;
    std::unique_ptr<transport::PeerTransport> m_transport;
    QList<quint64> m_bootstrapPeers;

    QTimer m_tickTimer;
    QTimer m_expiryTimer;
    QElapsedTimer m_clock;
    bool m_started = false;
    bool m_stopping = false;
    bool m_readyScheduled = false;
    bool m_readyInFlight = false;
    raft::Ready m_ready;
    quint64 m_batchId = 0;
    quint64 m_applied = 0;
    quint64 m_snapshotIndex = 0;
    quint64 m_appliedTerm = 0;
    raft::HardState m_hardState;

    quint64 m_leaderId = 0;
    qint64 m_leaderSinceNs = 0;
    qint64 m_startTimeNs = 0;
    bool m_attributesPublished = false;
    qint64 m_publishAttemptMs = -1;
    quint64 m_requestCounter = 0;
    quint64 m_readCounter = 0;
    quint64 m_sendAppends = 0;
    quint64 m_recvAppends = 0;

    PendingRequests m_pending;
    // Answers to writes applied under m_readLock, run once it is released (applyEntries).
    QList<std::function<void()>> m_answers;
    // Waiting for an entry of the current term to be applied (whenTermApplied).
    QList<std::function<void()>> m_afterTermApplied;
    bool m_refusingUncommitted = false; // logged once per stretch of refusals
    bool m_diskFull = false;            // between WalWriter::diskFull and diskSpaceAvailable
    // A proposal, linearizable read or membership change that found no
    // leader. It is sent when one appears, but only while its client still
    // waits: at `deadlineMs` (the client's own timeout) it is dropped and the
    // client answered, so nothing is ever proposed after its client was told
    // the request timed out. At most kMaxUnsent wait; more are refused at once.
    struct Unsent
    {
        enum class Kind { Propose, Read, ConfChange };
        // Who waits for it: the key into m_pending / m_authWaiters / m_memberWaiters.
        enum class Waiter { None, Write, Read, Auth, Member };
        QByteArray data; // Read: the read context, also the waiter's key
        Kind kind = Kind::Propose;
        Waiter waiter = Waiter::None;
        quint64 requestId = 0; // Write, Auth, Member
        qint64 deadlineMs = 0;
    };
    // Queues `u` with the proposal timeout as its deadline, or refuses it
    // ("raft proposal dropped") when kMaxUnsent are waiting already.
    void queueUnsent(Unsent u);
    bool clientWaiting(const Unsent &u) const;
    // Answers u's client, if it still waits, with error `cause`.
    void answerUnsent(const Unsent &u, const QString &cause);
    // Same, from the event loop: never inside the caller's request handling.
    void answerUnsentLater(const Unsent &u, const QString &cause);
    void dropExpiredUnsent();
    // Sends one item to Raft, queues it when there is no leader, or does
    // nothing (Ok) when its client was answered already.
    raft::ProposeResult sendOrQueue(Unsent u);
    // Assigns request.id unless set; `waiter` says who waits for it when no
    // callback is given (auth and peer-URL changes keep their own waiters).
    void proposeRequest(RaftRequest &request, ResultCallback done,
                        Unsent::Waiter waiter = Unsent::Waiter::None);
    QList<Unsent> m_unsent;
    bool m_unsentFull = false; // logged once per stretch of refusals
    QHash<quint64, MemberCallback> m_memberWaiters;
    QSet<quint64> m_refusedBy; // peers that refused our handshake as unknown
    bool m_removedReported = false;
    QHash<quint64, AuthCallback> m_authWaiters;

    // For readConcurrently(): the store, the auth state and m_applied change
    // only under the write side; the rest is published through atomics.
    mutable AnnotatedReadWriteLock m_readLock;
    std::atomic<quint64> m_viewTerm{0};
    std::atomic<quint64> m_viewCommit{0};
    std::atomic<quint64> m_viewClusterId{0};
    std::atomic<qint64> m_leaderClockOffsetNs{0}; // see readNowNs()
    mutable std::atomic<quint64> m_concurrentGets{0};
    mutable std::atomic<quint64> m_concurrentGetsFailed{0};
};
