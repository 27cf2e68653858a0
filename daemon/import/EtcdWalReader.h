// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace etcdimport {

// One Raft log entry read from an etcd WAL, with where it was found (for error messages).
struct EtcdEntry
{
    quint64 index = 0;
    quint64 term = 0;
    int type = 0; // raftpb.EntryType: 0 Normal, 1 ConfChange, 2 ConfChangeV2
    QByteArray data;
    QString file;
    qint64 offset = 0; // of the record's length word
};

// Everything an etcd WAL holds that the import needs.
struct EtcdWal
{
    bool hasMetadata = false;
    quint64 nodeId = 0;
    quint64 clusterId = 0;
    quint64 term = 0; // newest hard state
    quint64 vote = 0;
    quint64 commit = 0;
    QList<EtcdEntry> entries;        // contiguous, overwritten entries resolved (as etcd's ReadAll)
    quint64 newestSnapshotIndex = 0; // newest walpb.Snapshot record
    quint64 newestSnapshotTerm = 0;
    int records = 0;
};

// Reads an etcd write-ahead log (member/wal/*.wal, the format of etcd 2.2 to 3.5, see
// etcd's wal/encoder.go and decoder.go): each segment is a run of frames, an 8-byte
// little-endian length word (low 56 bits: record size; top byte 0x80|n: n padding bytes
// follow the record to an 8-byte boundary) then a protobuf walpb.Record{type, crc, data}.
// The CRC-32C (Castagnoli) runs over the data of every record in order, across segments;
// a crc record (type 4) at the head of each segment carries the running value and resets it.
// A zero length word (the preallocated tail) ends a segment. Record types: 1 metadata
// (etcdserverpb.Metadata), 2 entry (raftpb.Entry), 3 hard state, 4 crc, 5 snapshot
// (walpb.Snapshot). Records are decoded with the protobuf classes of etcd_import.proto.
//
// Strict on purpose: anything etcd's decoder would reject — a CRC mismatch, a record cut
// short (also a torn last write, which etcd itself would repair on its next start), a
// record type it does not know, an undecodable record, entries with a gap — fails the
// read with "<file>: offset <n>: <what>", so an import never proceeds from a log it only
// partly understood. Stateless; any thread.
class EtcdWalReader
{
    Q_DECLARE_TR_FUNCTIONS(etcdimport::EtcdWalReader)
public:
    // Reads every *.wal file in dir, in name order.
    static std::optional<EtcdWal> readDir(const QString &dir, QString *error);
    // The same over (file name, content) pairs already in memory (tests).
    static std::optional<EtcdWal> read(const QList<std::pair<QString, QByteArray>> &segments,
                                       QString *error);

    // Frames one record as etcd's encoder does (tests build WALs with it).
    static QByteArray frame(const QByteArray &record);
};

} // namespace etcdimport
