// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "api/ApiBackend.h"
#include "auth/AuthStore.h"
#include "node/AnnotatedReadWriteLock.h"
#include "node/BackgroundSnapshot.h"
#include "node/ClusterMembership.h"
#include "node/NodeSnapshot.h"
#include "raft/Entry.h"
#include "raft/Snapshot.h"
#include "storage/SnapshotFileReader.h"
#include "store/Store.h"

#include <QObject>

#include <atomic>
#include <functional>

namespace node {

class PendingRequests;
struct RaftRequest;

class LeaderClock;
class RaftLoop;

// The replicated state of one member and the one place it changes: the key
// store, the auth state and the cluster membership, and the index they are
// at. Committed entries are applied in log order (store commands, member
// attributes and peer URLs, auth changes, ConfChanges) exactly as on every
// other member, and the client waiting for each is answered (through the
// PendingRequests it is given); a snapshot replaces all three at once.
// Applying a ConfChange also applies it to the Raft core (RaftLoop), so the
// two never disagree about who votes.
//
// What applying means for the network (peers to add, update or drop, this
// member removed) is announced by signals, synchronously; the member wires
// them to its PeerLinks.
//
// Lives on the member's thread; readConcurrently() may be called from any
// thread: the store, the auth state and the applied index change only under
// the write side of a read-write lock, taken once per batch of entries, and
// writers' answers run after it is released (readers wait for the store,
// never for client sockets).
class StateMachine : public QObject
{
    Q_OBJECT
public:
    StateMachine(RaftLoop &loop, PendingRequests &waiters, QObject *parent = nullptr);

    const store::Store &store() const { return m_store; }
    store::Store &store() { return m_store; }
    const auth::AuthStore &auth() const { return m_auth; }
    const ClusterMembership &membership() const { return m_membership; }
    void setMembership(const ClusterMembership &membership);
    void setClusterId(quint64 id);

    quint64 applied() const { return m_applied; }
    quint64 appliedTerm() const { return m_appliedTerm; }
    quint64 snapshotIndex() const { return m_snapshotIndex; }

    // Applies what is above the applied index, in order.
    void apply(const QList<raft::Entry> &entries);
    // Replaces the state with a snapshot's image; false (and fatalError())
    // when it cannot be read, leaving the state as it was.
    bool install(const raft::Snapshot &snapshot);
    // A snapshot file's image, decoded as it is read (SnapshotFileReader), so that it is never
    // whole in memory beside the store built from it. `intact`: the file checked out (else
    // *problem); `image` is then the decoded image, or none when it is not one this member can
    // read.
    struct FileImage
    {
        bool intact = false;
        std::optional<NodeSnapshot::Decoded> image;
    };
    static FileImage readImage(storage::SnapshotFileReader &file, QString *problem);
    // Replaces the state with a decoded image (install() and readImage() end here); false,
    // leaving the state as it was and without fatalError(), when its membership or auth part
    // cannot be read.
    bool installImage(const raft::SnapshotMetadata &metadata, NodeSnapshot::Decoded image);
    // What a member says of a snapshot whose image it cannot read.
    static QString unreadable(const raft::SnapshotMetadata &metadata);
    // A snapshot received from the leader and saved to its file (RaftLoop::snapshotFileReceived):
    // installed from it; when it cannot be (no file: `problem`), fatalError() as install().
    void installReceived(storage::SnapshotFileReader *file, const QString &problem);
    // The image a snapshot at applied() carries; marks it as the newest snapshot.
    QByteArray image() const;
    // The same image as a source for BackgroundSnapshot::stream: the state as it is now, read
    // piece by piece on this thread between the member's other work, while it goes on applying
    // (store::StoreCapture keeps what it changes). Empty (no `next`) while one is running
    // already. The source ends the store's capture after its last piece of the store;
    // endImageStream() ends it in any case once the writer is done (a failed write), on this
    // thread.
    BackgroundSnapshot::Source imageStream();
    void endImageStream();
    void setSnapshotIndex(quint64 index) { m_snapshotIndex = index; }
    // NodeOptions::longSnapshotFromBytes, for the images this member writes.
    void setLongSnapshotFrom(quint64 bytes) { m_longSnapshotFrom = bytes; }

    // Any thread: a plain read, nullopt when auth is enabled (the permission
    // check belongs to the owner thread).
    std::optional<api::ConcurrentRead> readConcurrently(const QString &path, bool recursive,
                                                        bool sorted,
                                                        const LeaderClock &clock) const;
    store::StoreStats storeStats() const;

Q_SIGNALS:
    void peerAdded(const api::MemberInfo &member);
    void peerUrlsChanged(quint64 id, const QStringList &peerUrls);
    void peerRemoved(quint64 id);
    void selfRemoved();
    // After a snapshot replaced the membership wholesale.
    void membershipReplaced();
    void entriesApplied();
    void snapshotInstalled();
    void fatalError(const QString &message);

private:
    void applyRequest(const RaftRequest &request);
    void applyConfChange(const raft::Entry &entry);
    // Logs `message` and reports it through fatalError(), from the event loop.
    void fail(const QString &message);

    RaftLoop &m_loop;
    PendingRequests &m_waiters;
    store::Store m_store;
    auth::AuthStore m_auth;
    ClusterMembership m_membership;
    quint64 m_applied = 0;
    quint64 m_appliedTerm = 0;
    quint64 m_snapshotIndex = 0;
    quint64 m_longSnapshotFrom = NodeSnapshot::kLongFormFrom;
    // Answers to writes applied under m_readLock, run once it is released.
    QList<std::function<void()>> m_answers;

    mutable AnnotatedReadWriteLock m_readLock;
    std::atomic<quint64> m_viewClusterId{0};
    mutable std::atomic<quint64> m_concurrentGets{0};
    mutable std::atomic<quint64> m_concurrentGetsFailed{0};
};

} // namespace node
