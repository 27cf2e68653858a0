// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "transport/Chunk.h"

#include <QString>

namespace transport {

// Reassembles one lane's chunked payload. Chunks must arrive in order: the first at
// offset 0 announcing `total` (<= maxMessageBytes), each next one starting where the
// previous ended, all announcing the same total. Memory grows only with bytes actually
// received, never with what a peer announces.
// Invariant: after Complete or Error the assembler is empty again (an Error means the
// connection should be closed: its framing can no longer be trusted).
// Owned by an InboundConnection; same thread.
class ChunkAssembler
{
public:
    enum class Result { Incomplete, Complete, Error };

    explicit ChunkAssembler(qsizetype maxMessageBytes);

    Result add(const Chunk &chunk);
    // Pre: add() returned Complete.
    QByteArray takePayload();
    QString error() const { return m_error; }
    bool inProgress() const { return m_total != 0; }

private:
    Result fail(const QString &why);

    qsizetype m_maxMessageBytes;
    quint64 m_total = 0;
    QByteArray m_buffer;
    QByteArray m_done;
    QString m_error;
};

} // namespace transport
