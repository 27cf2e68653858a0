// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>
#include <QList>

namespace client {

// Cuts a byte stream of concatenated JSON objects (a `stream=true` watch
// response: one object per event, newline separated or not) into complete
// objects. Feed bytes as they arrive; complete objects come out in order and
// a partial one waits for the rest. The server may be hostile: an object
// longer than maxObjectBytes (one that never ends, say) is not buffered
// without bound: the splitter drops it and stops, overflowed() turns true
// and later feeds return nothing until clear(). Value type; not thread-safe.
class JsonStreamSplitter
{
public:
    // Far above any event a member sends (a value is bounded by the request
    // size limit, and an event carries at most two of them).
    static constexpr qsizetype kDefaultMaxObjectBytes = 64 * 1024 * 1024;

    explicit JsonStreamSplitter(qsizetype maxObjectBytes = kDefaultMaxObjectBytes)
        : m_maxObjectBytes(maxObjectBytes)
    {
    }

    QList<QByteArray> feed(const QByteArray &bytes);
    bool hasPartial() const { return !m_buffer.trimmed().isEmpty(); }
    bool overflowed() const { return m_overflowed; }
    void clear();

private:
    qsizetype m_maxObjectBytes;
    QByteArray m_buffer;
    qsizetype m_scanned = 0; // bytes of m_buffer already scanned
    int m_depth = 0;
    bool m_inString = false;
    bool m_escape = false;
    bool m_overflowed = false;
    qsizetype m_start = -1; // start of the current object in m_buffer
};

} // namespace client
