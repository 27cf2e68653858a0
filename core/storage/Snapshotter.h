// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

// Snapshot files of the key store, one per snapshot, in <data-dir>/member/snap.
//
// ON-DISK FORMAT (version 1)
// File name %016llx-%016llx.snap (term, index), lower-case hex, like etcd. Content:
//     offset 0   8 bytes  magic "QETCDSNP"
//     offset 8   u32 LE   format version (1)
//     offset 12  u32 LE   CRC-32C of everything from offset 16 to the end of the file
//     offset 16  u32 LE   length m of the metadata
//     offset 20  m bytes  raft::SnapshotMetadata::encode() (index, term, membership)
//     then       u64 LE   length of the data, which runs to the end of the file
//                         (the store's serialized state, opaque here)
// A file whose checksum, lengths, magic, version or metadata do not check out, or whose
// metadata (index, term) disagree with its name, is broken: loadNewest() renames it to
// <name>.broken (kept for inspection, never read again) and falls back to the next newest.
//
// Writes are atomic (DiskOps::writeFileAtomically): the content goes to <name>.tmp, which is
// fdatasynced, renamed over the final name and followed by an fsync of the directory. A
// reader therefore sees either no file or a complete one. A write that fails (a full disk:
// StorageStatus::NoSpace) removes its temporary file and leaves no .snap behind.
//
// Ownership and threading: value-like (holds only the directory); no shared state, so
// different Snapshotter objects may be used from different threads, but two writers must not
// save the same snapshot concurrently.

#include "raft/Snapshot.h"
#include "storage/StorageResult.h"

#include <QCoreApplication>
#include <QStringList>

#include <functional>
#include <optional>

namespace storage {

class SnapshotFileReader;

class Snapshotter
{
    Q_DECLARE_TR_FUNCTIONS(storage::Snapshotter)

public:
    explicit Snapshotter(const QString &dir);

    QString directory() const { return m_dir; }
    static QString fileName(quint64 term, quint64 index);

    // Writes snapshot atomically (creating the directory if needed) and makes it durable.
    StorageResult save(const raft::Snapshot &snapshot) const;
    // The newest snapshot that reads back intact, or nullopt if there is none. Broken files
    // met on the way are renamed to .broken and described in *warning.
    std::optional<raft::Snapshot> loadNewest(QString *warning = nullptr) const;
    // The same without reading the data into memory: each file, newest first, goes to `take`
    // as a reader at the start of its data, once its header checks out. `take` reads it (a
    // restart decodes the data as it reads it) and returns true to keep it, or false and a
    // problem (SnapshotFileReader::finish) when the file is broken: then it is renamed, as by
    // loadNewest(), and the next older one is offered. Nothing is taken when none is left.
    void readNewest(const std::function<bool(SnapshotFileReader &file, QString *problem)> &take,
                    QString *warning = nullptr) const;
    // Makes `received` (a complete, synced snapshot file in this directory under another name,
    // checked already: SnapshotTransfer::saveImage) the snapshot file of `metadata`, durably.
    // The image a follower receives is written to disk once, by the transfer, and not read into
    // memory to be written again.
    StorageResult adopt(const QString &received, const raft::SnapshotMetadata &metadata) const;
    // A name in this directory for a received image not adopted yet (`n` tells apart several of
    // the same snapshot). Not a snapshot file's: nothing reads it as one, and
    // removeLeftovers() removes it at the next start if it is still there.
    QString receivedPath(const raft::SnapshotMetadata &metadata, quint64 n) const;
    // Removes what a stopped member left half done: temporary files of snapshot writes and
    // received images never adopted. For a start, before anything writes here.
    void removeLeftovers() const;
    // Removes all but the maxSnapshots newest snapshot files (0 keeps everything).
    StorageResult purge(int maxSnapshots, QStringList *removed = nullptr) const;
    // The snapshot file written for `term` and `index`, read back and checked; nullopt (and
    // *problem) if it is gone or damaged. Only reads: safe beside the writer thread.
    std::optional<raft::Snapshot> load(quint64 term, quint64 index, QString *problem) const
    {
        return read(fileName(term, index), problem);
    }
    // Snapshot file names, newest first.
    QStringList snapshotFiles() const;

    // Test seam: called after the content is written and synced, before the rename that makes
    // it visible; returning false abandons the write (save() then fails and leaves no file).
    void setBeforeCommitHook(std::function<bool()> hook) { m_beforeCommit = std::move(hook); }

    // Parses the content of the snapshot file called `name` (the format above); on failure
    // returns nullopt and sets *problem. The bytes are untrusted: lengths are checked against
    // the size before anything is read or copied. Pure (no I/O).
    // The snapshot's data is taken out of `bytes` without a copy (a large image is in memory
    // once, not twice).
    static std::optional<raft::Snapshot> decode(const QString &name, QByteArray bytes,
                                                QString *problem);
    // The part of a file before its data, checked (all but the checksum, which covers the data).
    struct Header
    {
        raft::SnapshotMetadata metadata;
        qsizetype dataAt = 0; // where the data begins
        quint32 crc = 0;      // the checksum the header records
    };
    // `prefix`: the first bytes of the file called `name` of `fileSize` bytes, at least
    // headerPrefixBytes(its first 20) of them. nullopt and *problem when it is not a snapshot
    // file's or disagrees with the name or the size. Pure.
    static std::optional<Header> parseHeader(const QString &name, QByteArrayView prefix,
                                             qint64 fileSize, QString *problem);
    // How many of a file's first bytes parseHeader() needs, from its first 20 (the metadata's
    // length is there).
    static qsizetype headerPrefixBytes(QByteArrayView first20);
    // The whole content of the file save() writes for `snapshot` (the format above). Pure.
    static QByteArray encode(const raft::Snapshot &snapshot);
    // What precedes `data` in that file (encode() is this followed by the data), for a writer
    // that writes the data from where it lies, without copying it behind the header.
    static QByteArray fileHeader(const raft::SnapshotMetadata &metadata, const QByteArray &data);
    // The same for data written before its header (streamed, its size known only at the
    // end): `dataCrc(seed)` continues the checksum `seed` over the data (Crc32c::compute's
    // `previous`). headerBytes() is the header's size, known before the data.
    static QByteArray fileHeader(const raft::SnapshotMetadata &metadata, quint64 dataSize,
                                 const std::function<quint32(quint32)> &dataCrc);
    static qsizetype headerBytes(const raft::SnapshotMetadata &metadata);
    // Where save() puts the snapshot of `term` and `index`.
    QString path(quint64 term, quint64 index) const { return m_dir + u'/' + fileName(term, index); }

private:
    // Reads and parses one file; on failure returns nullopt and sets *problem.
    std::optional<raft::Snapshot> read(const QString &name, QString *problem) const;
    // Offers the snapshot files newest first to `intact` until it takes one; renames each one it
    // refuses (with a problem) to <name>.broken, described in *warning.
    void newest(const std::function<bool(const QString &name, QString *problem)> &intact,
                QString *warning) const;

    QString m_dir;
    std::function<bool()> m_beforeCommit;
};

} // namespace storage
