// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

namespace etcdimport {

// The newest snapshot of an etcd member: the Raft position it stands for and its data,
// which for etcd 2.2 to 3.5 is the v2 store as JSON (store.Save()).
struct EtcdSnapshot
{
    QString file;
    quint64 index = 0;
    quint64 term = 0;
    QList<quint64> voters;
    QByteArray data;
};

// Reads etcd's snapshot files (member/snap/<term>-<index>.snap, see etcd's snap/snapshotter.go):
// a protobuf snappb.Snapshot{crc, data} whose crc is the CRC-32C (Castagnoli) of data, and
// data a raftpb.Snapshot{data, metadata{conf_state, index, term}}. The v3 backend beside them
// (member/snap/db, *.snap.db) is not read. Stateless; any thread.
class EtcdSnapshotReader
{
    Q_DECLARE_TR_FUNCTIONS(etcdimport::EtcdSnapshotReader)
public:
    // The newest *.snap in dir. nullopt with *error empty: there is none (a young member);
    // nullopt with *error set: the newest one cannot be read (file and offset named). The
    // import does not fall back to an older snapshot: the WAL may no longer reach back to it.
    static std::optional<EtcdSnapshot> readNewest(const QString &dir, QString *error);
    // Decodes one file's content; `file` names it in errors.
    static std::optional<EtcdSnapshot> decode(const QString &file, const QByteArray &bytes,
                                              QString *error);
};

} // namespace etcdimport
