// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>
#include <QString>

namespace transport {

// A Bulk payload as the sender knows it: `head` (in memory) followed by `length` bytes of the file
// `path` starting at `offset` (no file when path is empty). What the peer receives is exactly
// head + those file bytes, in order. Value type.
struct BulkPayload
{
    QByteArray head;
    QString path;
    qint64 offset = 0;
    qint64 length = 0;
    qint64 size() const { return head.size() + (path.isEmpty() ? 0 : length); }
};

} // namespace transport
