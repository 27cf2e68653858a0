// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "node/ClusterMembership.h"
#include "transport/TransportOptions.h"

#include <QObject>
#include <QStringList>

namespace transport {
class PeerTransport;
}

namespace node {

// Joining an existing cluster (--initial-cluster-state existing, no WAL yet):
// asks the members listed in --initial-cluster, other than this one, one after
// another, who is in the cluster; this member's id is the one `member add`
// registered for its peer URLs. Ends with joined() or failed(), once, from the
// event loop; deletes itself after. Member's thread.
class ClusterJoin : public QObject
{
    Q_OBJECT
public:
    // `candidates`: the peer URLs to ask; `selfPeerUrls`: this member's.
    ClusterJoin(const QStringList &candidates, const QStringList &selfPeerUrls,
                const transport::TransportOptions &options, QObject *parent = nullptr);
    void start();

Q_SIGNALS:
    void joined(quint64 selfId, const ClusterMembership &membership);
    void failed(const QString &message);

private:
    void ask(int i);

    const QStringList m_candidates;
    const QStringList m_selfPeerUrls;
    const transport::TransportOptions m_options;
    transport::PeerTransport *m_probe = nullptr;
};

} // namespace node
