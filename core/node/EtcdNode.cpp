#include "node/EtcdNode.h"

#include "node/ClusterIdentity.h"

#include <QLoggingCategory>

#include <chrono>

Q_LOGGING_CATEGORY(lcNode, "qetcd.node")

EtcdNode::EtcdNode(const NodeOptions &options, QObject *parent)
    : QObject(parent), m_options(options)
{
    m_memberId = ClusterIdentity::memberId(options.peerUrls, options.clusterToken);
    m_clusterId = ClusterIdentity::clusterId({m_memberId});
    m_startTimeNs = nowNs();
    // A single member elects itself at once: term 1, nothing committed yet.
    m_raft.term = 1;
    m_expiryTimer.setSingleShot(true);
    m_expiryTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_expiryTimer, &QTimer::timeout, this, &EtcdNode::expireDueKeys);
    qCInfo(lcNode, "starting member %llx in cluster %llx", qulonglong(m_memberId),
           qulonglong(m_clusterId));
}

EtcdNode::~EtcdNode() = default;

qint64 EtcdNode::nowNs() const
{
    using namespace std::chrono;
    return duration_cast<nanoseconds>(system_clock::now().time_since_epoch()).count();
}

StoreResult EtcdNode::get(const QString &path, bool recursive, bool sorted)
{
    return m_store.get(path, recursive, sorted, nowNs());
}

void EtcdNode::quorumGet(const QString &path, bool recursive, bool sorted, ResultCallback done)
{
    // With one member, its own state is the committed state.
    done(get(path, recursive, sorted));
}

void EtcdNode::propose(const Command &command, ResultCallback done)
{
    done(applyCommand(command));
}

StoreResult EtcdNode::applyCommand(const Command &command)
{
    ++m_raft.commitIndex;
    StoreResult result = m_store.apply(command);
    armExpiryTimer();
    return result;
}

void EtcdNode::armExpiryTimer()
{
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
    Command expire;
    expire.op = Command::Op::Expire;
    expire.timeNs = nowNs();
    applyCommand(expire);
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

QList<MemberInfo> EtcdNode::members() const
{
    MemberInfo self;
    self.id = m_memberId;
    self.name = m_options.name;
    self.peerUrls = m_options.peerUrls;
    self.clientUrls = m_options.clientUrls;
    return {self};
}

SelfStats EtcdNode::selfStats() const
{
    SelfStats s;
    s.name = m_options.name;
    s.id = m_memberId;
    s.leader = true;
    s.startTimeNs = m_startTimeNs;
    s.leaderId = m_memberId;
    s.leaderStartTimeNs = m_startTimeNs;
    s.leaderUptimeNs = nowNs() - m_startTimeNs;
    return s;
}

std::optional<LeaderStats> EtcdNode::leaderStats() const
{
    LeaderStats s;
    s.leaderId = m_memberId;
    return s;
}

void EtcdNode::addMember(const QStringList &, MemberCallback done)
{
    done({MemberChangeResult::Status::Unsupported,
          tr("membership changes need the clustering support of a later release"), {}});
}

void EtcdNode::removeMember(quint64 id, MemberCallback done)
{
    if (id != m_memberId) {
        done({MemberChangeResult::Status::NotFound,
              QStringLiteral("No such member: %1").arg(id, 0, 16), {}});
        return;
    }
    done({MemberChangeResult::Status::Unsupported,
          tr("removing the only member would leave no cluster"), {}});
}

void EtcdNode::updateMember(quint64 id, const QStringList &, MemberCallback done)
{
    if (id != m_memberId) {
        done({MemberChangeResult::Status::NotFound,
              QStringLiteral("No such member: %1").arg(id, 0, 16), {}});
        return;
    }
    done({MemberChangeResult::Status::Unsupported,
          tr("membership changes need the clustering support of a later release"), {}});
}
