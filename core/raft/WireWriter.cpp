// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Encoding of the wire primitives: unsigned LEB128 varints and length-prefixed bytes.
#include "raft/WireWriter.h"

namespace raft {

void WireWriter::varint(quint64 v)
{
    while (v >= 0x80) {
        m_buf.append(char(quint8(v) | 0x80));
        v >>= 7;
    }
    m_buf.append(char(quint8(v)));
}

void WireWriter::bytes(const QByteArray &b)
{
    varint(quint64(b.size()));
    m_buf.append(b);
}

} // namespace raft
