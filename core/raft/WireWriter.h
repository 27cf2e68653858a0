// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>

namespace raft {

// Every standalone encoding (Message, Entry, HardState, ConfChange, ConfState, SnapshotMetadata)
// starts with this byte; a decoder rejects versions it does not know.
inline constexpr quint8 kWireVersion = 1;

// Appends the primitives of the Raft wire format to a byte array: single bytes, unsigned
// LEB128 varints (1 byte for values below 128, at most 10 bytes) and length-prefixed byte
// strings. Internal to core/raft; the value types' encode() functions are the public face.
class WireWriter
{
public:
    void u8(quint8 v) { m_buf.append(char(v)); }
    void varint(quint64 v);
    void bytes(const QByteArray &b);
    QByteArray take() { return std::move(m_buf); }

private:
    QByteArray m_buf;
};

} // namespace raft
