// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "node/NodeSnapshot.h"
#include "transport/PeerTls.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace transport {
class PeerNetwork;
}

namespace node {

// Everything one member needs to start, already validated by the daemon
// (flags -> Config -> NodeOptions). Plain value.
struct NodeOptions
{
    static constexpr int requestTimeoutFor(int electionMs) { return 5000 + 2 * electionMs; }

    QString name = QStringLiteral("default");
    // Empty data dir: nothing is persisted (tests of the HTTP contract).
    QString dataDir;
    QString walDir;             // empty: <dataDir>/member/wal
    QStringList peerUrls;       // this member's advertised peer URLs
    QStringList clientUrls;     // this member's advertised client URLs
    QStringList listenPeerUrls; // empty: no peer listener (single member in memory)
    transport::PeerTls peerTls; // for https peer URLs (--peer-cert-file and friends)
    // --initial-cluster as (name, peer URL) pairs; empty: just this member.
    QList<QPair<QString, QString>> initialCluster;
    bool joinExisting = false; // --initial-cluster-state existing
    QString clusterToken = QStringLiteral("etcd-cluster");
    quint64 snapshotCount = 10000;
    int maxSnapshots = 5;
    int maxWals = 5;
    int heartbeatMs = 100;
    int electionMs = 1000;
    // How long a request waits for its proposal to apply before "request timed out". etcd's
    // ReqTimeout: 5 s for queueing, computation and disk, plus two election timeouts for a
    // leader election on the way (Daemon sets it from the configured election timeout).
    int proposalTimeoutMs = requestTimeoutFor(1000);
    bool forceNewCluster = false;
    // The transport's largest peer message (transport::TransportOptions::maxMessageBytes); 0: its
    // default. Snapshots do not count: they stream through <snap dir>/incoming on disk.
    qsizetype maxPeerMessageBytes = 0;
    // Largest snapshot this member takes in from a leader (it is spooled to disk, then installed
    // in memory); 0: no bound but the disk.
    qint64 maxSnapshotBytes = 0;
    // Store images this large or larger are written in the snapshot format's version 3
    // (4 GiB). Lower only to test that form without a 4 GiB store.
    quint64 longSnapshotFromBytes = NodeSnapshot::kLongFormFrom;
    quint64 seed = 0; // 0: derived from the clock at start
    // Tests: the network to the other members, instead of listening on
    // listenPeerUrls (several members in one process). Not owned.
    transport::PeerNetwork *network = nullptr;
};

} // namespace node
