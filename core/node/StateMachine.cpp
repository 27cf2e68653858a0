// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "node/StateMachine.h"

#include "node/HeapTrim.h"
#include "node/LeaderClock.h"
#include "node/NodeLogging.h"
#include "node/NodeSnapshot.h"
#include "node/PendingRequests.h"
#include "node/RaftLoop.h"
#include "node/RaftRequest.h"
#include "raft/ConfChange.h"
#include "storage/SnapshotFileReader.h"
#include "store/DataStreamReader.h"
#include "store/StoreCapture.h"
#include "store/StoreSnapshot.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace node {

StateMachine::StateMachine(RaftLoop &loop, PendingRequests &waiters, QObject *parent)
    : QObject(parent), m_loop(loop), m_waiters(waiters)
{
}

void StateMachine::setMembership(const ClusterMembership &membership)
{
    m_membership = membership;
    m_viewClusterId.store(m_membership.clusterId(), std::memory_order_relaxed);
}

void StateMachine::setClusterId(quint64 id)
{
    m_membership.setClusterId(id);
    m_viewClusterId.store(id, std::memory_order_relaxed);
}

void StateMachine::apply(const QList<raft::Entry> &entries)
{
    if (entries.isEmpty())
        return;
    // The watchers get the batch's events after the lock and the writers' answers
    // (WatcherHub::hold says why).
    m_store.holdWatchEvents();
    {
        // Readers on other threads (readConcurrently) wait for the whole batch:
        // one lock per Ready, and they never see half of it.
        AnnotatedReadWriteLock::WriteLocker lock(&m_readLock);
        for (const raft::Entry &e : entries) {
            if (e.index <= m_applied)
                continue;
            if (e.type == raft::EntryType::ConfChange) {
                applyConfChange(e);
            } else if (!e.data.isEmpty()) {
                const std::optional<RaftRequest> request = RaftRequest::decode(e.data);
                if (request)
                    applyRequest(*request);
                else
                    qCCritical(lcNode, "skipping undecodable entry at index %llu",
                               qulonglong(e.index));
            }
            m_applied = e.index;
            m_appliedTerm = e.term;
        }
    }
    // The writers' answers are built and written after the lock is released:
    // readers wait for the store to change, not for client sockets.
    const QList<std::function<void()>> answers = std::exchange(m_answers, {});
    for (const std::function<void()> &answer : answers)
        answer();
    m_store.deliverWatchEvents();
    Q_EMIT entriesApplied();
}

void StateMachine::applyRequest(const RaftRequest &request)
{
    switch (request.kind) {
    case RaftRequest::Kind::Store: {
        store::StoreResult result = m_store.apply(request.command);
        if (auto done = m_waiters.takeWrite(request.id))
            m_answers.append(
                [done = std::move(done), result = std::move(result)] { done(result); });
        break;
    }
    case RaftRequest::Kind::Attributes: {
        m_membership.setAttributes(request.memberId, request.name, request.clientUrls);
        if (auto done = m_waiters.takeWrite(request.id))
            done(store::StoreResult{});
        break;
    }
    case RaftRequest::Kind::PeerUrls: {
        const auto change = m_membership.updatePeerUrls(request.memberId, request.peerUrls);
        if (change == ClusterMembership::Change::Ok && request.memberId != m_loop.id())
            Q_EMIT peerUrlsChanged(request.memberId, request.peerUrls);
        if (auto done = m_waiters.takeMember(request.id)) {
            api::MemberChangeResult r;
            if (change == ClusterMembership::Change::PeerUrlExists)
                r = {api::MemberChangeResult::Status::Conflict,
                     QStringLiteral("etcdserver: peerURL exists"),
                     {}};
            else if (change != ClusterMembership::Change::Ok)
                r = {api::MemberChangeResult::Status::NotFound,
                     QStringLiteral("No such member: %1").arg(request.memberId, 0, 16),
                     {}};
            done(r);
        }
        break;
    }
    case RaftRequest::Kind::Auth: {
        // Every member decodes the same bytes: an undecodable entry is
        // skipped by all of them alike.
        const std::optional<auth::AuthCommand> command = auth::AuthCommand::decode(request.auth);
        auth::AuthResult result;
        if (command) {
            result = m_auth.apply(*command);
        } else {
            qCCritical(lcNode, "skipping an undecodable auth change");
            result = auth::AuthResult::failure(auth::AuthResult::Status::NotApplied,
                                               QStringLiteral("undecodable auth change"));
        }
        if (auto done = m_waiters.takeAuth(request.id))
            done(result);
        break;
    }
    case RaftRequest::Kind::Noop:
        break;
    }
}

void StateMachine::applyConfChange(const raft::Entry &entry)
{
    std::optional<raft::ConfChange> cc = raft::ConfChange::decode(entry.data);
    if (!cc) {
        qCCritical(lcNode, "skipping undecodable membership change at index %llu",
                   qulonglong(entry.index));
        return;
    }
    const QJsonObject ctx = QJsonDocument::fromJson(cc->context).object();
    bool ok = false;
    const quint64 requestId = ctx.value(QLatin1String("requestId")).toString().toULongLong(&ok, 16);
    api::MemberChangeResult result;
    ClusterMembership::Change change = ClusterMembership::Change::Ok;
    switch (cc->type) {
    case raft::ConfChangeType::AddNode:
    case raft::ConfChangeType::AddLearner:
        if (!m_membership.contains(cc->nodeId)) {
            std::optional<api::MemberInfo> m = ClusterMembership::memberFromJson(
                QJsonDocument(ctx.value(QLatin1String("member")).toObject()).toJson());
            if (!m || m->id != cc->nodeId)
                m = api::MemberInfo{cc->nodeId, {}, {}, {}};
            change = m_membership.add(*m);
            if (change == ClusterMembership::Change::Ok && m->id != m_loop.id())
                Q_EMIT peerAdded(*m);
        }
        if (auto m = m_membership.member(cc->nodeId))
            result.member = *m;
        break;
    case raft::ConfChangeType::RemoveNode:
        change = m_membership.remove(cc->nodeId);
        if (change == ClusterMembership::Change::Ok && cc->nodeId != m_loop.id())
            Q_EMIT peerRemoved(cc->nodeId);
        break;
    }
    switch (change) {
    case ClusterMembership::Change::Ok:
        m_loop.applyConfChange(*cc);
        break;
    case ClusterMembership::Change::IdExists:
    case ClusterMembership::Change::PeerUrlExists:
        result = {api::MemberChangeResult::Status::Conflict,
                  QStringLiteral("etcdserver: peerURL exists"),
                  {}};
        break;
    case ClusterMembership::Change::IdRemoved:
        result = {api::MemberChangeResult::Status::Removed,
                  QStringLiteral("Member permanently removed: %1").arg(cc->nodeId, 0, 16),
                  {}};
        break;
    case ClusterMembership::Change::NotFound:
        result = {api::MemberChangeResult::Status::NotFound,
                  QStringLiteral("No such member: %1").arg(cc->nodeId, 0, 16),
                  {}};
        break;
    }
    if (change != ClusterMembership::Change::Ok) {
        // Raft still has to see the entry applied; a change with no node is a no-op.
        raft::ConfChange none = *cc;
        none.nodeId = 0;
        m_loop.applyConfChange(none);
    }
    if (ok) {
        if (auto done = m_waiters.takeMember(requestId))
            done(result);
    }
    if (cc->type == raft::ConfChangeType::RemoveNode && cc->nodeId == m_loop.id() &&
        change == ClusterMembership::Change::Ok)
        Q_EMIT selfRemoved();
}

bool StateMachine::install(const raft::Snapshot &snapshot)
{
    // Read in place (the image may be hundreds of megabytes) and decoded before the lock is
    // taken: readers go on reading the old state meanwhile.
    const std::optional<NodeSnapshot::View> parts = NodeSnapshot::split(snapshot.data);
    std::optional<store::StoreSnapshot::Decoded> decoded;
    if (parts)
        decoded = store::StoreSnapshot::decode(parts->store);
    if (!decoded ||
        !installImage(snapshot.metadata,
                      NodeSnapshot::Decoded{std::move(*decoded), parts->membership.toByteArray(),
                                            parts->auth.toByteArray()})) {
        fail(unreadable(snapshot.metadata));
        return false;
    }
    return true;
}

void StateMachine::installReceived(storage::SnapshotFileReader *file, const QString &problem)
{
    QString why = problem;
    FileImage read;
    if (file)
        read = readImage(*file, &why);
    if (!read.intact)
        fail(tr("the snapshot received from the leader cannot be installed: %1").arg(why));
    else if (!read.image || !installImage(file->metadata(), std::move(*read.image)))
        fail(unreadable(file->metadata()));
}

QString StateMachine::unreadable(const raft::SnapshotMetadata &metadata)
{
    return tr("snapshot at index %1 cannot be read").arg(metadata.index);
}

void StateMachine::fail(const QString &message)
{
    qCCritical(lcNode).noquote() << message;
    QMetaObject::invokeMethod(
        this, [this, message] { Q_EMIT fatalError(message); }, Qt::QueuedConnection);
}

StateMachine::FileImage StateMachine::readImage(storage::SnapshotFileReader &file, QString *problem)
{
    store::DataStreamReader reader(
        [&file](QByteArray *out, qsizetype max) { return file.read(out, max); },
        QDataStream::BigEndian);
    FileImage read;
    read.image = NodeSnapshot::read(reader);
    // Only now is it known whether the bytes decoded were the file's.
    read.intact = file.finish(problem);
    if (!read.intact)
        read.image.reset();
    return read;
}

bool StateMachine::installImage(const raft::SnapshotMetadata &metadata, NodeSnapshot::Decoded image)
{
    std::optional<ClusterMembership> membership = ClusterMembership::fromJson(image.membership);
    auth::AuthStore auth;
    if (!membership || (!image.auth.isEmpty() && !auth.recover(image.auth)))
        return false;
    {
        AnnotatedReadWriteLock::WriteLocker lock(&m_readLock);
        m_store.recover(std::move(image.store));
        m_auth = auth;
        const quint64 cluster = m_membership.clusterId();
        m_membership = *membership;
        if (m_membership.clusterId() == 0)
            m_membership.setClusterId(cluster);
        m_viewClusterId.store(m_membership.clusterId(), std::memory_order_relaxed);
        m_loop.setConfState(metadata.confState);
        m_applied = metadata.index;
        m_appliedTerm = metadata.term;
        m_snapshotIndex = metadata.index;
        qCInfo(lcNode, "installed snapshot at index %llu (term %llu)", qulonglong(metadata.index),
               qulonglong(metadata.term));
        Q_EMIT membershipReplaced();
    }
    // The old store was freed below the new one (HeapTrim). After the lock: readers need not
    // wait for it.
    HeapTrim::releaseFreedPages();
    Q_EMIT snapshotInstalled();
    return true;
}

QByteArray StateMachine::image() const
{
    return NodeSnapshot{m_store.save(), m_membership.toJson(), m_auth.save()}.encode(
        m_longSnapshotFrom);
}

BackgroundSnapshot::Source StateMachine::imageStream()
{
    // What BackgroundSnapshot works through on this (the member's) thread, a few pieces per
    // turn of its event loop: the store's capture and its encoder, then the membership and auth
    // parts (a few kilobytes, taken now).
    struct Stream
    {
        std::shared_ptr<const store::StoreCapture> capture;
        std::optional<store::StoreSnapshot::Encoder> encoder;
        QByteArray membership;
        QByteArray auth;
        qint64 storeBytes = 0;
        bool headDone = false;
        bool storeDone = false;
    };
    auto stream = std::make_shared<Stream>();
    stream->capture = m_store.beginCapture();
    if (!stream->capture)
        return {};
    stream->encoder.emplace(*stream->capture);
    stream->membership = m_membership.toJson();
    stream->auth = m_auth.save();
    // About 200 nodes of 256-byte values per piece, encoded in tens of microseconds. No lock:
    // this thread is the only one that changes the store, and the concurrent readers only read
    // it.
    static constexpr qsizetype kPieceBytes = 64 * 1024;
    BackgroundSnapshot::Source source;
    source.next = [stream, store = &m_store, longFrom = m_longSnapshotFrom](QByteArray *piece) {
        if (!stream->headDone) {
            piece->append(NodeSnapshot::head(0)); // the store's size follows in patches()
            stream->headDone = true;
        }
        if (!stream->storeDone) {
            const qsizetype before = piece->size();
            const bool more = stream->encoder->next(piece, kPieceBytes);
            stream->storeBytes += piece->size() - before;
            if (more)
                return true;
            stream->storeDone = true;
            // The store is written: it records nothing more, and the capture (the removed
            // subtrees it kept: tens of thousands of nodes after a few seconds of overwrites)
            // is freed with this source, which BackgroundSnapshot lets go on the writer thread
            // once this last piece is handed over. Freed here, it held the member 20 to 50 ms.
            store->endCapture();
        }
        // The store's size is known now: a store of 4 GiB or more gets version 3's framing.
        piece->append(NodeSnapshot::tail(stream->membership, stream->auth,
                                         quint64(stream->storeBytes), longFrom));
        return false;
    };
    source.patches = [stream,
                      longFrom = m_longSnapshotFrom](QList<QPair<qint64, QByteArray>> *out) {
        out->append({0, NodeSnapshot::head(quint64(stream->storeBytes), longFrom)});
        return true;
    };
    return source;
}

void StateMachine::endImageStream()
{
    m_store.endCapture();
}

std::optional<api::ConcurrentRead> StateMachine::readConcurrently(const QString &path,
                                                                  bool recursive, bool sorted,
                                                                  const LeaderClock &clock) const
{
    // Everything read here changes only under the write lock (apply, install)
    // or is atomic; the owner thread never takes this lock for its own reads,
    // as it is the only writer.
    AnnotatedReadWriteLock::ReadLocker lock(&m_readLock);
    if (m_auth.isEnabled())
        return std::nullopt;
    api::ConcurrentRead read;
    read.result = m_store.read(path, recursive, sorted, clock.nowNs());
    read.raft.commitIndex = qMax(m_applied, m_loop.viewCommit());
    read.raft.term = m_loop.viewTerm();
    read.clusterId = m_viewClusterId.load(std::memory_order_relaxed);
    (read.result.ok() ? m_concurrentGets : m_concurrentGetsFailed)
        .fetch_add(1, std::memory_order_relaxed);
    return read;
}

store::StoreStats StateMachine::storeStats() const
{
    store::StoreStats stats = m_store.stats();
    stats.getsSuccess += m_concurrentGets.load(std::memory_order_relaxed);
    stats.getsFail += m_concurrentGetsFailed.load(std::memory_order_relaxed);
    return stats;
}

} // namespace node
