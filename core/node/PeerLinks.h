// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "api/ClusterTypes.h"
#include "transport/TransportOptions.h"

#include <QObject>
#include <QSet>

#include <memory>

namespace transport {
class PeerNetwork;
class PeerTransport;
} // namespace transport

namespace node {

struct NodeOptions;

class StateMachine;

// This member's links to the others: owns the PeerTransport (listening on
// --listen-peer-urls), or uses the PeerNetwork NodeOptions::network gives
// (tests: several members in one process), and keeps its peer list in step with the replicated
// membership as entries and snapshots change it. It also notices when this
// member is no longer part of the cluster: its own removal applied, or a
// quorum of the members refusing its connections as unknown (a removed
// member stops hearing from the leader before it may apply its own removal;
// etcd's peers answer 410 Gone likewise); then removedFromCluster() fires, once.
//
// Without either (a single member in memory) there is no network and every
// call is a no-op. Member's thread only.
class PeerLinks : public QObject
{
    Q_OBJECT
public:
    PeerLinks(const StateMachine &state, const NodeOptions &options, QObject *parent = nullptr);
    ~PeerLinks() override;

    // The transport options both the member and a join probe use.
    transport::TransportOptions transportOptions() const;
    // Where the transport spools incoming snapshots (empty without a data dir).
    QString spoolDir() const;
    // Listens and connects to every other member; false with *error if it cannot listen.
    bool start(quint64 selfId, quint64 clusterId, QString *error);
    void stop();
    // The network the member sends on; null when it has none.
    transport::PeerNetwork *network() const { return m_network; }
    QList<quint16> ports() const;

    // Effects of applied membership changes.
    void add(const api::MemberInfo &member);
    void updateUrls(quint64 id, const QStringList &peerUrls);
    // Not at once: what is already queued for the removed member (a leader's
    // last append, carrying the commit of this very change) still goes out,
    // so it applies its own removal, answers a request that asked for it, and
    // stops. Raft sends it nothing more.
    void removeSoon(quint64 id);
    // After a snapshot: drops peers that left, adds those that joined.
    void reconcile();
    // This member's removal was applied: removedFromCluster() after a moment's
    // grace, so the answer to the removal and other answers in flight still go out.
    void selfRemoved();

Q_SIGNALS:
    void removedFromCluster(const QString &message);

private:
    void onRefusedAsUnknown(quint64 peer);
    void reportRemoved();

    const StateMachine &m_state;
    const NodeOptions &m_options;
    quint64 m_selfId = 0;
    std::unique_ptr<transport::PeerTransport> m_transport; // when listening itself
    transport::PeerNetwork *m_network = nullptr;
    QSet<quint64> m_refusedBy; // peers that refused our handshake as unknown
    bool m_removedReported = false;
};

} // namespace node
