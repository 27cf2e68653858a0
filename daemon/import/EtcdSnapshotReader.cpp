// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "EtcdSnapshotReader.h"

#include "etcd_import.pb.h"
#include "storage/Crc32c.h"

#include <QDir>
#include <QFile>

namespace etcdimport {

std::optional<EtcdSnapshot> EtcdSnapshotReader::readNewest(const QString &dir, QString *error)
{
    error->clear();
    QStringList names =
        QDir(dir).entryList({QStringLiteral("*.snap")}, QDir::Files, QDir::Name | QDir::Reversed);
    if (names.isEmpty())
        return std::nullopt;
    QFile f(QDir(dir).filePath(names.first()));
    if (!f.open(QIODevice::ReadOnly)) {
        *error = tr("%1: %2").arg(f.fileName(), f.errorString());
        return std::nullopt;
    }
    return decode(f.fileName(), f.readAll(), error);
}

std::optional<EtcdSnapshot> EtcdSnapshotReader::decode(const QString &file, const QByteArray &bytes,
                                                       QString *error)
{
    if (bytes.isEmpty()) {
        *error = tr("%1: offset 0: empty snapshot file").arg(file);
        return std::nullopt;
    }
    SnapFile outer;
    if (!outer.ParseFromArray(bytes.constData(), int(bytes.size())) || !outer.has_crc()) {
        *error = tr("%1: offset 0: undecodable snappb.Snapshot").arg(file);
        return std::nullopt;
    }
    const std::string &data = outer.data();
    const quint32 crc = storage::Crc32c::compute(data.data(), qsizetype(data.size()));
    if (crc != outer.crc()) {
        *error = tr("%1: offset 0: CRC mismatch: computed %2, recorded %3")
                     .arg(file)
                     .arg(crc, 8, 16, QLatin1Char('0'))
                     .arg(outer.crc(), 8, 16, QLatin1Char('0'));
        return std::nullopt;
    }
    Snapshot snap;
    if (!snap.ParseFromString(data)) {
        *error = tr("%1: undecodable raftpb.Snapshot inside the envelope").arg(file);
        return std::nullopt;
    }
    EtcdSnapshot out;
    out.file = file;
    out.index = snap.metadata().index();
    out.term = snap.metadata().term();
    for (quint64 v : snap.metadata().conf_state().voters())
        out.voters.append(v);
    out.data = QByteArray(snap.data().data(), qsizetype(snap.data().size()));
    return out;
}

} // namespace etcdimport
