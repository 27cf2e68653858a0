// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArrayView>
#include <QDataStream>
#include <QtEndian>

namespace store {

// Reads, in place, what QDataStream (version Qt_6_4) wrote in one byte order: fixed-size
// numbers and QByteArrays (a 32-bit length, 0xffffffff for a null array, then the bytes).
// Snapshot images are read this way because QDataStream's per-field device reads cost
// seconds on a million keys and copying each array doubled the memory (issue 15, restart).
//
// Invariants: never reads outside `data`; the first read past the end sets failed(), and
// that read and every later one yield zero / an empty view. Views returned point into
// `data`, which the caller keeps alive. Not thread-safe; a value type used on one stack.
class DataStreamReader
{
public:
    DataStreamReader(QByteArrayView data, QDataStream::ByteOrder order)
        : m_data(data), m_bigEndian(order == QDataStream::BigEndian)
    {
    }

    bool failed() const { return m_failed; }
    bool atEnd() const { return m_at == m_data.size(); }

    template <typename T> T number()
    {
        const uchar *p = take(sizeof(T));
        if (!p)
            return T(0);
        return m_bigEndian ? qFromBigEndian<T>(p) : qFromLittleEndian<T>(p);
    }

    // A null array reads as an empty view: nothing we store tells null from empty.
    QByteArrayView bytes()
    {
        const quint32 n = number<quint32>();
        if (m_failed || n == 0xffffffffu)
            return {};
        const uchar *p = take(qsizetype(n));
        return p ? QByteArrayView(p, qsizetype(n)) : QByteArrayView();
    }

private:
    const uchar *take(qsizetype n)
    {
        if (m_failed || n > m_data.size() - m_at) {
            m_failed = true;
            return nullptr;
        }
        const uchar *p = reinterpret_cast<const uchar *>(m_data.data()) + m_at;
        m_at += n;
        return p;
    }

    QByteArrayView m_data;
    qsizetype m_at = 0;
    bool m_failed = false;
    bool m_bigEndian;
};

} // namespace store
