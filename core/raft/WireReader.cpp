// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Bounds-checked decoding of the wire primitives: every read checks the remaining input
// first, so truncated or hostile bytes end in ok() == false, never in a crash.
#include "raft/WireReader.h"

namespace raft {

quint8 WireReader::u8()
{
    if (!m_ok || m_pos >= m_data.size()) {
        m_ok = false;
        return 0;
    }
    return quint8(m_data.at(m_pos++));
}

quint64 WireReader::varint()
{
    quint64 v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        const quint8 b = u8();
        if (!m_ok)
            return 0;
        // The tenth byte may only carry the single remaining bit.
        if (shift == 63 && b > 1) {
            m_ok = false;
            return 0;
        }
        v |= quint64(b & 0x7f) << shift;
        if (!(b & 0x80))
            return v;
    }
    m_ok = false;
    return 0;
}

QByteArray WireReader::bytes()
{
    const quint64 n = varint();
    if (!m_ok || n > quint64(remaining())) {
        m_ok = false;
        return {};
    }
    QByteArray out = m_data.mid(m_pos, qsizetype(n));
    m_pos += qsizetype(n);
    return out;
}

quint64 WireReader::count(int minElementBytes)
{
    const quint64 n = varint();
    if (!m_ok || n > quint64(remaining()) / quint64(qMax(1, minElementBytes))) {
        m_ok = false;
        return 0;
    }
    return n;
}

} // namespace raft
