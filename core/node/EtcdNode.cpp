#include "node/EtcdNode.h"

#include "node/ClusterIdentity.h"
#include "node/NodeSnapshot.h"
#include "node/ProposalStamper.h"
#include "node/RaftRequest.h"
#include "raft/ConfChange.h"
#include "raft/RawNode.h"
#include "storage/DataDir.h"
#include "storage/Snapshotter.h"
#include "storage/Wal.h"
#include "storage/WalWriter.h"
#include "transport/PeerTransport.h"

#include <QDataStream>
#include <QIODevice>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QtNumeric>

#include <chrono>
#include <limits>
#include <utility>

Q_LOGGING_CATEGORY(lcNode, "qetcd.node")

namespace {

// How long a removed member keeps answering before it stops (and how long
// the others keep its connection for what is queued to it).
constexpr int kRemovedGraceMs = 300;

// WAL metadata: who this member is, in which cluster, and the membership it
// was bootstrapped with (the bootstrap ConfChange entries carry no details).
struct WalMetadata
{
    quint64 memberId = 0;
    quint64 clusterId = 0;
    QByteArray initialMembership;

    QByteArray encode() const
    {
        QByteArray out;
        QDataStream s(&out, QIODevice::WriteOnly);
        s.setVersion(QDataStream::Qt_6_4);
        s << quint8(1) << memberId << clusterId << initialMembership;
        return out;
    }
    static std::optional<WalMetadata> decode(const QByteArray &bytes)
    {
        QDataStream s(bytes);
        s.setVersion(QDataStream::Qt_6_4);
        quint8 version = 0;
        WalMetadata m;
        s >> version >> m.memberId >> m.clusterId >> m.initialMembership;
        if (s.status() != QDataStream::Ok || version != 1 || m.memberId == 0)
            return std::nullopt;
        return m;
    }
};

// The ConfChange context: which client request asked for it and the member's details.
QByteArray confChangeContext(quint64 requestId, const MemberInfo &member)
{
    QJsonObject o{{QStringLiteral("requestId"), QString::number(requestId, 16)},
                  {QStringLiteral("member"),
                   QJsonDocument::fromJson(ClusterMembership::memberToJson(member)).object()}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

StoreResult timeoutResult(quint64 index, const QString &cause)
{
    StoreResult r;
    r.error = EtcdError::make(ErrorCode::RaftInternal, cause, index);
    return r;
}

const QString kTimedOut = QStringLiteral("etcdserver: request timed out");
// etcd's cause for a proposal its Raft refuses to take (error 300).
const QString kProposalDropped = QStringLiteral("raft proposal dropped");
// The cause of error 300 while the disk is full: Go's text for ENOSPC, which etcd's v2 API
// would put there (writeKeyError wraps any other error as 300 with err.Error()).
const QString kNoSpace = QStringLiteral("no space left on device");

// Raft could not take it now but may once a leader is known: it waits in m_unsent.
bool waitsForLeader(raft::ProposeResult r)
{
    return r == raft::ProposeResult::NoLeader || r == raft::ProposeResult::TransferInProgress;
}

// Refused for good (not taken, and no leader would change that).
bool isRefused(raft::ProposeResult r)
{
    return r != raft::ProposeResult::Ok && !waitsForLeader(r);
}

std::optional<ClockOffsetStats> clockOffsetOf(const transport::PeerStats &p)
{
    if (!p.clockOffsetKnown)
        return std::nullopt;
    return ClockOffsetStats{double(p.clockOffsetNs) / 1e9, double(p.clockOffsetErrorNs) / 1e9};
}

} // namespace

EtcdNode::EtcdNode(const NodeOptions &options, QObject *parent)
    : QObject(parent), m_options(options)
{
    m_clock.start();
    m_startTimeNs = nowNs();
    m_requestCounter = quint64(m_startTimeNs / 1000000) << 8;
    m_tickTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_tickTimer, &QTimer::timeout, this, &EtcdNode::onTick);
    m_expiryTimer.setSingleShot(true);
    m_expiryTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_expiryTimer, &QTimer::timeout, this, &EtcdNode::expireDueKeys);
    if (m_options.peerUrls.isEmpty())
        m_options.peerUrls = {QStringLiteral("http://localhost:2380")};
    if (m_options.initialCluster.isEmpty()) {
        for (const QString &url : m_options.peerUrls)
            m_options.initialCluster.append({m_options.name, url});
    }
    // Without a data dir nothing can be recovered: start as if new.
    if (m_options.dataDir.isEmpty())
        m_options.joinExisting = false;
    // Ids are known before start() for new clusters so that callers (and
    // tests of the HTTP contract) see the same ids etcd would compute.
    QMap<QString, QStringList> urlsByName;
    for (const auto &entry : m_options.initialCluster)
        urlsByName[entry.first].append(entry.second);
    QList<quint64> ids;
    for (auto it = urlsByName.cbegin(); it != urlsByName.cend(); ++it) {
        MemberInfo m;
        m.id = ClusterIdentity::memberId(it.value(), m_options.clusterToken);
        m.name = it.key();
        m.peerUrls = it.value();
        if (it.key() == m_options.name) {
            m.clientUrls = m_options.clientUrls;
            m_id = m.id;
        }
        m_membership.add(m);
        ids.append(m.id);
    }
    m_membership.setClusterId(ClusterIdentity::clusterId(ids));
    m_bootstrapPeers = ids;
}

EtcdNode::~EtcdNode()
{
    if (m_transport)
        m_transport->stop();
    // The writer's destructor flushes whatever is queued before its thread ends.
    m_walWriter.reset();
}

transport::TransportOptions EtcdNode::transportOptions() const
{
    transport::TransportOptions options;
    options.tls = m_options.peerTls;
    return options;
}

qint64 EtcdNode::nowNs() const
{
    using namespace std::chrono;
    return duration_cast<nanoseconds>(system_clock::now().time_since_epoch()).count();
}

quint64 EtcdNode::nextRequestId()
{
    // The member id's high bits keep ids from different members apart; the
    // start time in the low bits keeps a restarted member from reusing ids.
    const quint64 high = (m_id >> 40) << 40;
    return high | ((++m_requestCounter) & ((quint64(1) << 40) - 1));
}

bool EtcdNode::start(QString *error)
{
    if (m_options.joinExisting &&
        !storage::Wal::exists(storage::DataDir(m_options.dataDir, m_options.walDir).walDir())) {
        joinExisting();
        return true;
    }
    if (!loadOrBootstrap(error))
        return false;
    return startRaft(error);
}

bool EtcdNode::loadOrBootstrap(QString *error)
{
    if (m_options.dataDir.isEmpty()) {
        qCWarning(lcNode) << "no data dir: nothing is persisted";
        return true;
    }
    m_dataDir = std::make_unique<storage::DataDir>(m_options.dataDir, m_options.walDir);
    storage::StorageResult r = m_dataDir->open();
    if (!r.ok()) {
        *error = r.error;
        return false;
    }
    m_snapshotter = std::make_unique<storage::Snapshotter>(m_dataDir->snapDir());
    const QString walDir = m_dataDir->walDir();
    std::unique_ptr<storage::Wal> wal;

    if (storage::Wal::exists(walDir)) {
        QString warning;
        const std::optional<raft::Snapshot> snap = m_snapshotter->loadNewest(&warning);
        if (!warning.isEmpty())
            qCWarning(lcNode).noquote() << warning;
        storage::Wal::Options walOptions;
        if (snap)
            walOptions.replayAfter = snap->metadata.index;
        storage::Wal::ReadOut out;
        storage::Wal::Opened opened = storage::Wal::open(walDir, &out, walOptions);
        if (!opened.result.ok()) {
            *error = opened.result.error;
            return false;
        }
        if (out.tornTailTruncated)
            qCWarning(lcNode).noquote() << out.warning;
        const std::optional<WalMetadata> meta = WalMetadata::decode(out.metadata);
        if (!meta) {
            *error = tr("the WAL in %1 does not belong to a qetcd member").arg(walDir);
            return false;
        }
        m_id = meta->memberId;
        if (auto initial = ClusterMembership::fromJson(meta->initialMembership))
            m_membership = *initial;
        m_membership.setClusterId(meta->clusterId);
        m_bootstrapPeers.clear();
        if (snap) {
            m_raftStorage.applySnapshot(*snap);
            installSnapshot(*snap);
        }
        m_hardState = out.hardState;
        publishView();
        m_raftStorage.setHardState(out.hardState);
        m_raftStorage.append(out.entries);
        qCInfo(lcNode,
               "restarting member %llx in cluster %llx at commit index %llu (snapshot %llu, %lld "
               "entries in the WAL)",
               qulonglong(m_id), qulonglong(clusterId()), qulonglong(out.hardState.commit),
               qulonglong(m_snapshotIndex), qlonglong(out.entries.size()));
        if (m_options.forceNewCluster) {
            // Disaster recovery: keep the data, forget the other members. Every
            // entry we hold is treated as committed and the others are removed
            // from the membership through ConfChange entries, as etcd does.
            quint64 last = m_raftStorage.lastIndex();
            quint64 term = m_hardState.term;
            QList<raft::Entry> removals;
            QList<quint64> others = m_membership.ids();
            others.removeAll(m_id);
            for (quint64 other : others) {
                ++last;
                removals.append(raft::Entry{
                    term, last, raft::EntryType::ConfChange,
                    raft::ConfChange{raft::ConfChangeType::RemoveNode, other, {}}.encode()});
            }
            if (!removals.isEmpty()) {
                m_raftStorage.append(removals);
                out.entries += removals;
            }
            m_hardState.commit = last;
            m_raftStorage.setHardState(m_hardState);
            opened.wal->save(m_hardState, removals);
            qCWarning(lcNode) << "forcing a new cluster: removed" << others.size() << "members";
        }
        wal = std::move(opened.wal);
    } else {
        WalMetadata meta{m_id, clusterId(), m_membership.toJson()};
        storage::Wal::Opened created = storage::Wal::create(walDir, meta.encode());
        if (!created.result.ok()) {
            *error = created.result.error;
            return false;
        }
        wal = std::move(created.wal);
        qCInfo(lcNode, "starting member %llx in cluster %llx", qulonglong(m_id),
               qulonglong(clusterId()));
    }
    m_walWriter = std::make_unique<storage::WalWriter>(std::move(wal), *m_snapshotter);
    connect(m_walWriter.get(), &storage::WalWriter::persisted, this, [this](quint64 last) {
        if (m_readyInFlight && last >= m_batchId) {
            onPersisted();
            // Straight on, not through the event queue: the commit this batch
            // brings (and so the client's answer) is one loop turn sooner.
            processReady();
        }
    });
    connect(m_walWriter.get(), &storage::WalWriter::failed, this, [this](const QString &message) {
        // Acknowledging writes that are not on disk would lose them: stop.
        qCCritical(lcNode).noquote() << "storage failure:" << message;
        failAll(message);
        Q_EMIT fatalError(message);
    });
    connect(m_walWriter.get(), &storage::WalWriter::diskFull, this, &EtcdNode::onDiskFull);
    connect(m_walWriter.get(), &storage::WalWriter::diskSpaceAvailable, this, [this] {
        m_diskFull = false;
        qCInfo(lcNode, "disk space available again: accepting writes");
    });
    m_walWriter->start();
    return true;
}

void EtcdNode::onDiskFull(const QString &message)
{
    qCWarning(lcNode).noquote() << "disk full, refusing writes until space is freed:" << message;
    m_diskFull = true;
    failAll(kNoSpace);
    for (const Unsent &u : std::exchange(m_unsent, {}))
        answerUnsent(u, kNoSpace);
}

void EtcdNode::joinExisting()
{
    // Ask the members listed in --initial-cluster (other than us) who is in
    // the cluster; our id is the one `member add` registered for our URLs.
    QStringList candidates;
    for (const auto &entry : m_options.initialCluster) {
        if (!m_options.peerUrls.contains(entry.second))
            candidates << entry.second;
    }
    if (candidates.isEmpty()) {
        QMetaObject::invokeMethod(
            this,
            [this] {
                Q_EMIT fatalError(tr(
                    "--initial-cluster-state existing needs other members in --initial-cluster"));
            },
            Qt::QueuedConnection);
        return;
    }
    auto *probe = new transport::PeerTransport(0, 0, this);
    probe->setOptions(transportOptions());
    auto attempt = std::make_shared<std::function<void(int)>>();
    // The function holds itself only weakly (a strong capture was a cycle that leaked it and
    // the candidates list): its caller keeps it alive, first this function, then the pending
    // fetch's callback, which captures it strongly and is dropped when the fetch is done.
    *attempt = [this, probe, candidates, weakAttempt = std::weak_ptr(attempt)](int i) {
        const auto attempt = weakAttempt.lock();
        if (i >= candidates.size()) {
            probe->deleteLater();
            Q_EMIT fatalError(tr("could not reach any member of the existing cluster (%1)")
                                  .arg(candidates.join(QStringLiteral(", "))));
            return;
        }
        probe->fetchClusterInfo(
            QUrl(candidates.at(i)), [this, probe, i, attempt](std::optional<QByteArray> info) {
                std::optional<ClusterMembership> remote;
                if (info)
                    remote = ClusterMembership::fromJson(*info);
                if (!remote) {
                    (*attempt)(i + 1);
                    return;
                }
                probe->deleteLater();
                const std::optional<quint64> self = remote->findByPeerUrls(m_options.peerUrls);
                if (!self) {
                    Q_EMIT fatalError(tr("this member's peer URLs %1 are not in the cluster: add "
                                         "it with `member add` first")
                                          .arg(m_options.peerUrls.join(QLatin1Char(','))));
                    return;
                }
                m_id = *self;
                m_membership = *remote;
                m_bootstrapPeers.clear();
                qCInfo(lcNode, "joining cluster %llx as member %llx", qulonglong(clusterId()),
                       qulonglong(m_id));
                QString error;
                if (!loadOrBootstrap(&error) || !startRaft(&error))
                    Q_EMIT fatalError(error);
            });
    };
    (*attempt)(0);
}

bool EtcdNode::startRaft(QString *error)
{
    raft::Config c;
    c.id = m_id;
    c.peers = m_bootstrapPeers;
    c.heartbeatTick = 1;
    c.electionTick = qMax(2, m_options.electionMs / qMax(1, m_options.heartbeatMs));
    c.storage = &m_raftStorage;
    c.applied = m_applied;
    c.checkQuorum = true;
    c.preVote = true;
    // A leader that lost its quorum keeps at most this much uncommitted (in
    // its log, its WAL and its memory) until check-quorum deposes it; the
    // rest is refused at once. Far above any healthy backlog (64 connections
    // of --max-request-bytes each is under 100 MiB).
    c.maxUncommittedSize = 256ull * 1024 * 1024;
    c.seed = m_options.seed ? m_options.seed
                            : quint64(m_startTimeNs) ^ QRandomGenerator::system()->generate64();
    const QString invalid = c.validate();
    if (!invalid.isEmpty()) {
        *error = invalid;
        return false;
    }
    m_raft = std::make_unique<raft::RawNode>(c);

    if (!m_options.listenPeerUrls.isEmpty()) {
        m_transport = std::make_unique<transport::PeerTransport>(m_id, clusterId());
        m_transport->setOptions(transportOptions());
        QList<QUrl> urls;
        for (const QString &u : m_options.listenPeerUrls)
            urls << QUrl(u);
        QString listenError;
        if (!m_transport->listen(urls, &listenError)) {
            *error = listenError;
            return false;
        }
        for (const MemberInfo &m : m_membership.members()) {
            if (m.id != m_id) {
                QList<QUrl> peer;
                for (const QString &u : m.peerUrls)
                    peer << QUrl(u);
                m_transport->addPeer(m.id, peer);
            }
        }
        connect(m_transport.get(), &transport::PeerTransport::messageReceived, this,
                &EtcdNode::onMessage);
        connect(m_transport.get(), &transport::PeerTransport::peerUnreachable, this,
                [this](quint64 id) { m_raft->reportUnreachable(id); });
        connect(m_transport.get(), &transport::PeerTransport::bulkSendFinished, this,
                [this](quint64 id, bool ok) {
                    m_raft->reportSnapshot(id, ok);
                    scheduleReady();
                });
        m_transport->setClusterInfoProvider([this] { return m_membership.toJson(); });
        // A removed member stops hearing from the leader before it may apply
        // its own removal; it learns it when a quorum of the cluster refuses
        // its connections as unknown (etcd's peers answer 410 Gone likewise).
        connect(m_transport.get(), &transport::PeerTransport::refusedAsUnknown, this,
                [this](quint64 peer) {
                    m_refusedBy.insert(peer);
                    const int quorum = int(m_membership.ids().size()) / 2 + 1;
                    if (m_refusedBy.size() >= quorum && !m_removedReported) {
                        m_removedReported = true;
                        qCWarning(lcNode) << "the cluster no longer knows this member";
                        Q_EMIT fatalError(
                            tr("the member has been permanently removed from the cluster"));
                    }
                });
        connect(m_transport.get(), &transport::PeerTransport::peerConnected, this,
                [this](quint64 peer) { m_refusedBy.remove(peer); });
    }
    m_tickTimer.start(qMax(1, m_options.heartbeatMs));
    m_started = true;
    publishView();
    scheduleReady();
    return true;
}

void EtcdNode::scheduleReady()
{
    if (m_readyScheduled || !m_raft)
        return;
    m_readyScheduled = true;
    QMetaObject::invokeMethod(this, &EtcdNode::processReady, Qt::QueuedConnection);
}

void EtcdNode::processReady()
{
    m_readyScheduled = false;
    // A Ready that needs no fdatasync is finished here, and the one it leads
    // to (a single member's commit after its append) is taken at once.
    while (m_raft && !m_readyInFlight && m_raft->hasReady())
        startReady();
}

void EtcdNode::startReady()
{
    m_ready = m_raft->ready();
    m_readyInFlight = true;

    if (m_ready.softState && m_ready.softState->lead != m_leaderId) {
        const bool wasLeader = isLeader();
        m_leaderId = m_ready.softState->lead;
        m_leaderSinceNs = nowNs();
        qCInfo(lcNode, "member %llx: leader is now %llx", qulonglong(m_id), qulonglong(m_leaderId));
        if (isLeader()) {
            if (m_transport)
                m_transport->resetPeerStats();
        } else if (wasLeader) {
            m_expiryTimer.stop();
        }
        Q_EMIT leaderChanged(m_leaderId);
        if (m_leaderId != 0)
            QMetaObject::invokeMethod(this, &EtcdNode::retryUnsent, Qt::QueuedConnection);
    }
    sendMessages(m_ready.messages);
    if (m_ready.hardState) {
        m_hardState = *m_ready.hardState;
        publishView();
    }
    // A Ready that only moves the commit index needs no fdatasync (etcd's
    // MustSync): the commit index is re-learned after a restart, and the
    // newest hard state goes to disk with the next batch that does sync.
    // Skipping it saves a second fdatasync per write on the critical path.
    const bool mustPersist = m_walWriter && m_ready.mustSync;
    if (mustPersist) {
        if (!m_ready.snapshot.isEmpty())
            m_walWriter->enqueueSnapshot(m_ready.snapshot);
        m_walWriter->enqueue(++m_batchId, m_hardState, m_ready.entries);
        // The writer thread syncs the new batch while this thread applies.
        applyDurableCommitted();
        return; // onPersisted() runs when the writer thread reports the batch durable
    }
    onPersisted();
}

void EtcdNode::applyDurableCommitted()
{
    // Committed entries that were already on this member's disk before this
    // Ready (at or below the last index an earlier batch persisted) need not
    // wait for this batch's fdatasync: applying them now, while the writer
    // thread syncs, halves the latency of a write under load and overlaps
    // the apply work with the disk's. On a leader
    // that is every committed entry (it counts itself toward a quorum only
    // once durable); a follower may learn entries and their commitment in
    // the same Ready, and those wait for onPersisted(), which skips what was
    // applied here. Nothing runs ahead of a snapshot in the Ready.
    if (!m_ready.snapshot.isEmpty())
        return;
    const quint64 durable = m_raftStorage.lastIndex();
    qsizetype n = 0;
    while (n < m_ready.committedEntries.size() && m_ready.committedEntries.at(n).index <= durable)
        ++n;
    if (n > 0)
        applyEntries(m_ready.committedEntries.first(n));
}

void EtcdNode::onPersisted()
{
    raft::Ready rd = std::move(m_ready);
    m_ready = raft::Ready();
    if (!rd.snapshot.isEmpty()) {
        m_raftStorage.applySnapshot(rd.snapshot);
        installSnapshot(rd.snapshot);
    }
    if (rd.hardState)
        m_raftStorage.setHardState(*rd.hardState);
    if (!rd.entries.isEmpty())
        m_raftStorage.append(rd.entries);
    sendMessages(rd.messagesAfterPersist);
    applyEntries(rd.committedEntries);
    for (const raft::ReadState &rs : rd.readStates)
        m_pending.readIndexConfirmed(rs.context, rs.index);
    for (const PendingRequests::Callback &read : m_pending.readyReads(m_applied))
        read(StoreResult{});
    m_raft->advance(rd);
    m_readyInFlight = false;
    if (m_leaderId == 0 && m_confState.voters == QList<quint64>{m_id})
        m_raft->campaign(); // alone: no need to wait for an election timeout
    maybeTakeSnapshot();
    if (m_leaderId != 0 && !m_attributesPublished)
        publishAttributes();
    // The caller (processReady's loop, or the persisted handler) takes the next Ready.
}

void EtcdNode::sendMessages(const QList<raft::Message> &messages)
{
    if (!m_transport)
        return;
    for (const raft::Message &m : messages) {
        if (m.type == raft::MessageType::MsgApp)
            ++m_sendAppends;
        const auto priority = m.type == raft::MessageType::MsgSnap ? transport::Priority::Bulk
                                                                   : transport::Priority::Normal;
        const transport::SendResult r = m_transport->send(m.to, m.encode(), priority);
        if (r != transport::SendResult::Queued) {
            m_raft->reportUnreachable(m.to);
            if (m.type == raft::MessageType::MsgSnap)
                m_raft->reportSnapshot(m.to, false);
        }
    }
}

void EtcdNode::onMessage(quint64 from, const QByteArray &payload)
{
    std::optional<raft::Message> m = raft::Message::decode(payload);
    if (!m) {
        qCWarning(lcNode, "dropping an undecodable message from %llx (%lld bytes)",
                  qulonglong(from), qlonglong(payload.size()));
        return;
    }
    if (m->from != from) {
        qCWarning(lcNode, "dropping a message from %llx claiming to be from %llx", qulonglong(from),
                  qulonglong(m->from));
        return;
    }
    if (m->type == raft::MessageType::MsgApp)
        ++m_recvAppends;
    // A forwarded proposal takes this member's clock: see ProposalStamper.
    ProposalStamper::stamp(*m, nowNs());
    m_raft->step(*m);
    scheduleReady();
}

void EtcdNode::applyEntries(const QList<raft::Entry> &entries)
{
    if (entries.isEmpty())
        return;
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
    runAfterTermApplied();
    armExpiryTimer();
}

void EtcdNode::applyRequest(const RaftRequest &request)
{
    switch (request.kind) {
    case RaftRequest::Kind::Store: {
        StoreResult result = m_store.apply(request.command);
        if (auto done = m_pending.takeWrite(request.id))
            m_answers.append(
                [done = std::move(done), result = std::move(result)] { done(result); });
        break;
    }
    case RaftRequest::Kind::Attributes: {
        m_membership.setAttributes(request.memberId, request.name, request.clientUrls);
        if (request.memberId == m_id)
            m_attributesPublished = true;
        if (auto done = m_pending.takeWrite(request.id))
            done(StoreResult{});
        break;
    }
    case RaftRequest::Kind::PeerUrls: {
        const auto change = m_membership.updatePeerUrls(request.memberId, request.peerUrls);
        if (change == ClusterMembership::Change::Ok && m_transport && request.memberId != m_id) {
            QList<QUrl> urls;
            for (const QString &u : request.peerUrls)
                urls << QUrl(u);
            m_transport->updatePeer(request.memberId, urls);
        }
        if (auto done = m_memberWaiters.take(request.id)) {
            MemberChangeResult r;
            if (change == ClusterMembership::Change::PeerUrlExists)
                r = {MemberChangeResult::Status::Conflict,
                     QStringLiteral("etcdserver: peerURL exists"),
                     {}};
            else if (change != ClusterMembership::Change::Ok)
                r = {MemberChangeResult::Status::NotFound,
                     QStringLiteral("No such member: %1").arg(request.memberId, 0, 16),
                     {}};
            done(r);
        }
        break;
    }
    case RaftRequest::Kind::Auth: {
        // Every member decodes the same bytes: an undecodable entry is
        // skipped by all of them alike.
        const std::optional<AuthCommand> command = AuthCommand::decode(request.auth);
        AuthResult result;
        if (command) {
            result = m_auth.apply(*command);
        } else {
            qCCritical(lcNode, "skipping an undecodable auth change");
            result = AuthResult::failure(AuthResult::Status::NotApplied,
                                         QStringLiteral("undecodable auth change"));
        }
        if (auto done = m_authWaiters.take(request.id))
            done(result);
        break;
    }
    case RaftRequest::Kind::Noop:
        break;
    }
}

void EtcdNode::applyConfChange(const raft::Entry &entry)
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
    MemberChangeResult result;
    ClusterMembership::Change change = ClusterMembership::Change::Ok;
    switch (cc->type) {
    case raft::ConfChangeType::AddNode:
    case raft::ConfChangeType::AddLearner:
        if (!m_membership.contains(cc->nodeId)) {
            std::optional<MemberInfo> m = ClusterMembership::memberFromJson(
                QJsonDocument(ctx.value(QLatin1String("member")).toObject()).toJson());
            if (!m || m->id != cc->nodeId)
                m = MemberInfo{cc->nodeId, {}, {}, {}};
            change = m_membership.add(*m);
            if (change == ClusterMembership::Change::Ok && m_transport && m->id != m_id) {
                QList<QUrl> urls;
                for (const QString &u : m->peerUrls)
                    urls << QUrl(u);
                m_transport->addPeer(m->id, urls);
            }
        }
        if (auto m = m_membership.member(cc->nodeId))
            result.member = *m;
        break;
    case raft::ConfChangeType::RemoveNode:
        change = m_membership.remove(cc->nodeId);
        if (change == ClusterMembership::Change::Ok && m_transport && cc->nodeId != m_id) {
            // Not at once: what is already queued for the removed member
            // (a leader's last append, carrying the commit of this very
            // change) still goes out, so it applies its own removal, answers
            // a request that asked for it, and stops. Raft sends it nothing
            // more.
            const quint64 removed = cc->nodeId;
            QTimer::singleShot(kRemovedGraceMs, this, [this, removed] {
                if (m_transport && !m_membership.contains(removed))
                    m_transport->removePeer(removed);
            });
        }
        break;
    }
    switch (change) {
    case ClusterMembership::Change::Ok:
        m_confState = m_raft->applyConfChange(*cc);
        break;
    case ClusterMembership::Change::IdExists:
    case ClusterMembership::Change::PeerUrlExists:
        result = {
            MemberChangeResult::Status::Conflict, QStringLiteral("etcdserver: peerURL exists"), {}};
        break;
    case ClusterMembership::Change::IdRemoved:
        result = {MemberChangeResult::Status::Removed,
                  QStringLiteral("Member permanently removed: %1").arg(cc->nodeId, 0, 16),
                  {}};
        break;
    case ClusterMembership::Change::NotFound:
        result = {MemberChangeResult::Status::NotFound,
                  QStringLiteral("No such member: %1").arg(cc->nodeId, 0, 16),
                  {}};
        break;
    }
    if (change != ClusterMembership::Change::Ok) {
        // Raft still has to see the entry applied; a change with no node is a no-op.
        raft::ConfChange none = *cc;
        none.nodeId = 0;
        m_confState = m_raft->applyConfChange(none);
    }
    if (ok) {
        if (auto done = m_memberWaiters.take(requestId))
            done(result);
    }
    if (cc->type == raft::ConfChangeType::RemoveNode && cc->nodeId == m_id &&
        change == ClusterMembership::Change::Ok) {
        qCWarning(lcNode) << "this member was removed from the cluster";
        // A moment's grace first: the answer to the removal (when it was
        // asked of this member) and other answers in flight still go out.
        QTimer::singleShot(kRemovedGraceMs, this, [this] {
            if (m_removedReported)
                return;
            m_removedReported = true;
            Q_EMIT fatalError(tr("the member has been permanently removed from the cluster"));
        });
    }
}

void EtcdNode::installSnapshot(const raft::Snapshot &snapshot)
{
    AnnotatedReadWriteLock::WriteLocker lock(&m_readLock);
    const std::optional<NodeSnapshot> image = NodeSnapshot::decode(snapshot.data);
    std::optional<ClusterMembership> membership;
    if (image)
        membership = ClusterMembership::fromJson(image->membership);
    AuthStore auth;
    if (!image || !membership || !m_store.recover(image->store) ||
        (!image->auth.isEmpty() && !auth.recover(image->auth))) {
        const QString message =
            tr("snapshot at index %1 cannot be read").arg(snapshot.metadata.index);
        qCCritical(lcNode).noquote() << message;
        QMetaObject::invokeMethod(
            this, [this, message] { Q_EMIT fatalError(message); }, Qt::QueuedConnection);
        return;
    }
    m_auth = auth;
    const quint64 cluster = clusterId();
    m_membership = *membership;
    if (m_membership.clusterId() == 0)
        m_membership.setClusterId(cluster);
    m_confState = snapshot.metadata.confState;
    m_applied = snapshot.metadata.index;
    m_appliedTerm = snapshot.metadata.term;
    m_snapshotIndex = snapshot.metadata.index;
    publishView();
    qCInfo(lcNode, "installed snapshot at index %llu (term %llu)",
           qulonglong(snapshot.metadata.index), qulonglong(snapshot.metadata.term));
    if (m_transport) {
        for (quint64 id : m_transport->peers()) {
            if (!m_membership.contains(id))
                m_transport->removePeer(id);
        }
        for (const MemberInfo &m : m_membership.members()) {
            if (m.id != m_id && !m_transport->hasPeer(m.id)) {
                QList<QUrl> urls;
                for (const QString &u : m.peerUrls)
                    urls << QUrl(u);
                m_transport->addPeer(m.id, urls);
            }
        }
    }
    armExpiryTimer();
}

void EtcdNode::maybeTakeSnapshot()
{
    if (m_options.snapshotCount == 0 || m_applied < m_snapshotIndex + m_options.snapshotCount)
        return;
    const NodeSnapshot image{m_store.save(), m_membership.toJson(), m_auth.save()};
    if (m_raftStorage.createSnapshot(m_applied, m_confState, image.encode()) !=
        raft::StorageError::Ok)
        return;
    raft::Snapshot snap;
    m_raftStorage.snapshot(&snap);
    m_snapshotIndex = m_applied;
    if (m_walWriter)
        m_walWriter->enqueueSnapshot(snap);
    // Keep some entries behind the snapshot so a slightly slow follower
    // catches up from the log instead of needing the whole snapshot.
    const quint64 keep = qMin<quint64>(5000, qMax<quint64>(1, m_options.snapshotCount / 2));
    if (m_applied > keep)
        m_raftStorage.compact(m_applied - keep);
    if (m_walWriter)
        m_walWriter->enqueuePurge(m_options.maxWals, m_options.maxSnapshots, m_snapshotIndex);
    qCInfo(lcNode, "saved snapshot at index %llu", qulonglong(m_snapshotIndex));
}

void EtcdNode::onTick()
{
    if (!m_raft)
        return;
    m_raft->tick();
    const qint64 now = monotonicMs();
    for (const PendingRequests::Callback &late : m_pending.expire(now))
        late(timeoutResult(m_store.index(), kTimedOut));
    retryUnsent();
    if (m_leaderId == 0 && m_confState.voters == QList<quint64>{m_id})
        m_raft->campaign(); // alone: no need to wait for an election timeout
    if (isLeader()) {
        // Promote learners that caught up (thesis 4.2.1): only then do they count.
        const raft::Status status = m_raft->status();
        for (quint64 learner : status.config.learners) {
            const auto progress = status.progress.value(learner);
            if (progress.match >= status.hardState.commit)
                m_raft->proposeConfChange(
                    raft::ConfChange{raft::ConfChangeType::AddNode, learner, {}});
        }
    }
    if (m_leaderId != 0 && !m_attributesPublished)
        publishAttributes();
    trackLeaderClock();
    scheduleReady();
}

qint64 EtcdNode::readNowNs() const
{
    // The offset comes from a peer's answers: saturate rather than overflow.
    const qint64 offset = m_leaderClockOffsetNs.load(std::memory_order_relaxed);
    qint64 now = 0;
    if (qAddOverflow(nowNs(), offset, &now))
        return offset > 0 ? std::numeric_limits<qint64>::max() : std::numeric_limits<qint64>::min();
    return now;
}

void EtcdNode::trackLeaderClock()
{
    qint64 offset = 0;
    if (m_transport && m_leaderId != 0 && !isLeader()) {
        const transport::PeerStats leader = m_transport->stats(m_leaderId);
        if (leader.clockOffsetKnown)
            offset = leader.clockOffsetNs;
    }
    m_leaderClockOffsetNs.store(offset, std::memory_order_relaxed);
}

void EtcdNode::retryUnsent()
{
    dropExpiredUnsent();
    if (m_unsent.isEmpty() || m_leaderId == 0 || !m_raft)
        return;
    const QList<Unsent> waiting = std::exchange(m_unsent, {});
    for (const Unsent &u : waiting) {
        const raft::ProposeResult r = sendOrQueue(u); // keeps u's deadline when queued again
        if (isRefused(r))
            answerUnsent(u, kProposalDropped);
    }
}

void EtcdNode::dropExpiredUnsent()
{
    if (m_unsent.isEmpty())
        return;
    const qint64 now = monotonicMs();
    QList<Unsent> keep, late;
    for (Unsent &u : m_unsent) {
        // A client already answered (its own timer may fire a moment before
        // this deadline) must never see its request proposed afterwards.
        if (u.deadlineMs <= now || !clientWaiting(u))
            late.append(std::move(u));
        else
            keep.append(std::move(u));
    }
    m_unsent = std::move(keep);
    if (m_unsent.size() < kMaxUnsent)
        m_unsentFull = false;
    for (const Unsent &u : std::as_const(late))
        answerUnsent(u, kTimedOut);
}

raft::ProposeResult EtcdNode::sendOrQueue(Unsent u)
{
    if (!clientWaiting(u))
        return raft::ProposeResult::Ok; // answered already: it must never be sent now
    if (m_diskFull) {
        // Nothing could be persisted: answered now (from the event loop), never queued.
        answerUnsentLater(u, kNoSpace);
        return raft::ProposeResult::Ok;
    }
    raft::ProposeResult r = raft::ProposeResult::NoLeader;
    if (m_raft) {
        switch (u.kind) {
        case Unsent::Kind::Read:
            r = m_raft->readIndex(u.data);
            break;
        case Unsent::Kind::ConfChange:
            r = m_raft->proposeConfChange(*raft::ConfChange::decode(u.data));
            break;
        case Unsent::Kind::Propose:
            r = m_raft->propose(ProposalStamper::stamp(u.data, nowNs()));
            break;
        }
    }
    if (waitsForLeader(r))
        queueUnsent(std::move(u));
    return r;
}

void EtcdNode::queueUnsent(Unsent u)
{
    if (m_unsent.size() >= kMaxUnsent) {
        if (!m_unsentFull)
            qCWarning(lcNode, "refusing requests: %d are waiting for a leader already", kMaxUnsent);
        m_unsentFull = true;
        answerUnsentLater(u, kProposalDropped);
        return;
    }
    if (u.deadlineMs == 0)
        u.deadlineMs = monotonicMs() + m_options.proposalTimeoutMs;
    m_unsent.append(std::move(u));
}

bool EtcdNode::clientWaiting(const Unsent &u) const
{
    switch (u.waiter) {
    case Unsent::Waiter::None:
        return true;
    case Unsent::Waiter::Write:
        return m_pending.hasWrite(u.requestId);
    case Unsent::Waiter::Read:
        return m_pending.hasRead(u.data);
    case Unsent::Waiter::Auth:
        return m_authWaiters.contains(u.requestId);
    case Unsent::Waiter::Member:
        return m_memberWaiters.contains(u.requestId);
    }
    return false;
}

void EtcdNode::answerUnsent(const Unsent &u, const QString &cause)
{
    switch (u.waiter) {
    case Unsent::Waiter::None:
        break;
    case Unsent::Waiter::Write:
        if (auto done = m_pending.takeWrite(u.requestId))
            done(timeoutResult(m_store.index(), cause));
        break;
    case Unsent::Waiter::Read:
        if (auto done = m_pending.takeRead(u.data))
            done(timeoutResult(m_store.index(), cause));
        break;
    case Unsent::Waiter::Auth:
        if (auto done = m_authWaiters.take(u.requestId))
            done(AuthResult::failure(AuthResult::Status::NotApplied, cause));
        break;
    case Unsent::Waiter::Member:
        if (auto done = m_memberWaiters.take(u.requestId))
            done({MemberChangeResult::Status::Failed, cause, {}});
        break;
    }
}

void EtcdNode::answerUnsentLater(const Unsent &u, const QString &cause)
{
    if (u.waiter == Unsent::Waiter::None)
        return;
    QMetaObject::invokeMethod(
        this, [this, u, cause] { answerUnsent(u, cause); }, Qt::QueuedConnection);
}

void EtcdNode::proposeRequest(RaftRequest &request, ResultCallback done, Unsent::Waiter waiter)
{
    if (request.id == 0)
        request.id = nextRequestId();
    const Unsent u{request.encode(), Unsent::Kind::Propose, done ? Unsent::Waiter::Write : waiter,
                   request.id, 0};
    if (done)
        m_pending.addWrite(request.id, monotonicMs() + m_options.proposalTimeoutMs,
                           std::move(done));
    const raft::ProposeResult r = sendOrQueue(u);
    if (r == raft::ProposeResult::Ok && m_refusingUncommitted) {
        m_refusingUncommitted = false;
        qCInfo(lcNode, "accepting writes again");
    }
    if (r == raft::ProposeResult::TooMuchUncommitted) {
        if (!m_refusingUncommitted)
            qCWarning(lcNode, "refusing writes: too much is uncommitted (no quorum?)");
        m_refusingUncommitted = true;
        // etcd's answer to a proposal its Raft drops (error 300); from the
        // event loop, not from inside the caller's request handling.
        answerUnsentLater(u, kProposalDropped);
    } else if (isRefused(r)) {
        qCWarning(lcNode) << "proposal refused:" << int(r);
    }
    scheduleReady();
}

StoreResult EtcdNode::get(const QString &path, bool recursive, bool sorted)
{
    return m_store.get(path, recursive, sorted, readNowNs());
}

std::optional<ConcurrentRead> EtcdNode::readConcurrently(const QString &path, bool recursive,
                                                         bool sorted) const
{
    // Everything read here changes only under the write lock (applyEntries,
    // installSnapshot) or is atomic; the owner thread never takes this lock
    // for its own reads, as it is the only writer.
    AnnotatedReadWriteLock::ReadLocker lock(&m_readLock);
    if (m_auth.isEnabled())
        return std::nullopt;
    ConcurrentRead read;
    read.result = m_store.read(path, recursive, sorted, readNowNs());
    read.raft.commitIndex = qMax(m_applied, m_viewCommit.load(std::memory_order_relaxed));
    read.raft.term = m_viewTerm.load(std::memory_order_relaxed);
    read.clusterId = m_viewClusterId.load(std::memory_order_relaxed);
    (read.result.ok() ? m_concurrentGets : m_concurrentGetsFailed)
        .fetch_add(1, std::memory_order_relaxed);
    return read;
}

StoreStats EtcdNode::storeStats() const
{
    StoreStats stats = m_store.stats();
    stats.getsSuccess += m_concurrentGets.load(std::memory_order_relaxed);
    stats.getsFail += m_concurrentGetsFailed.load(std::memory_order_relaxed);
    return stats;
}

void EtcdNode::quorumGet(const QString &path, bool recursive, bool sorted, ResultCallback done)
{
    QByteArray context(8, Qt::Uninitialized);
    const quint64 id = nextRequestId();
    memcpy(context.data(), &id, 8);
    m_pending.addRead(context, monotonicMs() + m_options.proposalTimeoutMs,
                      [this, path, recursive, sorted, done](const StoreResult &r) {
                          if (r.error)
                              done(r);
                          else
                              done(get(path, recursive, sorted));
                      });
    sendOrQueue({context, Unsent::Kind::Read, Unsent::Waiter::Read, 0, 0});
    scheduleReady();
}

void EtcdNode::propose(const Command &command, ResultCallback done)
{
    RaftRequest request;
    request.kind = RaftRequest::Kind::Store;
    request.command = command;
    proposeRequest(request, std::move(done));
}

void EtcdNode::proposeAuth(const AuthCommand &command, AuthCallback done)
{
    RaftRequest request;
    request.kind = RaftRequest::Kind::Auth;
    request.auth = command.encode();
    request.id = nextRequestId();
    // The waiter is in place before the proposal: it is what keeps the
    // change sendable (clientWaiting) while no leader is known.
    const quint64 requestId = request.id;
    m_authWaiters.insert(requestId, std::move(done));
    QTimer::singleShot(m_options.proposalTimeoutMs, this, [this, requestId] {
        if (auto late = m_authWaiters.take(requestId))
            late(AuthResult::failure(AuthResult::Status::NotApplied, kTimedOut));
    });
    proposeRequest(request, {}, Unsent::Waiter::Auth);
}

void EtcdNode::publishAttributes()
{
    // Like etcd, a member publishes its name and client URLs through the log
    // so every member lists them; retried until applied.
    if (m_attributesPublished || m_leaderId == 0)
        return;
    static constexpr qint64 retryMs = 1000;
    if (m_publishAttemptMs >= 0 && monotonicMs() - m_publishAttemptMs < retryMs)
        return;
    m_publishAttemptMs = monotonicMs();
    RaftRequest request;
    request.kind = RaftRequest::Kind::Attributes;
    request.memberId = m_id;
    request.name = m_options.name;
    request.clientUrls = m_options.clientUrls;
    proposeRequest(request, {});
}

WatchResult EtcdNode::watch(const QString &key, bool recursive, bool stream, quint64 sinceIndex,
                            WatchSink sink)
{
    return m_store.watch(key, recursive, stream, sinceIndex, std::move(sink));
}

void EtcdNode::cancelWatch(quint64 watcherId)
{
    m_store.cancelWatch(watcherId);
}

void EtcdNode::armExpiryTimer()
{
    if (!isLeader()) {
        m_expiryTimer.stop();
        return;
    }
    const qint64 next = m_store.nextExpirationNs();
    if (next == 0) {
        m_expiryTimer.stop();
        return;
    }
    // Round up to whole milliseconds so the timer never fires before the key is due.
    const qint64 delayNs = next - nowNs();
    const qint64 delayMs = delayNs <= 0 ? 0 : (delayNs + 999999) / 1000000;
    m_expiryTimer.start(int(qMin<qint64>(delayMs, 24LL * 3600 * 1000)));
}

void EtcdNode::expireDueKeys()
{
    if (!isLeader())
        return;
    RaftRequest request;
    request.kind = RaftRequest::Kind::Store;
    request.command.op = Command::Op::Expire;
    request.command.timeNs = nowNs();
    proposeRequest(request, {});
    // If this proposal is lost (leadership moves), try again shortly; applying
    // it re-arms the timer for the next key anyway.
    m_expiryTimer.start(500);
}

void EtcdNode::failAll(const QString &cause)
{
    for (const PendingRequests::Callback &waiter :
         m_pending.expire(std::numeric_limits<qint64>::max()))
        waiter(timeoutResult(m_store.index(), cause));
}

void EtcdNode::publishView()
{
    m_viewTerm.store(m_hardState.term, std::memory_order_relaxed);
    m_viewCommit.store(m_hardState.commit, std::memory_order_relaxed);
    m_viewClusterId.store(m_membership.clusterId(), std::memory_order_relaxed);
}

RaftPosition EtcdNode::raftPosition() const
{
    RaftPosition p;
    p.commitIndex = qMax(m_applied, m_hardState.commit);
    p.term = m_hardState.term;
    return p;
}

QList<quint16> EtcdNode::peerPorts() const
{
    return m_transport ? m_transport->listeningPorts() : QList<quint16>{};
}

SelfStats EtcdNode::selfStats() const
{
    SelfStats s;
    s.name = m_options.name;
    s.id = m_id;
    s.leader = isLeader();
    s.startTimeNs = m_startTimeNs;
    s.leaderId = m_leaderId;
    s.leaderStartTimeNs = m_leaderSinceNs;
    s.leaderUptimeNs = m_leaderId ? nowNs() - m_leaderSinceNs : 0;
    s.recvAppendRequestCnt = m_recvAppends;
    s.sendAppendRequestCnt = m_sendAppends;
    if (m_transport) {
        const transport::TrafficStats t = m_transport->trafficStats();
        // etcd reports receive rates on followers and send rates on the leader.
        if (isLeader()) {
            s.sendPkgRate = t.sendMessageRate;
            s.sendBandwidthRate = t.sendByteRate;
        } else {
            s.recvPkgRate = t.receiveMessageRate;
            s.recvBandwidthRate = t.receiveByteRate;
        }
    }
    return s;
}

std::optional<LeaderStats> EtcdNode::leaderStats() const
{
    if (!isLeader())
        return std::nullopt;
    LeaderStats s;
    s.leaderId = m_id;
    if (!m_transport)
        return s;
    for (const MemberInfo &m : m_membership.members()) {
        if (m.id == m_id)
            continue;
        const transport::PeerStats p = m_transport->stats(m.id);
        FollowerStats f;
        f.id = m.id;
        f.currentMs = p.currentMs;
        f.averageMs = p.averageMs;
        f.standardDeviationMs = p.standardDeviationMs;
        f.minimumMs = p.minimumMs;
        f.maximumMs = p.maximumMs;
        f.success = p.success;
        f.fail = p.fail;
        f.clockOffset = clockOffsetOf(p);
        s.followers.append(f);
    }
    return s;
}

QList<PeerClock> EtcdNode::peerClocks() const
{
    QList<PeerClock> clocks;
    if (!m_transport)
        return clocks;
    for (const MemberInfo &m : m_membership.members()) {
        if (m.id == m_id)
            continue;
        if (const std::optional<ClockOffsetStats> c = clockOffsetOf(m_transport->stats(m.id)))
            clocks.append({m.id, *c});
    }
    return clocks;
}

void EtcdNode::waitForMemberChange(quint64 requestId, MemberCallback done)
{
    m_memberWaiters.insert(requestId, std::move(done));
    QTimer::singleShot(m_options.proposalTimeoutMs, this, [this, requestId] {
        if (auto late = m_memberWaiters.take(requestId))
            late({MemberChangeResult::Status::Failed, kTimedOut, {}});
    });
}

void EtcdNode::proposeMemberChange(quint64 requestId, const raft::ConfChange &cc)
{
    // A removal waiting for a leadership transfer may come here after its
    // client was answered: then it is never proposed (sendOrQueue checks).
    const raft::ProposeResult r =
        sendOrQueue({cc.encode(), Unsent::Kind::ConfChange, Unsent::Waiter::Member, requestId, 0});
    if (isRefused(r)) {
        if (auto refused = m_memberWaiters.take(requestId))
            refused({MemberChangeResult::Status::Failed,
                     r == raft::ProposeResult::ConfChangePending
                         ? QStringLiteral("etcdserver: another membership change is in progress")
                         : QStringLiteral("etcdserver: membership change refused"),
                     {}});
    }
    scheduleReady();
}

// Member changes are decided where they are applied, in log order, as etcd decides them
// (ValidateConfigurationChange): this member's own view may be behind the log (it was down or
// cut off), and a "peerURL exists" or "No such member" from it could contradict a change
// another member has already acknowledged.
void EtcdNode::addMember(const QStringList &peerUrls, MemberCallback done)
{
    MemberInfo member;
    member.peerUrls = peerUrls;
    member.id = ClusterIdentity::memberId(peerUrls, m_options.clusterToken, nowNs() / 1000000000);
    const quint64 requestId = nextRequestId();
    waitForMemberChange(requestId, std::move(done));
    // A new member joins as a learner and is promoted once it caught up, so
    // an empty new member never weakens the quorum.
    proposeMemberChange(requestId, raft::ConfChange{raft::ConfChangeType::AddLearner, member.id,
                                                    confChangeContext(requestId, member)});
}

void EtcdNode::removeMember(quint64 id, MemberCallback done)
{
    // Decided when applied (see addMember); the member as known here only goes into the
    // entry's context.
    const MemberInfo member = m_membership.member(id).value_or(MemberInfo{id, {}, {}, {}});
    const quint64 requestId = nextRequestId();
    waitForMemberChange(requestId, std::move(done));
    const raft::ConfChange cc{raft::ConfChangeType::RemoveNode, id,
                              confChangeContext(requestId, member)};
    if (id == m_leaderId && m_raft && m_confState.voters.size() >= 2) {
        // Removing the leader would leave the cluster leaderless for an
        // election timeout: leadership moves first, to the follower that
        // took the request or, when the leader is asked itself, to its most
        // up-to-date follower. The removal is proposed once an entry of the
        // new leader's term is applied here: a new leader refuses membership
        // changes until its own first entry is applied (Raft::checkConfChange),
        // and one forwarded to it would be dropped.
        const quint64 to = id == m_id ? bestTransferee() : m_id;
        if (to != 0) {
            moveLeadership(
                to, QStringLiteral("removing member %1").arg(id, 0, 16), [this, requestId, cc] {
                    whenTermApplied([this, requestId, cc] { proposeMemberChange(requestId, cc); });
                });
            return;
        }
    }
    proposeMemberChange(requestId, cc);
}

void EtcdNode::whenTermApplied(std::function<void()> run)
{
    if (termApplied()) {
        run();
        return;
    }
    m_afterTermApplied.append(std::move(run));
}

bool EtcdNode::termApplied() const
{
    return m_leaderId != 0 && m_appliedTerm == m_hardState.term;
}

void EtcdNode::runAfterTermApplied()
{
    if (m_afterTermApplied.isEmpty() || !termApplied())
        return;
    const QList<std::function<void()>> ready = std::exchange(m_afterTermApplied, {});
    for (const std::function<void()> &run : ready)
        run();
}

void EtcdNode::updateMember(quint64 id, const QStringList &peerUrls, MemberCallback done)
{
    // Decided when applied (see addMember): an unknown member or a taken URL is answered then.
    // Peer URLs are no Raft membership change: an ordinary entry carries them.
    RaftRequest request;
    request.kind = RaftRequest::Kind::PeerUrls;
    request.memberId = id;
    request.peerUrls = peerUrls;
    const quint64 requestId = nextRequestId();
    waitForMemberChange(requestId, std::move(done));
    request.id = requestId;
    proposeRequest(request, {}, Unsent::Waiter::Member);
}

void EtcdNode::shutdown(std::function<void()> done)
{
    m_stopping = true;
    const quint64 to = isLeader() ? bestTransferee() : 0;
    if (to == 0) {
        done();
        return;
    }
    moveLeadership(to, QStringLiteral("stopping"), std::move(done));
}

quint64 EtcdNode::bestTransferee() const
{
    if (!isLeader() || !m_raft || m_confState.voters.size() < 2)
        return 0;
    // The most up-to-date voter takes over soonest.
    const raft::Status status = m_raft->status();
    quint64 best = 0, bestMatch = 0;
    for (quint64 voter : status.config.voters) {
        if (voter == m_id)
            continue;
        const quint64 match = status.progress.value(voter).match;
        if (best == 0 || match > bestMatch) {
            best = voter;
            bestMatch = match;
        }
    }
    return best;
}

void EtcdNode::moveLeadership(quint64 to, const QString &why, std::function<void()> done)
{
    // So the cluster does not wait an election timeout for a new leader. A
    // follower's request goes to the leader inside Raft.
    const quint64 from = m_leaderId;
    qCInfo(lcNode, "transferring leadership from %llx to %llx before %s", qulonglong(from),
           qulonglong(to), qPrintable(why));
    m_raft->transferLeadership(to);
    scheduleReady();
    // Whichever comes first: another leader, or the time a transfer may take.
    auto watch = std::make_shared<QMetaObject::Connection>();
    auto finished = std::make_shared<bool>(false);
    auto finish = [watch, finished, done] {
        if (*finished)
            return;
        *finished = true;
        QObject::disconnect(*watch);
        done();
    };
    *watch = connect(this, &EtcdNode::leaderChanged, this, [this, from, finish](quint64 leader) {
        if (leader != 0 && leader != from)
            QTimer::singleShot(50, this, finish); // let the last messages leave
    });
    QTimer::singleShot(qMax(1000, 2 * m_options.electionMs), this, finish);
}
