#pragma once

#include "api/ApiBackend.h"
#include "store/Store.h"

#include <QObject>
#include <QTimer>

// Settings of one member, already validated by the daemon.
struct NodeOptions
{
    QString name = QStringLiteral("default");
    QStringList peerUrls;
    QStringList clientUrls;
    QString clusterToken = QStringLiteral("etcd-cluster");
    int proposalTimeoutMs = 5000;
};

// One member: the place where the key store meets time and (later) consensus
// and I/O. It owns the Store and the only timers that touch it: TTL expiry is
// an Expire command carrying this member's clock, applied like any other
// command at the next index, so the store itself never reads a clock.
//
// Today every command is applied at once in memory (single member, no WAL);
// the durability/clustering issue puts Raft, the WAL and the transport
// between propose() and apply without changing this interface.
// Lives on the server thread; not thread-safe.
class EtcdNode : public QObject, public ApiBackend
{
    Q_OBJECT
public:
    explicit EtcdNode(const NodeOptions &options, QObject *parent = nullptr);
    ~EtcdNode() override;

    // ApiBackend
    qint64 nowNs() const override;
    StoreResult get(const QString &path, bool recursive, bool sorted) override;
    void quorumGet(const QString &path, bool recursive, bool sorted, ResultCallback done) override;
    void propose(const Command &command, ResultCallback done) override;
    WatchResult watch(const QString &key, bool recursive, bool stream, quint64 sinceIndex,
                      WatchSink sink) override;
    void cancelWatch(quint64 watcherId) override;
    quint64 clusterId() const override { return m_clusterId; }
    quint64 memberId() const override { return m_memberId; }
    quint64 leaderId() const override { return m_memberId; }
    RaftPosition raftPosition() const override { return m_raft; }
    QList<MemberInfo> members() const override;
    bool healthy() const override { return true; }
    StoreStats storeStats() const override { return m_store.stats(); }
    SelfStats selfStats() const override;
    std::optional<LeaderStats> leaderStats() const override;
    void addMember(const QStringList &peerUrls, MemberCallback done) override;
    void removeMember(quint64 id, MemberCallback done) override;
    void updateMember(quint64 id, const QStringList &peerUrls, MemberCallback done) override;

    const Store &store() const { return m_store; }

private:
    StoreResult applyCommand(const Command &command);
    void armExpiryTimer();
    void expireDueKeys();

    NodeOptions m_options;
    Store m_store;
    QTimer m_expiryTimer;
    quint64 m_memberId = 0;
    quint64 m_clusterId = 0;
    RaftPosition m_raft;
    qint64 m_startTimeNs = 0;
};
