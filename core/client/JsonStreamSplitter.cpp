// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "client/JsonStreamSplitter.h"

namespace client {

QList<QByteArray> JsonStreamSplitter::feed(const QByteArray &bytes)
{
    QList<QByteArray> out;
    if (m_overflowed)
        return out;
    m_buffer += bytes;
    for (qsizetype i = m_scanned; i < m_buffer.size(); ++i) {
        if (m_depth > 0 && i - m_start >= m_maxObjectBytes) {
            // The object would outgrow the bound: give up on the stream rather than
            // let the server decide how much memory the client spends.
            m_overflowed = true;
            m_buffer = QByteArray();
            m_scanned = 0;
            m_start = -1;
            return out;
        }
        const char c = m_buffer[i];
        if (m_inString) {
            if (m_escape)
                m_escape = false;
            else if (c == '\\')
                m_escape = true;
            else if (c == '"')
                m_inString = false;
            continue;
        }
        if (c == '"') {
            m_inString = true;
        } else if (c == '{' || c == '[') {
            if (m_depth == 0)
                m_start = i;
            ++m_depth;
        } else if (c == '}' || c == ']') {
            if (m_depth > 0 && --m_depth == 0 && m_start >= 0) {
                out.append(m_buffer.mid(m_start, i - m_start + 1));
                m_start = -1;
            }
        }
    }
    // Keep only the unfinished object.
    if (m_depth == 0) {
        m_buffer.clear();
        m_scanned = 0;
    } else {
        m_buffer.remove(0, m_start);
        m_start = 0;
        m_scanned = m_buffer.size();
    }
    return out;
}

void JsonStreamSplitter::clear()
{
    *this = JsonStreamSplitter(m_maxObjectBytes);
}

} // namespace client
