// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "transport/BulkReader.h"

#include <QFile>

namespace transport {

// BulkReader over a local file (unbuffered: each read() is one chunk straight from the
// file, never the whole file in memory). Owned by a SendQueue; same thread.
class FileBulkReader : public BulkReader
{
public:
    bool open(const QString &path, qint64 offset, qint64 length) override;
    std::optional<QByteArray> read(qint64 size) override;
    void close() override;
    QString error() const override { return m_error; }

private:
    QFile m_file;
    QString m_error;
};

} // namespace transport
