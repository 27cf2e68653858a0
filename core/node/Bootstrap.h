// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "node/ClusterMembership.h"

#include <QCoreApplication>
#include <QList>

namespace node {

struct NodeOptions;

class RaftLoop;
class StateMachine;

// Where a member starts from: the cluster --initial-cluster describes (ids
// computed as etcd computes them, so callers see etcd's ids before start), or
// what its data dir holds. A new member's WAL is created with its identity in
// the metadata record; a restarting member gets back its identity, the
// membership it was bootstrapped with, the newest readable snapshot and the
// WAL after it (a torn tail is cut off, with a warning), and with
// --force-new-cluster forgets the other members. Joining an existing cluster
// is ClusterJoin's job. Stateless; member's thread.
class Bootstrap
{
    Q_DECLARE_TR_FUNCTIONS(node::Bootstrap)
public:
    struct Initial
    {
        quint64 id = 0; // this member's, 0 if --initial-cluster does not name it
        ClusterMembership membership;
        QList<quint64> peers; // the voters a new cluster starts with
    };
    // Fills in the defaults etcd assumes (one peer URL, a cluster of this
    // member alone, no data dir: nothing to recover) and computes the ids.
    static Initial initial(NodeOptions &options);

    // Opens the data dir into `loop` (files, WAL writer, restored log) and
    // `state` (snapshot, identity, membership); *restarted tells whether it
    // held a member already (then the bootstrap peers no longer apply).
    // Without a data dir nothing is persisted and it only warns.
    static bool open(const NodeOptions &options, RaftLoop &loop, StateMachine &state,
                     bool *restarted, QString *error);
};

} // namespace node
