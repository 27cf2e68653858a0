// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "node/SnapshotTransfer.h"

#include "storage/DiskOps.h"
#include "storage/SnapshotFileReader.h"
#include "storage/Snapshotter.h"

#include <QFile>
#include <QtEndian>

namespace node {

namespace {

constexpr char kMagic[8] = {'Q', 'E', 'T', 'C', 'D', 'S', 'X', '1'};
constexpr qsizetype kPrefixBytes = 8 + 4;
// A MsgSnap without data is its header fields plus the membership: far below this.
constexpr quint32 kMaxHeadBytes = 1024 * 1024;
// What saveImage() holds of an image at a time.
constexpr qsizetype kCopyPieceBytes = 1024 * 1024;
// The spool's space is given back in multiples of this: a multiple of any file system's block.
constexpr qint64 kReleaseAlign = 64 * 1024;

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
    QFile f;
    std::optional<raft::Message> m = openFile(&f, path, maxBytes, problem);
    if (!m)
        return std::nullopt;
    QByteArray image = f.readAll();
    if (f.error() != QFileDevice::NoError) {
        *problem = tr("cannot read %1: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    return withImage(std::move(*m), std::move(image), problem);
}

std::optional<SnapshotTransfer::SavedImage>
SnapshotTransfer::saveImage(const QString &path, qint64 maxBytes,
                            const storage::Snapshotter &snapshotter, quint64 n, QString *problem,
                            const std::atomic<bool> *cancel)
{
    QFile in; // read for the image's header, written to only to give its space back
    std::optional<raft::Message> m =
        openFile(&in, path, maxBytes, problem, QIODevice::ReadWrite | QIODevice::ExistingOnly);
    if (!m)
        return std::nullopt;
    const raft::SnapshotMetadata &meta = m->snapshot.metadata;
    // The image is checked as it is copied, as a restart checks a snapshot file (header,
    // checksum, metadata equal to the message's), so it is read once; it used to be read again
    // from the copy, whole. An image of another snapshot is refused before anything is copied.
    QString why;
    const std::unique_ptr<storage::SnapshotFileReader> image = storage::SnapshotFileReader::openAs(
        path, storage::Snapshotter::fileName(meta.term, meta.index), &why, in.pos());
    if (!image) {
        *problem = tr("snapshot image at index %1: %2").arg(meta.index).arg(why);
        return std::nullopt;
    }
    if (image->metadata().encode() != meta.encode()) {
        *problem = tr("snapshot image at index %1 does not match its message").arg(meta.index);
        return std::nullopt;
    }
    const QString to = snapshotter.receivedPath(meta, n);
    QFile out;
    storage::StorageResult r = storage::DiskOps::makePrivateDirs(snapshotter.directory());
    if (r.ok())
        r = storage::DiskOps::createFile(out, to, false);
    qint64 copied = in.pos(); // the spool's bytes before this are in the copy
    // The header as openAs() read and checked it; the data follows through the reader.
    QByteArray piece = in.read(image->headerBytes());
    if (piece.size() != image->headerBytes())
        r = storage::StorageResult::failure(storage::StorageStatus::IoError,
                                            tr("cannot read %1: %2").arg(path, in.errorString()));
    qint64 released = 0; // the spool's bytes before this have no disk space any more
    bool release = true; // until the file system says it cannot
    while (r.ok()) {
        r = storage::DiskOps::writeAll(out, piece);
        if (!r.ok())
            break;
        copied += piece.size();
        // The spool is of no use once copied (a failed save is sent again whole), so its space
        // goes back as the copy's is taken: a follower with room for one image can install it.
        // Whole blocks only: a block the range covers in part is zeroed but keeps its space, so
        // up to the last 64 KiB boundary copied, and at the end past the last byte.
        if (release) {
            const qint64 upTo = image->atEnd() ? in.size() + kReleaseAlign - 1 : copied;
            const qint64 aligned = upTo / kReleaseAlign * kReleaseAlign;
            release = storage::DiskOps::releaseRange(in, released, aligned - released);
            released = qMax(released, aligned);
        }
        if (image->atEnd())
            break;
        if (cancel && cancel->load()) {
            r = storage::StorageResult::failure(storage::StorageStatus::IoError,
                                                tr("the member is stopping"));
            break;
        }
        piece.resize(0);
        if (!image->read(&piece, kCopyPieceBytes))
            break; // finish() says why
    }
    if (r.ok() && !image->finish(&why))
        r = storage::StorageResult::failure(
            storage::StorageStatus::IoError,
            tr("snapshot image at index %1: %2").arg(meta.index).arg(why));
    if (r.ok())
        r = storage::DiskOps::dataSync(out);
    out.close();
    if (!r.ok()) {
        QFile::remove(to);
        *problem = r.error;
        return std::nullopt;
    }
    return SavedImage{std::move(*m), to};
}

std::optional<raft::Message> SnapshotTransfer::openFile(QFile *f, const QString &path,
                                                        qint64 maxBytes, QString *problem,
                                                        QIODevice::OpenMode mode)
{
    f->setFileName(path);
    if (!f->open(mode)) {
        *problem = tr("cannot open %1: %2").arg(path, f->errorString());
        return std::nullopt;
    }
    if (maxBytes > 0 && f->size() > maxBytes) {
        *problem = tr("snapshot transfer of %1 bytes exceeds the %2 bytes this member can install")
                       .arg(f->size())
                       .arg(maxBytes);
        return std::nullopt;
    }
    const std::optional<qsizetype> headBytes =
        headLength(f->read(kPrefixBytes), f->size(), problem);
    if (!headBytes)
        return std::nullopt;
    return decodeHead(f->read(*headBytes), problem);
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
