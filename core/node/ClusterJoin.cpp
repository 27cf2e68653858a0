// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "node/ClusterJoin.h"

#include "transport/PeerTransport.h"

namespace node {

ClusterJoin::ClusterJoin(const QStringList &candidates, const QStringList &selfPeerUrls,
                         const transport::TransportOptions &options, QObject *parent)
    : QObject(parent), m_candidates(candidates), m_selfPeerUrls(selfPeerUrls), m_options(options)
{
}

void ClusterJoin::start()
{
    if (m_candidates.isEmpty()) {
        QMetaObject::invokeMethod(
            this,
            [this] {
                Q_EMIT failed(tr(
                    "--initial-cluster-state existing needs other members in --initial-cluster"));
                deleteLater();
            },
            Qt::QueuedConnection);
        return;
    }
    // A transport that never listens, only to ask; gone with this object.
    m_probe = new transport::PeerTransport(0, 0, this);
    m_probe->setOptions(m_options);
    ask(0);
}

void ClusterJoin::ask(int i)
{
    if (i >= m_candidates.size()) {
        Q_EMIT failed(tr("could not reach any member of the existing cluster (%1)")
                          .arg(m_candidates.join(QStringLiteral(", "))));
        deleteLater();
        return;
    }
    m_probe->fetchClusterInfo(QUrl(m_candidates.at(i)), [this, i](std::optional<QByteArray> info) {
        std::optional<ClusterMembership> remote;
        if (info)
            remote = ClusterMembership::fromJson(*info);
        if (!remote) {
            ask(i + 1);
            return;
        }
        const std::optional<quint64> self = remote->findByPeerUrls(m_selfPeerUrls);
        if (!self)
            Q_EMIT failed(tr("this member's peer URLs %1 are not in the cluster: add it with "
                             "`member add` first")
                              .arg(m_selfPeerUrls.join(QLatin1Char(','))));
        else
            Q_EMIT joined(*self, *remote);
        deleteLater();
    });
}

} // namespace node
