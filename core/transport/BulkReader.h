// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace transport {

// Where SendQueue gets the file part of a file-backed Bulk payload (BulkPayload::path), one
// payload at a time, so that the queue itself does no I/O and its tests can stand in for the disk.
// SendQueue calls open() when it cuts the payload's first frame, then read() for each frame in
// order, and close() when the payload leaves the queue or restarts. FileBulkReader is the real one.
// Owned by its SendQueue; same thread.
class BulkReader
{
public:
    virtual ~BulkReader() = default;
    // Prepares to read `length` bytes of `path` from `offset`; false (error() says why) when the
    // file cannot be opened or is shorter than offset + length.
    virtual bool open(const QString &path, qint64 offset, qint64 length) = 0;
    // Exactly the next `size` bytes; nullopt (error() says why) on a read error or a file that
    // turned out shorter than announced.
    virtual std::optional<QByteArray> read(qint64 size) = 0;
    virtual void close() = 0;
    virtual QString error() const = 0;
};

} // namespace transport
