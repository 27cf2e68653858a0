// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "transport/Chunk.h"

#include <QtEndian>

namespace transport {

QByteArray Chunk::encode() const
{
    QByteArray out(kHeaderSize, Qt::Uninitialized);
    out[0] = char(lane);
    qToBigEndian<quint64>(total, out.data() + 1);
    qToBigEndian<quint64>(offset, out.data() + 9);
    out.append(data);
    return out;
}

std::optional<Chunk> Chunk::decode(const QByteArray &body)
{
    if (body.size() <= kHeaderSize)
        return std::nullopt;
    Chunk chunk;
    chunk.lane = quint8(body[0]);
    chunk.total = qFromBigEndian<quint64>(body.constData() + 1);
    chunk.offset = qFromBigEndian<quint64>(body.constData() + 9);
    if (chunk.lane > 1 || chunk.offset > chunk.total)
        return std::nullopt;
    const quint64 length = quint64(body.size() - kHeaderSize);
    if (length > chunk.total - chunk.offset)
        return std::nullopt;
    chunk.data = body.mid(kHeaderSize);
    return chunk;
}

} // namespace transport
