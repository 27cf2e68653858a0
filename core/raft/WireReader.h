// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>

namespace raft {

// Reads the primitives written by WireWriter from untrusted bytes. Failure is sticky: after
// the first malformed or truncated field every read returns zero/empty and ok() is false, so
// decoders read all fields and check once. Invariants that make hostile input harmless:
// a length or element count is accepted only if the remaining input could hold it, so no
// allocation ever exceeds the input size, and varints longer than 10 bytes or overflowing
// 64 bits are rejected.
class WireReader
{
public:
    explicit WireReader(const QByteArray &in) : m_data(in) {}

    quint8 u8();
    quint64 varint();
    QByteArray bytes();
    // A count of following elements, each at least minElementBytes long.
    quint64 count(int minElementBytes);
    // How many elements a decoder may reserve for a count read off the wire:
    // at most kMaxReserve, the rest grows as elements actually decode. A
    // count only bounds the input size, and elements are much larger in
    // memory than their few minimal bytes (a 256 MiB message claiming 64 M
    // entries would otherwise reserve about 3 GiB before the first failed one).
    static qsizetype reserveFor(quint64 count)
    {
        return qsizetype(qMin<quint64>(count, kMaxReserve));
    }
    static constexpr quint64 kMaxReserve = 1024;
    void fail() { m_ok = false; }

    bool ok() const { return m_ok; }
    bool atEnd() const { return m_pos == m_data.size(); }
    qsizetype remaining() const { return m_data.size() - m_pos; }

private:
    const QByteArray &m_data;
    qsizetype m_pos = 0;
    bool m_ok = true;
};

} // namespace raft
