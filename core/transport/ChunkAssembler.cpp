// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "transport/ChunkAssembler.h"

#include <utility>

namespace transport {

ChunkAssembler::ChunkAssembler(qsizetype maxMessageBytes) : m_maxMessageBytes(maxMessageBytes) {}

ChunkAssembler::Result ChunkAssembler::add(const Chunk &chunk)
{
    if (m_total == 0) {
        if (chunk.offset != 0)
            return fail(QStringLiteral("chunk at offset %1 without a start").arg(chunk.offset));
        if (chunk.total == 0 || chunk.total > quint64(m_maxMessageBytes))
            return fail(QStringLiteral("chunked payload of %1 bytes exceeds the limit of %2")
                            .arg(chunk.total)
                            .arg(m_maxMessageBytes));
        m_total = chunk.total;
    } else if (chunk.total != m_total || chunk.offset != quint64(m_buffer.size())) {
        return fail(QStringLiteral("chunk (total %1, offset %2) does not continue (total %3, "
                                   "offset %4)")
                        .arg(chunk.total)
                        .arg(chunk.offset)
                        .arg(m_total)
                        .arg(m_buffer.size()));
    }
    if (quint64(chunk.data.size()) > m_total - quint64(m_buffer.size()) || chunk.data.isEmpty())
        return fail(QStringLiteral("chunk of %1 bytes does not fit").arg(chunk.data.size()));

    m_buffer.append(chunk.data);
    if (quint64(m_buffer.size()) < m_total)
        return Result::Incomplete;
    m_done = std::move(m_buffer);
    m_buffer = QByteArray();
    m_total = 0;
    return Result::Complete;
}

QByteArray ChunkAssembler::takePayload()
{
    return std::exchange(m_done, QByteArray());
}

ChunkAssembler::Result ChunkAssembler::fail(const QString &why)
{
    m_error = why;
    m_total = 0;
    m_buffer = QByteArray();
    return Result::Error;
}

} // namespace transport
