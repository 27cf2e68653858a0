// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "transport/Chunk.h"

#include <QFile>
#include <QString>

namespace transport {

// Writes one connection's Bulk lane (lane 1) to files instead of memory: each chunked payload
// goes to a new file in the spool directory (created if missing), named
// `<prefix>-<counter>.part` while it arrives and renamed to `<prefix>-<counter>.bulk` once
// complete. Chunks must arrive as ChunkAssembler wants them: the first at offset 0 announcing
// `total` (<= maxBytes when maxBytes is non-zero), each next one where the previous ended, all
// announcing the same total. Memory never grows with what a peer announces: each chunk goes
// straight to the file.
// Invariants: at most one file in progress; after Error, abandon() or destruction no partial file
// of this spooler is left on disk; a complete file belongs to whoever takePath() gave it to.
// Owned by an InboundConnection; same thread.
class BulkSpooler
{
public:
    enum class Result { Incomplete, Complete, Error };

    // maxBytes 0: no limit but the disk. prefix names the files (e.g. "bulk-<peer hex>").
    BulkSpooler(const QString &directory, qint64 maxBytes, const QString &prefix);
    ~BulkSpooler();
    BulkSpooler(const BulkSpooler &) = delete;
    BulkSpooler &operator=(const BulkSpooler &) = delete;

    Result add(const Chunk &chunk);
    // Pre: add() returned Complete. The finished file; the caller must remove it.
    QString takePath();
    QString error() const { return m_error; }
    bool inProgress() const { return m_total != 0; }
    // Drops a payload in progress and removes its file (the connection closed mid-payload).
    void abandon();

private:
    Result fail(const QString &why);
    bool start();

    QString m_directory;
    qint64 m_maxBytes;
    QString m_prefix;
    quint64 m_total = 0;
    quint64 m_written = 0;
    QFile m_file;
    QString m_done;
    QString m_error;
};

} // namespace transport
