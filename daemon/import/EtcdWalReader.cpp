// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "EtcdWalReader.h"

#include "etcd_import.pb.h"
#include "storage/Crc32c.h"

#include <QDir>
#include <QFile>
#include <QtEndian>

namespace etcdimport {

namespace {
constexpr qint64 kFrameBytes = 8;
constexpr qint64 kMaxRecordBytes = 10 * 1024 * 1024; // etcd's maxWALEntrySizeLimit
enum RecordType : qint64 {
    MetadataRec = 1,
    EntryRec = 2,
    StateRec = 3,
    CrcRec = 4,
    SnapshotRec = 5
};

QString where(const QString &file, qint64 offset)
{
    return QStringLiteral("%1: offset %2: ").arg(file).arg(offset);
}
} // namespace

QByteArray EtcdWalReader::frame(const QByteArray &record)
{
    const qint64 size = record.size();
    const qint64 pad = (8 - size % 8) % 8;
    quint64 word = quint64(size);
    if (pad != 0)
        word |= quint64(0x80 | pad) << 56;
    QByteArray out(8, '\0');
    qToLittleEndian(word, out.data());
    out += record;
    out += QByteArray(pad, '\0');
    return out;
}

std::optional<EtcdWal> EtcdWalReader::readDir(const QString &dir, QString *error)
{
    const QStringList names =
        QDir(dir).entryList({QStringLiteral("*.wal")}, QDir::Files, QDir::Name);
    if (names.isEmpty()) {
        *error = tr("%1: no etcd WAL files (*.wal)").arg(dir);
        return std::nullopt;
    }
    QList<std::pair<QString, QByteArray>> segments;
    for (const QString &name : names) {
        QFile f(QDir(dir).filePath(name));
        if (!f.open(QIODevice::ReadOnly)) {
            *error = tr("%1: %2").arg(f.fileName(), f.errorString());
            return std::nullopt;
        }
        segments.append({f.fileName(), f.readAll()});
    }
    return read(segments, error);
}

std::optional<EtcdWal> EtcdWalReader::read(const QList<std::pair<QString, QByteArray>> &segments,
                                           QString *error)
{
    EtcdWal wal;
    quint32 crc = 0;
    for (const auto &[file, bytes] : segments) {
        qint64 off = 0;
        const qint64 size = bytes.size();
        while (off < size) {
            if (size - off < kFrameBytes) {
                *error = where(file, off) +
                         tr("truncated record length (%1 bytes left)").arg(size - off);
                return std::nullopt;
            }
            const quint64 word = qFromLittleEndian<quint64>(bytes.constData() + off);
            if (word == 0)
                break; // the preallocated, never written tail
            const qint64 recBytes = qint64(word & ~(quint64(0xff) << 56));
            const qint64 padBytes = (word >> 63) ? qint64((word >> 56) & 0x7) : 0;
            if (recBytes >= kMaxRecordBytes - padBytes) {
                *error = where(file, off) +
                         tr("record length %1 exceeds etcd's limit (not an etcd WAL, or corrupt)")
                             .arg(recBytes);
                return std::nullopt;
            }
            if (size - off - kFrameBytes < recBytes + padBytes) {
                *error = where(file, off) + tr("truncated record: %1 bytes announced, %2 present")
                                                .arg(recBytes + padBytes)
                                                .arg(size - off - kFrameBytes);
                return std::nullopt;
            }
            WalRecord rec;
            if (!rec.ParseFromArray(bytes.constData() + off + kFrameBytes, int(recBytes))) {
                *error = where(file, off) + tr("undecodable walpb.Record");
                return std::nullopt;
            }
            const std::string &data = rec.data();
            if (rec.type() == CrcRec) {
                if (crc != 0 && rec.crc() != crc) {
                    *error = where(file, off) +
                             tr("CRC mismatch at segment head: expected %1, recorded %2")
                                 .arg(crc, 8, 16, QLatin1Char('0'))
                                 .arg(rec.crc(), 8, 16, QLatin1Char('0'));
                    return std::nullopt;
                }
                crc = rec.crc();
            } else {
                crc = storage::Crc32c::compute(data.data(), qsizetype(data.size()), crc);
                if (rec.crc() != crc) {
                    *error = where(file, off) + tr("CRC mismatch: computed %1, recorded %2")
                                                    .arg(crc, 8, 16, QLatin1Char('0'))
                                                    .arg(rec.crc(), 8, 16, QLatin1Char('0'));
                    return std::nullopt;
                }
            }
            ++wal.records;
            switch (rec.type()) {
            case CrcRec:
                break;
            case MetadataRec: {
                etcdimport::Metadata m;
                if (!m.ParseFromString(data)) {
                    *error = where(file, off) + tr("undecodable metadata record");
                    return std::nullopt;
                }
                if (wal.hasMetadata &&
                    (m.nodeid() != wal.nodeId || m.clusterid() != wal.clusterId)) {
                    *error = where(file, off) + tr("metadata conflicts with the first segment's");
                    return std::nullopt;
                }
                wal.hasMetadata = true;
                wal.nodeId = m.nodeid();
                wal.clusterId = m.clusterid();
                break;
            }
            case StateRec: {
                HardState hs;
                if (!hs.ParseFromString(data)) {
                    *error = where(file, off) + tr("undecodable hard state record");
                    return std::nullopt;
                }
                if (hs.term() != 0 || hs.vote() != 0 || hs.commit() != 0) {
                    wal.term = hs.term();
                    wal.vote = hs.vote();
                    wal.commit = hs.commit();
                }
                break;
            }
            case SnapshotRec: {
                WalSnapshot s;
                if (!s.ParseFromString(data)) {
                    *error = where(file, off) + tr("undecodable snapshot record");
                    return std::nullopt;
                }
                wal.newestSnapshotIndex = s.index();
                wal.newestSnapshotTerm = s.term();
                break;
            }
            case EntryRec: {
                etcdimport::Entry e;
                if (!e.ParseFromString(data)) {
                    *error = where(file, off) + tr("undecodable raftpb.Entry");
                    return std::nullopt;
                }
                EtcdEntry out{
                    e.index(),     e.term(),
                    int(e.type()), QByteArray(e.data().data(), qsizetype(e.data().size())),
                    file,          off};
                // A later entry at an index already seen replaces it and everything after
                // (a new leader overwrote an uncommitted tail), as etcd's ReadAll does.
                while (!wal.entries.isEmpty() && wal.entries.last().index >= out.index)
                    wal.entries.removeLast();
                if (!wal.entries.isEmpty() && wal.entries.last().index + 1 != out.index) {
                    *error = where(file, off) + tr("entry %1 follows entry %2: entries are missing")
                                                    .arg(out.index)
                                                    .arg(wal.entries.last().index);
                    return std::nullopt;
                }
                wal.entries.append(std::move(out));
                break;
            }
            default:
                *error = where(file, off) + tr("unknown record type %1").arg(rec.type());
                return std::nullopt;
            }
            off += kFrameBytes + recBytes + padBytes;
        }
    }
    if (!wal.hasMetadata) {
        *error = tr("%1: the WAL has no metadata record (not an etcd WAL)")
                     .arg(segments.isEmpty() ? QString() : segments.first().first);
        return std::nullopt;
    }
    return wal;
}

} // namespace etcdimport
