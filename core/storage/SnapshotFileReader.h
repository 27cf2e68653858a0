// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "raft/SnapshotMetadata.h"

#include <QCoreApplication>
#include <QFile>

#include <memory>

namespace storage {

// One snapshot file (Snapshotter's format) read a piece at a time, for a member that restores
// from it: open() reads and checks the header; read() hands the data out in pieces to whoever
// decodes it, extending the checksum over them; finish() reads whatever was left and tells
// whether the file was intact. The decoder's work is kept only once finish() says so.
//
// Why: Snapshotter::loadNewest() reads the whole file into memory, so a restart held the image
// beside the store built from it. At a million keys of 256 bytes that was a peak of 851 MB for a
// member that then ran in 583 MB (bench/README "Scale"). The reader itself holds one piece; a
// restart now peaks at 589 MB (the store, and the log's tail read after it).
//
// Ownership: owns the open file. Threads: one at a time.
class SnapshotFileReader
{
    Q_DECLARE_TR_FUNCTIONS(storage::SnapshotFileReader)

public:
    // The file `name` in `dir`, its header checked (Snapshotter::parseHeader); null and
    // *problem when it cannot be opened or read or its header is wrong.
    static std::unique_ptr<SnapshotFileReader> open(const QString &dir, const QString &name,
                                                    QString *problem);
    // The same for the file at `path`, checked as if it were called `name` (a received image
    // before it is given that name), the snapshot file being what follows its first `offset`
    // bytes (an image inside a spooled transfer, checked as it is copied out of it).
    static std::unique_ptr<SnapshotFileReader> openAs(const QString &path, const QString &name,
                                                      QString *problem, qint64 offset = 0);

    const raft::SnapshotMetadata &metadata() const { return m_metadata; }
    // The header's size: where the data begins in the snapshot file.
    qint64 headerBytes() const { return m_dataAt; }
    QString path() const { return m_file.fileName(); }

    // Appends the next piece of the data (at most `max` bytes) to *out, nothing at its end;
    // false when the file cannot be read (finish() then says why).
    bool read(QByteArray *out, qsizetype max);
    // Whether read() has handed out all the data.
    bool atEnd() const { return m_left == 0; }
    // Reads whatever read() left, then: true when the file had its checksum; false and *problem
    // otherwise, or when a read failed.
    bool finish(QString *problem);

private:
    SnapshotFileReader() = default;

    QFile m_file;
    raft::SnapshotMetadata m_metadata;
    qint64 m_dataAt = 0;    // the header's bytes
    qint64 m_left = 0;      // data bytes not read yet
    quint32 m_crc = 0;      // over the header's checked part and the data read so far
    quint32 m_expected = 0; // what the header records
    QString m_error;        // the first read that failed
};

} // namespace storage
