// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "EtcdWalReader.h"
#include "store/Store.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

#include <optional>

namespace etcdimport {

class Request; // etcd_import.proto

// Counts of what the replay did with the WAL's entries (the import prints them).
struct ReplayCounts
{
    quint64 v2Writes = 0;     // v2 requests applied (successful or not, as etcd applied them)
    quint64 v2Failed = 0;     // of which the store refused (index unchanged, as in etcd)
    quint64 v2Reads = 0;      // QGET/GET: nothing to apply
    quint64 syncs = 0;        // SYNC: expiry at the leader's time
    quint64 confChanges = 0;  // applied to /0/members like etcd's RaftCluster does
    quint64 v3Requests = 0;   // InternalRaftRequests without a v2 request: skipped
    quint64 emptyEntries = 0; // a new leader's empty entry
    quint64 unknownMethods = 0;
};

// etcd's whole v2 store (the cluster's /0, the keys' /1, v2 auth's /2), held in a qetcd
// store::Store so that every write is applied by qetcd's own implementation of the v2 store
// semantics, and brought forward entry by entry exactly as etcd's applier brings its own:
//  - load(): the v2 store JSON of an etcd snapshot (store.Save(): Root with Path,
//    CreatedIndex, ModifiedIndex, ExpireTime, Value, Children (null for a key), and
//    CurrentIndex) becomes the tree, indexes and expirations unchanged;
//  - apply(): one committed Raft entry. Normal entries hold an etcdserverpb.Request (etcd
//    2.x) or an InternalRaftRequest whose v2 field holds it (3.x); the Request is mapped to a
//    store::Command as etcd's applierV2store maps it (PUT with PrevExist/PrevValue/PrevIndex
//    to Create/Update/CompareAndSwap/Set, POST to an in-order Create, DELETE to
//    Delete/CompareAndDelete, SYNC to Expire, QGET to nothing). etcd 3.5's cluster-version and
//    member-attribute requests write /0 like 3.4's v2 PUTs did. ConfChange entries change
//    /0/members and /0/removed_members as etcd's RaftCluster does (a change etcd would
//    refuse changes nothing). The store's index thus advances exactly where etcd's did: on
//    successful v2 writes and membership writes, never on Raft indexes.
// Owned by the import; one thread.
class EtcdV2Replay
{
    Q_DECLARE_TR_FUNCTIONS(etcdimport::EtcdV2Replay)
public:
    // Replaces the state with the JSON of an etcd snapshot; false with *error when it is not
    // a v2 store image this import understands.
    bool load(const QByteArray &json, const QString &file, QString *error);
    // Applies one committed entry; false with *error (file and offset) when undecodable.
    bool apply(const EtcdEntry &entry, QString *error);

    const store::Store &store() const { return m_store; }
    quint64 index() const { return m_store.index(); }
    const ReplayCounts &counts() const { return m_counts; }

    // The keys qetcd serves: etcd's /1 subtree moved to the root (keys "/1/a" -> "/a"),
    // every index and expiration kept, at the store's current index, with the newest part of
    // etcd's v2 event history (its last 1000 events, from the snapshot and the replay) that
    // touches only /1: qetcd's history must be consecutive, so it starts after the newest
    // event of etcd's cluster (/0) or auth (/2) data. A waitIndex inside it is answered with
    // etcd's events; an older one gets 401 "event index cleared". Store::save() format.
    QByteArray keysImage() const;
    // Things the replay could not carry over exactly (printed by the import).
    const QStringList &notes() const { return m_notes; }
    // The v2 auth data under /2 (users, roles, enabled) as auth::AuthStore::save() bytes;
    // *notes lists what could not be brought over. Empty QByteArray: no auth data.
    QByteArray authImage(QStringList *notes) const;

private:
    bool applyRequest(const Request &r);
    void applyConfChange(const QByteArray &data, QString *error, bool *ok);
    bool exists(const QString &path) const;
    void write(const store::Command &cmd);

    store::Store m_store;
    ReplayCounts m_counts;
    QStringList m_notes;
};

} // namespace etcdimport
