// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "raft/Message.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QString>

class QFile;

namespace storage {
class Snapshotter;
}

#include <atomic>
#include <optional>

namespace node {

// The Bulk payload that carries a snapshot (MsgSnap) to a follower:
//
//     magic "QETCDSX1" | u32 BE length n | n bytes: the MsgSnap without its data |
//     the snapshot file exactly as storage::Snapshotter writes it
//
// The leader streams the last part from its snapshot file on disk as the connection drains
// (transport::BulkPayload), so no image, whatever its size, is ever whole in the leader's memory
// or bounded by the peer message limit; the follower's transport spools it to a file, and a
// follower with a data directory copies the image from there into its snapshot directory a piece
// at a time (saveImage), so no image is ever whole in its memory either. The image keeps its file
// checksum end to end: the follower checks it as it checks its own snapshot files, and the
// metadata in the image must be the message's.
//
// Pure except readFile() and saveImage(), which read the spooled file. Stateless; any thread.
class SnapshotTransfer
{
    Q_DECLARE_TR_FUNCTIONS(node::SnapshotTransfer)

public:
    // A transfer whose image is on disk, not in memory (saveImage()).
    struct SavedImage
    {
        raft::Message message; // the MsgSnap, its data left out
        QString path;          // the image: Snapshotter::receivedPath(), for Snapshotter::adopt()
    };

    // The bytes before the snapshot file's image. Pre: m is a MsgSnap (its data is left out).
    static QByteArray head(const raft::Message &m);
    // Whether a payload that arrived in memory is a transfer (not a plain Raft message).
    static bool isTransfer(const QByteArray &payload);
    // The MsgSnap with its data back in, or nullopt and *problem. `payload` (a whole transfer)
    // is untrusted; its image is moved into the message, not copied.
    static std::optional<raft::Message> decode(QByteArray payload, QString *problem);
    // The same for a transfer spooled to the file `path`; one larger than maxBytes (0: no bound)
    // is refused before anything is read.
    static std::optional<raft::Message> readFile(const QString &path, qint64 maxBytes,
                                                 QString *problem);
    // The same without the image in memory: it is copied a piece at a time from the spooled
    // file to snapshotter.receivedPath(its metadata, n), synced, and checked there as the
    // snapshot file it is to become (header, checksum, and metadata equal to the message's).
    // nullopt and *problem otherwise, and nothing is left in the snapshot directory. Gives up
    // between pieces once *cancel (if given) is true. Blocks for as long as the copy takes: for
    // a thread of its own. The spooled file is used up: each piece's disk space is given back
    // once it is copied (DiskOps::releaseRange, where the file system can), so the copy needs
    // one image's worth of disk, not two; the caller removes the file whatever the outcome.
    static std::optional<SavedImage> saveImage(const QString &path, qint64 maxBytes,
                                               const storage::Snapshotter &snapshotter, quint64 n,
                                               QString *problem,
                                               const std::atomic<bool> *cancel = nullptr);

private:
    // Opens the spooled transfer at `path` in *f (with `mode`) and reads up to its image: the
    // MsgSnap without data, or nullopt and *problem.
    static std::optional<raft::Message> openFile(QFile *f, const QString &path, qint64 maxBytes,
                                                 QString *problem,
                                                 QIODevice::OpenMode mode = QIODevice::ReadOnly);
    // The length of the message after the prefix (the first bytes of a transfer of `total`
    // bytes), or nullopt and *problem when it is no transfer or the length cannot be right.
    static std::optional<qsizetype> headLength(const QByteArray &prefix, qint64 total,
                                               QString *problem);
    static std::optional<raft::Message> decodeHead(const QByteArray &head, QString *problem);
    static std::optional<raft::Message> withImage(raft::Message m, QByteArray image,
                                                  QString *problem);
};

} // namespace node
