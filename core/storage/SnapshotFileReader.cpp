// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "storage/SnapshotFileReader.h"

#include "storage/Crc32c.h"
#include "storage/Snapshotter.h"

namespace storage {

namespace {
constexpr qsizetype kChecksumOffset = 16; // the checksum covers the file from here on
constexpr qsizetype kFinishPieceBytes = 1024 * 1024;
} // namespace

std::unique_ptr<SnapshotFileReader> SnapshotFileReader::open(const QString &dir,
                                                             const QString &name, QString *problem)
{
    return openAs(dir + u'/' + name, name, problem);
}

std::unique_ptr<SnapshotFileReader> SnapshotFileReader::openAs(const QString &path,
                                                               const QString &name,
                                                               QString *problem, qint64 offset)
{
    std::unique_ptr<SnapshotFileReader> r(new SnapshotFileReader);
    r->m_file.setFileName(path);
    if (!r->m_file.open(QIODevice::ReadOnly) || !r->m_file.seek(offset)) {
        *problem = tr("cannot open: %1").arg(r->m_file.errorString());
        return nullptr;
    }
    const qint64 size = qMax<qint64>(r->m_file.size() - offset, 0);
    QByteArray prefix = r->m_file.read(kChecksumOffset + 4);
    const qsizetype need = Snapshotter::headerPrefixBytes(prefix);
    if (prefix.size() == kChecksumOffset + 4 && need <= size)
        prefix += r->m_file.read(need - prefix.size());
    const std::optional<Snapshotter::Header> header =
        Snapshotter::parseHeader(name, prefix, size, problem);
    if (!header)
        return nullptr;
    r->m_metadata = header->metadata;
    r->m_expected = header->crc;
    // The prefix parseHeader() accepted ends where the data begins: the file is there now.
    r->m_crc =
        Crc32c::compute(prefix.constData() + kChecksumOffset, header->dataAt - kChecksumOffset);
    r->m_dataAt = header->dataAt;
    r->m_left = size - header->dataAt;
    return r;
}

bool SnapshotFileReader::read(QByteArray *out, qsizetype max)
{
    if (!m_error.isEmpty())
        return false;
    const qsizetype n = qsizetype(std::min<qint64>(max, m_left));
    if (n <= 0)
        return true;
    const qsizetype at = out->size();
    out->resize(at + n);
    const qint64 got = m_file.read(out->data() + at, n);
    if (got != n) {
        out->resize(at);
        // A file that shrank under us reads short; one that cannot be read says why.
        m_error = got < 0 ? tr("cannot read: %1").arg(m_file.errorString())
                          : tr("the file ended %1 bytes early").arg(m_left - qMax<qint64>(got, 0));
        return false;
    }
    m_crc = Crc32c::compute(out->constData() + at, n, m_crc);
    m_left -= n;
    return true;
}

bool SnapshotFileReader::finish(QString *problem)
{
    QByteArray piece;
    while (m_left > 0 && m_error.isEmpty()) {
        piece.resize(0);
        read(&piece, kFinishPieceBytes);
    }
    if (!m_error.isEmpty()) {
        *problem = m_error;
        return false;
    }
    if (m_crc != m_expected) {
        *problem = tr("CRC-32C mismatch");
        return false;
    }
    return true;
}

} // namespace storage
