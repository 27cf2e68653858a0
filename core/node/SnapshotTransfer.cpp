// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "node/SnapshotTransfer.h"

#include "storage/Snapshotter.h"

#include <QFile>
#include <QtEndian>

namespace node {

namespace {

constexpr char kMagic[8] = {'Q', 'E', 'T', 'C', 'D', 'S', 'X', '1'};
constexpr qsizetype kPrefixBytes = 8 + 4;
// A MsgSnap without data is its header fields plus the membership: far below this.
constexpr quint32 kMaxHeadBytes = 1024 * 1024;

} // namespace

QByteArray SnapshotTransfer::head(const raft::Message &m)
{
    raft::Message bare = m;
    bare.snapshot.data.clear();
    const QByteArray encoded = bare.encode();
    QByteArray out(kPrefixBytes, Qt::Uninitialized);
    std::copy(std::begin(kMagic), std::end(kMagic), out.data());
    qToBigEndian<quint32>(quint32(encoded.size()), out.data() + 8);
    return out + encoded;
}

bool SnapshotTransfer::isTransfer(const QByteArray &payload)
{
    return payload.size() >= kPrefixBytes &&
           std::equal(std::begin(kMagic), std::end(kMagic), payload.constData());
}

std::optional<raft::Message> SnapshotTransfer::decode(QByteArray payload, QString *problem)
{
    const std::optional<qsizetype> headBytes = headLength(payload, payload.size(), problem);
    if (!headBytes)
        return std::nullopt;
    std::optional<raft::Message> m = decodeHead(payload.mid(kPrefixBytes, *headBytes), problem);
    if (!m)
        return std::nullopt;
    payload.remove(0, kPrefixBytes + *headBytes);
    return withImage(std::move(*m), std::move(payload), problem);
}

std::optional<raft::Message> SnapshotTransfer::readFile(const QString &path, qint64 maxBytes,
                                                        QString *problem)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *problem = tr("cannot open %1: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    if (maxBytes > 0 && f.size() > maxBytes) {
        *problem = tr("snapshot transfer of %1 bytes exceeds the %2 bytes this member can install")
                       .arg(f.size())
                       .arg(maxBytes);
        return std::nullopt;
    }
    const std::optional<qsizetype> headBytes = headLength(f.read(kPrefixBytes), f.size(), problem);
    if (!headBytes)
        return std::nullopt;
    std::optional<raft::Message> m = decodeHead(f.read(*headBytes), problem);
    if (!m)
        return std::nullopt;
    QByteArray image = f.readAll();
    if (f.error() != QFileDevice::NoError) {
        *problem = tr("cannot read %1: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    return withImage(std::move(*m), std::move(image), problem);
}

std::optional<qsizetype> SnapshotTransfer::headLength(const QByteArray &prefix, qint64 total,
                                                      QString *problem)
{
    if (!isTransfer(prefix)) {
        *problem = tr("not a snapshot transfer");
        return std::nullopt;
    }
    const quint32 headBytes = qFromBigEndian<quint32>(prefix.constData() + 8);
    if (headBytes > kMaxHeadBytes || qint64(headBytes) > total - kPrefixBytes) {
        *problem = tr("snapshot transfer header of %1 bytes does not fit").arg(headBytes);
        return std::nullopt;
    }
    return qsizetype(headBytes);
}

std::optional<raft::Message> SnapshotTransfer::decodeHead(const QByteArray &head, QString *problem)
{
    std::optional<raft::Message> m = raft::Message::decode(head);
    if (!m || m->type != raft::MessageType::MsgSnap || m->snapshot.isEmpty() ||
        !m->snapshot.data.isEmpty()) {
        *problem = tr("snapshot transfer without a valid snapshot message");
        return std::nullopt;
    }
    return m;
}

std::optional<raft::Message> SnapshotTransfer::withImage(raft::Message m, QByteArray image,
                                                         QString *problem)
{
    const raft::SnapshotMetadata &meta = m.snapshot.metadata;
    QString why;
    std::optional<raft::Snapshot> snap = storage::Snapshotter::decode(
        storage::Snapshotter::fileName(meta.term, meta.index), std::move(image), &why);
    if (!snap) {
        *problem = tr("snapshot image at index %1: %2").arg(meta.index).arg(why);
        return std::nullopt;
    }
    if (snap->metadata.encode() != meta.encode()) {
        *problem = tr("snapshot image at index %1 does not match its message").arg(meta.index);
        return std::nullopt;
    }
    m.snapshot.data = std::move(snap->data);
    return m;
}

} // namespace node
