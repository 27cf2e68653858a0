// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "EtcdV2Replay.h"

#include <QCoreApplication>
#include <QStringList>

namespace etcdimport {

struct ImportOptions
{
    QString etcdDataDir; // the stopped etcd's --data-dir
    QString etcdWalDir;  // its --wal-dir; empty: <etcdDataDir>/member/wal
    QString outDir;      // the qetcd data dir to create (must not exist, or be empty)
    // The new member's identity, as `qetcd` computes it from the same flags.
    QString name = QStringLiteral("default");
    QStringList peerUrls; // empty: http://localhost:2380
    QStringList clientUrls;
    QString clusterToken = QStringLiteral("etcd-cluster");
};

struct ImportReport
{
    QString snapshotFile; // empty: the etcd member had taken no snapshot
    quint64 snapshotRaftIndex = 0;
    quint64 appliedRaftIndex = 0; // last entry applied (etcd's commit index)
    quint64 uncommittedSkipped = 0;
    quint64 v2Index = 0; // the imported store's index (X-Etcd-Index)
    quint64 etcdMemberId = 0;
    quint64 etcdClusterId = 0;
    quint64 memberId = 0; // the new qetcd member
    quint64 clusterId = 0;
    int keys = 0;          // nodes under the imported root, dirs included
    int historyEvents = 0; // of etcd's v2 event history carried over (waitIndex)
    bool authImported = false;
    QStringList notes;
    ReplayCounts counts;
    qint64 elapsedMs = 0;
};

// `qetcd import-etcd --etcd-data-dir DIR --data-dir OUT [...]`: turns a stopped etcd
// member's data directory (etcd 2.2 to 3.5: member/snap/*.snap and member/wal/*.wal) into a
// qetcd data directory whose v2 keyspace is the same key for key: values, directories,
// absolute expirations, createdIndex, modifiedIndex and the current index (X-Etcd-Index), so
// clients continue with the indexes they hold. The v2 auth data (users with their bcrypt
// hashes, roles, the enabled flag) comes along. Not carried over: etcd's member and cluster
// ids (OUT is a new single-member cluster, ids computed from --name and the URL flags as
// `qetcd` computes them), v3 data, and the part of etcd's v2 event history (its last 1000
// events) older than its newest cluster or auth event (see EtcdV2Replay::keysImage).
//
// How: the newest etcd snapshot gives the whole v2 store at its Raft index, the WAL's
// committed entries after it are replayed through qetcd's own store (EtcdV2Replay), and the
// result is written with qetcd's storage classes (a snapshot file and a WAL holding the
// identity, a snapshot marker and the hard state) first to OUT.tmp, which is renamed to OUT
// only when everything is on disk: a failed import leaves no OUT that looks complete.
// Any undecodable or unknown input stops it with the file and offset named, exit status 1.
// Runs on the main thread of a QCoreApplication; no event loop needed.
class EtcdImport
{
    Q_DECLARE_TR_FUNCTIONS(etcdimport::EtcdImport)
public:
    // True if the command line asks for this tool (`qetcd import-etcd ...`).
    static bool wanted(int argc, char **argv);
    // Runs it; arguments as QCoreApplication::arguments(). Returns the exit code.
    static int run(const QStringList &arguments);

    // The import itself (the tests call it directly).
    static bool importDataDir(const ImportOptions &options, ImportReport *report, QString *error);
};

} // namespace etcdimport
