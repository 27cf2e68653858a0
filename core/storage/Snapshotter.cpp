// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "storage/Snapshotter.h"

#include "storage/Crc32c.h"
#include "storage/DiskOps.h"
#include "storage/HexPairName.h"
#include "storage/SnapshotFileReader.h"
#include "storage/StorageLogging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QtEndian>

#include <algorithm>

namespace storage {

namespace {

constexpr QLatin1StringView kSuffix(".snap");
// <name>.snap.<n>.received: a received image before adopt(); never matches "*.snap".
constexpr QLatin1StringView kReceivedSuffix(".received");
constexpr char kMagic[8] = {'Q', 'E', 'T', 'C', 'D', 'S', 'N', 'P'};
constexpr quint32 kVersion = 1;
constexpr int kHeaderBytes = 16;

} // namespace

Snapshotter::Snapshotter(const QString &dir)
    : m_dir(QDir::cleanPath(QFileInfo(dir).absoluteFilePath()))
{
}

QString Snapshotter::fileName(quint64 term, quint64 index)
{
    return HexPairName::format(term, index, kSuffix);
}

StorageResult Snapshotter::save(const raft::Snapshot &snapshot) const
{
    if (snapshot.isEmpty())
        return StorageResult::failure(StorageStatus::IoError,
                                      tr("refusing to save an empty snapshot (index 0)"));
    StorageResult r = DiskOps::makePrivateDirs(m_dir);
    if (!r.ok())
        return r;

    const QString path = this->path(snapshot.metadata.term, snapshot.metadata.index);
    // Not QSaveFile: its commit() ignores sync errors and a short write on a full disk leaves
    // it with no error text ("Unknown error"); DiskOps also removes the half-written file.
    r = DiskOps::writeFileAtomically(path, encode(snapshot), m_beforeCommit);
    if (r.ok())
        qCInfo(lcStorage) << "saved snapshot" << path;
    return r;
}

StorageResult Snapshotter::adopt(const QString &received,
                                 const raft::SnapshotMetadata &metadata) const
{
    const QString to = path(metadata.term, metadata.index);
    const StorageResult r = DiskOps::commitFile(received, to);
    if (r.ok())
        qCInfo(lcStorage) << "saved snapshot" << to << "(received)";
    return r;
}

QString Snapshotter::receivedPath(const raft::SnapshotMetadata &metadata, quint64 n) const
{
    return path(metadata.term, metadata.index) + u'.' + QString::number(n) + kReceivedSuffix;
}

void Snapshotter::removeLeftovers() const
{
    const QStringList names =
        QDir(m_dir).entryList({QStringLiteral("*.snap.tmp"), u'*' + kReceivedSuffix}, QDir::Files);
    for (const QString &n : names) {
        if (QFile::remove(m_dir + u'/' + n))
            qCInfo(lcStorage) << "removed the leftover" << n;
    }
}

QByteArray Snapshotter::encode(const raft::Snapshot &snapshot)
{
    return fileHeader(snapshot.metadata, snapshot.data) + snapshot.data;
}

QByteArray Snapshotter::fileHeader(const raft::SnapshotMetadata &metadata, const QByteArray &data)
{
    return fileHeader(metadata, quint64(data.size()),
                      [&](quint32 seed) { return Crc32c::compute(data, seed); });
}

qsizetype Snapshotter::headerBytes(const raft::SnapshotMetadata &metadata)
{
    return kHeaderBytes + 4 + metadata.encode().size() + 8;
}

QByteArray Snapshotter::fileHeader(const raft::SnapshotMetadata &metadata, quint64 dataSize,
                                   const std::function<quint32(quint32)> &dataCrc)
{
    const QByteArray meta = metadata.encode();
    QByteArray head(kHeaderBytes, Qt::Uninitialized);
    char len4[4];
    qToLittleEndian<quint32>(quint32(meta.size()), len4);
    head.append(len4, 4);
    head.append(meta);
    char len8[8];
    qToLittleEndian<quint64>(dataSize, len8);
    head.append(len8, 8);
    char *header = head.data();
    std::copy(std::begin(kMagic), std::end(kMagic), header);
    qToLittleEndian<quint32>(kVersion, header + 8);
    const quint32 crc =
        Crc32c::compute(head.constData() + kHeaderBytes, head.size() - kHeaderBytes);
    qToLittleEndian<quint32>(dataCrc(crc), header + 12);
    return head;
}

QStringList Snapshotter::snapshotFiles() const
{
    struct Named
    {
        HexPairName id;
        QString name;
    };
    QList<Named> found;
    const QStringList names = QDir(m_dir).entryList({QStringLiteral("*.snap")}, QDir::Files);
    for (const QString &n : names) {
        if (auto id = HexPairName::parse(n, kSuffix))
            found.append({*id, n});
    }
    // Newest first: by index, then term (first = term, second = index).
    std::sort(found.begin(), found.end(), [](const Named &a, const Named &b) {
        return a.id.second != b.id.second ? a.id.second > b.id.second : a.id.first > b.id.first;
    });
    QStringList out;
    for (const Named &n : std::as_const(found))
        out.append(n.name);
    return out;
}

std::optional<raft::Snapshot> Snapshotter::read(const QString &name, QString *problem) const
{
    const QString path = m_dir + u'/' + name;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *problem = tr("cannot open: %1").arg(f.errorString());
        return std::nullopt;
    }
    QByteArray bytes;
    const StorageResult r = DiskOps::readAll(f, &bytes);
    if (!r.ok()) {
        *problem = r.error;
        return std::nullopt;
    }
    return decode(name, std::move(bytes), problem);
}

std::optional<raft::Snapshot> Snapshotter::decode(const QString &name, QByteArray bytes,
                                                  QString *problem)
{
    const std::optional<Header> header = parseHeader(name, bytes, bytes.size(), problem);
    if (!header)
        return std::nullopt;
    const char *d = bytes.constData();
    if (header->crc != Crc32c::compute(d + kHeaderBytes, bytes.size() - kHeaderBytes)) {
        *problem = tr("CRC-32C mismatch");
        return std::nullopt;
    }
    // Dropping the front moves the array's start (no copy): the data stays where it was read.
    bytes.remove(0, header->dataAt);
    return raft::Snapshot{header->metadata, std::move(bytes)};
}

qsizetype Snapshotter::headerPrefixBytes(QByteArrayView first20)
{
    if (first20.size() < kHeaderBytes + 4)
        return kHeaderBytes + 4 + 8; // short: parseHeader() says what is wrong
    return kHeaderBytes + 4 + qsizetype(qFromLittleEndian<quint32>(first20.data() + kHeaderBytes)) +
           8;
}

std::optional<Snapshotter::Header> Snapshotter::parseHeader(const QString &name,
                                                            QByteArrayView prefix, qint64 fileSize,
                                                            QString *problem)
{
    const char *d = prefix.data();
    if (fileSize < kHeaderBytes + 4 + 8 || prefix.size() < kHeaderBytes + 4 ||
        !std::equal(std::begin(kMagic), std::end(kMagic), d)) {
        *problem = tr("not a snapshot file (bad magic or too short)");
        return std::nullopt;
    }
    if (qFromLittleEndian<quint32>(d + 8) != kVersion) {
        *problem =
            tr("unsupported snapshot format version %1").arg(qFromLittleEndian<quint32>(d + 8));
        return std::nullopt;
    }
    const qint64 metaLen = qFromLittleEndian<quint32>(d + kHeaderBytes);
    const qint64 metaAt = kHeaderBytes + 4;
    if (metaLen > fileSize - metaAt - 8 || metaLen > prefix.size() - metaAt - 8) {
        *problem = tr("metadata length runs past the end of the file");
        return std::nullopt;
    }
    const qint64 dataAt = metaAt + metaLen + 8;
    if (qFromLittleEndian<quint64>(d + metaAt + metaLen) != quint64(fileSize - dataAt)) {
        *problem = tr("data length does not match the file size");
        return std::nullopt;
    }
    const auto meta = raft::SnapshotMetadata::decode(QByteArray(d + metaAt, qsizetype(metaLen)));
    if (!meta) {
        *problem = tr("undecodable metadata");
        return std::nullopt;
    }
    if (name != fileName(meta->term, meta->index)) {
        *problem = tr("metadata (term %1, index %2) disagree with the file name")
                       .arg(meta->term)
                       .arg(meta->index);
        return std::nullopt;
    }
    return Header{*meta, qsizetype(dataAt), qFromLittleEndian<quint32>(d + 12)};
}

std::optional<raft::Snapshot> Snapshotter::loadNewest(QString *warning) const
{
    std::optional<raft::Snapshot> found;
    newest(
        [&](const QString &name, QString *problem) {
            found = read(name, problem);
            return found.has_value();
        },
        warning);
    return found;
}

void Snapshotter::readNewest(
    const std::function<bool(SnapshotFileReader &file, QString *problem)> &take,
    QString *warning) const
{
    newest(
        [&](const QString &name, QString *problem) {
            const std::unique_ptr<SnapshotFileReader> file =
                SnapshotFileReader::open(m_dir, name, problem);
            return file && take(*file, problem);
        },
        warning);
}

void Snapshotter::newest(const std::function<bool(const QString &, QString *)> &intact,
                         QString *warning) const
{
    QStringList problems;
    for (const QString &name : snapshotFiles()) {
        QString problem;
        if (intact(name, &problem))
            break;
        const QString path = m_dir + u'/' + name;
        const QString broken = path + QStringLiteral(".broken");
        QFile::remove(broken);
        const bool renamed = QFile::rename(path, broken);
        problems.append(
            renamed ? tr("snapshot %1 is broken (%2); renamed to %3").arg(path, problem, broken)
                    : tr("snapshot %1 is broken (%2) and could not be renamed").arg(path, problem));
        qCWarning(lcStorage).noquote() << problems.last();
    }
    if (!problems.isEmpty())
        DiskOps::syncDirectory(m_dir);
    if (warning)
        *warning = problems.join(u'\n');
}

StorageResult Snapshotter::purge(int maxSnapshots, QStringList *removed) const
{
    if (maxSnapshots <= 0)
        return StorageResult::success();
    const QStringList files = snapshotFiles();
    bool any = false;
    for (qsizetype i = maxSnapshots; i < files.size(); ++i) {
        const QString path = m_dir + u'/' + files[i];
        if (!QFile::remove(path) && QFileInfo::exists(path))
            return StorageResult::failure(StorageStatus::IoError, tr("cannot remove %1").arg(path));
        if (removed)
            removed->append(files[i]);
        qCInfo(lcStorage) << "purged snapshot" << path;
        any = true;
    }
    return any ? DiskOps::syncDirectory(m_dir) : StorageResult::success();
}

} // namespace storage
