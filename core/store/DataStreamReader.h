// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QDataStream>
#include <QtEndian>

#include <algorithm>
#include <functional>

namespace store {

// Reads, in place, what QDataStream (version Qt_6_4) wrote in one byte order: fixed-size
// numbers and QByteArrays (a 32-bit length, 0xffffffff for a null array, then the bytes).
// Snapshot images are read this way because QDataStream's per-field device reads cost
// seconds on a million keys and copying each array doubled the memory (issue 15, restart).
//
// Two ways to feed it: a whole image already in memory, or a Source it pulls from a piece at a
// time (a snapshot file read as it is decoded, so the image is never whole in memory beside the
// store built from it: a restart at a million keys peaked at 1.46x its resting RSS).
//
// Invariants: never reads outside what it was given; the first read past the end sets failed(),
// and that read and every later one yield zero / an empty view. A view returned by bytes()
// points into the reader's bytes: over a whole image it stays valid while the caller keeps the
// image alive; over a Source only until the next read (which may pull the next piece). Not
// thread-safe; a value type used on one stack.
class DataStreamReader
{
public:
    // Appends the next piece (at most `max` bytes) to *out; appending nothing means the end.
    // False: the bytes cannot be read (every later read fails).
    using Source = std::function<bool(QByteArray *out, qsizetype max)>;

    DataStreamReader(QByteArrayView data, QDataStream::ByteOrder order)
        : m_data(data), m_bigEndian(order == QDataStream::BigEndian)
    {
    }
    DataStreamReader(Source source, QDataStream::ByteOrder order)
        : m_source(std::move(source)), m_bigEndian(order == QDataStream::BigEndian)
    {
    }

    bool failed() const { return m_failed; }
    // Whether everything was read (pulls from the source to find out).
    bool atEnd() { return m_at == m_data.size() && !pull(1); }
    // Bytes read so far.
    qint64 position() const { return m_before + m_at; }
    // The parts of one image may differ (a snapshot's framing is big endian, the store's image
    // inside it little endian).
    void setByteOrder(QDataStream::ByteOrder order)
    {
        m_bigEndian = order == QDataStream::BigEndian;
    }

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
    // Pieces pulled from a Source: large enough that a read(2) per piece costs nothing next to
    // decoding it, small next to any store worth streaming.
    static constexpr qsizetype kPieceBytes = 1024 * 1024;

    const uchar *take(qsizetype n)
    {
        if (m_failed || (n > m_data.size() - m_at && !pull(n))) {
            m_failed = true;
            return nullptr;
        }
        const uchar *p = reinterpret_cast<const uchar *>(m_data.data()) + m_at;
        m_at += n;
        return p;
    }

    // Makes at least `n` unread bytes available, keeping the unread ones; false when the source
    // ends (or fails) first. A length read from the bytes themselves may ask for more than a
    // piece: the bytes are pulled a piece at a time, so a hostile length fails at the source's
    // end having held no more than the source had.
    bool pull(qsizetype n)
    {
        if (!m_source)
            return false;
        // Into the other buffer, whose allocation is kept from pull to pull: a fresh megabyte
        // each time went back to the kernel and came again, page by page (restart 0.4 s slower
        // at a million keys).
        QByteArray &next = m_spare;
        next.resize(0);
        next.reserve(std::min(n, kPieceBytes) + (m_data.size() - m_at));
        next.append(m_data.sliced(m_at));
        while (next.size() < n) {
            const qsizetype had = next.size();
            if (!m_source(&next, kPieceBytes) || next.size() == had) {
                m_source = {};
                return false;
            }
        }
        m_before += m_at;
        m_buffer.swap(next);
        m_data = m_buffer;
        m_at = 0;
        return true;
    }

    Source m_source;
    QByteArray m_buffer; // the pulled bytes m_data views
    QByteArray m_spare;  // the buffer before, refilled by the next pull
    QByteArrayView m_data;
    qint64 m_before = 0; // bytes consumed before m_data's first
    qsizetype m_at = 0;
    bool m_failed = false;
    bool m_bigEndian;
};

} // namespace store
