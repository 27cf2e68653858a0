// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>

#include <optional>

namespace transport {

// Body of a Chunk frame: bytes [offset, offset + data.size()) of a payload of `total`
// bytes travelling in `lane` (0 Normal, 1 Bulk; see Priority). Value type.
struct Chunk
{
    quint8 lane = 0;
    quint64 total = 0;
    quint64 offset = 0;
    QByteArray data;

    static constexpr qsizetype kHeaderSize = 17;

    QByteArray encode() const;
    // nullopt if the header is short, the lane unknown, data empty or beyond total.
    static std::optional<Chunk> decode(const QByteArray &body);
};

} // namespace transport
