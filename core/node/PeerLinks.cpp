// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "node/PeerLinks.h"

#include "node/NodeLogging.h"
#include "node/NodeOptions.h"
#include "node/StateMachine.h"
#include "storage/DataDir.h"
#include "transport/PeerTransport.h"

#include <QDir>
#include <QTimer>

namespace node {

namespace {

// How long a removed member keeps answering before it stops (and how long
// the others keep its connection for what is queued to it).
constexpr int kRemovedGraceMs = 300;

QList<QUrl> toUrls(const QStringList &urls)
{
    QList<QUrl> out;
    for (const QString &u : urls)
        out << QUrl(u);
    return out;
}

} // namespace

PeerLinks::PeerLinks(const StateMachine &state, const NodeOptions &options, QObject *parent)
    : QObject(parent), m_state(state), m_options(options)
{
}

PeerLinks::~PeerLinks()
{
    stop();
}

transport::TransportOptions PeerLinks::transportOptions() const
{
    transport::TransportOptions options;
    options.tls = m_options.peerTls;
    if (m_options.maxPeerMessageBytes > 0)
        options.maxMessageBytes = m_options.maxPeerMessageBytes;
    options.bulkSpoolDir = spoolDir();
    options.maxBulkBytes = m_options.maxSnapshotBytes;
    return options;
}

QString PeerLinks::spoolDir() const
{
    if (m_options.dataDir.isEmpty())
        return QString();
    return storage::DataDir(m_options.dataDir, m_options.walDir).snapDir() +
           QStringLiteral("/incoming");
}

bool PeerLinks::start(quint64 selfId, quint64 clusterId, QString *error)
{
    m_selfId = selfId;
    if (m_options.network) {
        m_network = m_options.network;
    } else if (!m_options.listenPeerUrls.isEmpty()) {
        // A snapshot half received when the member stopped is of no use: the leader sends
        // a whole one again.
        if (const QString spool = spoolDir(); !spool.isEmpty())
            QDir(spool).removeRecursively();
        m_transport = std::make_unique<transport::PeerTransport>(selfId, clusterId);
        m_transport->setOptions(transportOptions());
        if (!m_transport->listen(toUrls(m_options.listenPeerUrls), error))
            return false;
        m_transport->setClusterInfoProvider([this] { return m_state.membership().toJson(); });
        m_network = m_transport.get();
    } else {
        return true;
    }
    for (const api::MemberInfo &m : m_state.membership().members()) {
        if (m.id != selfId)
            m_network->addPeer(m.id, toUrls(m.peerUrls));
    }
    connect(m_network, &transport::PeerNetwork::refusedAsUnknown, this,
            &PeerLinks::onRefusedAsUnknown);
    connect(m_network, &transport::PeerNetwork::peerConnected, this,
            [this](quint64 peer) { m_refusedBy.remove(peer); });
    return true;
}

void PeerLinks::stop()
{
    if (m_transport)
        m_transport->stop();
}

QList<quint16> PeerLinks::ports() const
{
    return m_transport ? m_transport->listeningPorts() : QList<quint16>{};
}

void PeerLinks::add(const api::MemberInfo &member)
{
    if (m_network)
        m_network->addPeer(member.id, toUrls(member.peerUrls));
}

void PeerLinks::updateUrls(quint64 id, const QStringList &peerUrls)
{
    if (m_network)
        m_network->updatePeer(id, toUrls(peerUrls));
}

void PeerLinks::removeSoon(quint64 id)
{
    if (!m_network)
        return;
    QTimer::singleShot(kRemovedGraceMs, this, [this, id] {
        if (m_network && !m_state.membership().contains(id))
            m_network->removePeer(id);
    });
}

void PeerLinks::reconcile()
{
    if (!m_network)
        return;
    for (quint64 id : m_network->peers()) {
        if (!m_state.membership().contains(id))
            m_network->removePeer(id);
    }
    for (const api::MemberInfo &m : m_state.membership().members()) {
        if (m.id != m_selfId && !m_network->hasPeer(m.id))
            m_network->addPeer(m.id, toUrls(m.peerUrls));
    }
}

void PeerLinks::selfRemoved()
{
    qCWarning(lcNode) << "this member was removed from the cluster";
    QTimer::singleShot(kRemovedGraceMs, this, [this] { reportRemoved(); });
}

void PeerLinks::onRefusedAsUnknown(quint64 peer)
{
    m_refusedBy.insert(peer);
    const int quorum = int(m_state.membership().ids().size()) / 2 + 1;
    if (m_refusedBy.size() >= quorum && !m_removedReported) {
        qCWarning(lcNode) << "the cluster no longer knows this member";
        reportRemoved();
    }
}

void PeerLinks::reportRemoved()
{
    if (m_removedReported)
        return;
    m_removedReported = true;
    Q_EMIT removedFromCluster(tr("the member has been permanently removed from the cluster"));
}

} // namespace node
