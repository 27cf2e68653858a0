// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "raft/Message.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace node {

// The Bulk payload that carries a snapshot (MsgSnap) to a follower:
//
//     magic "QETCDSX1" | u32 BE length n | n bytes: the MsgSnap without its data |
//     the snapshot file exactly as storage::Snapshotter writes it
//
// The leader streams the last part from its snapshot file on disk as the connection drains
// (transport::BulkPayload), so no image, whatever its size, is ever whole in the leader's memory
// or bounded by the peer message limit; the follower's transport spools it to a file. The image
// keeps its file checksum end to end: the follower checks it as it checks its own snapshot files,
// and the metadata in the image must be the message's.
//
// Pure except readFile(), which reads the spooled file. Stateless; any thread.
class SnapshotTransfer
{
    Q_DECLARE_TR_FUNCTIONS(node::SnapshotTransfer)

public:
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

private:
    // The length of the message after the prefix (the first bytes of a transfer of `total`
    // bytes), or nullopt and *problem when it is no transfer or the length cannot be right.
    static std::optional<qsizetype> headLength(const QByteArray &prefix, qint64 total,
                                               QString *problem);
    static std::optional<raft::Message> decodeHead(const QByteArray &head, QString *problem);
    static std::optional<raft::Message> withImage(raft::Message m, QByteArray image,
                                                  QString *problem);
};

} // namespace node
