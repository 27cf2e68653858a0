// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "ResponseReader.h"

namespace server::proxy {

namespace {

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

// Index of the first "\r\n" at or after `from` in `data`, or -1.
qsizetype findCrlf(QByteArrayView data, qsizetype from)
{
    const qsizetype i = data.indexOf(QByteArrayView("\r\n"), from);
    return i;
}

} // namespace

ResponseReader::State ResponseReader::feed(QByteArrayView data, QByteArray *body)
{
    qsizetype pos = 0;
    while (pos < data.size() && (m_state == State::Head || m_state == State::Body)) {
        if (m_state == State::Head) {
            // The head usually arrives whole in one read: parsed in place, no copy.
            const qsizetype pendingBefore = m_pending.size();
            QByteArrayView view = data.sliced(pos);
            if (pendingBefore > 0) {
                m_pending.append(view);
                view = m_pending;
            }
            const qsizetype end = view.indexOf(QByteArrayView("\r\n\r\n"));
            if (end < 0) {
                if (pendingBefore == 0)
                    m_pending = view.toByteArray();
                if (m_pending.size() > maxHeadBytes)
                    m_state = State::Error;
                return m_state;
            }
            const qsizetype consumedFromData = end + 4 - pendingBefore;
            if (!parseHead(view.first(end + 2))) {
                m_state = State::Error;
                return m_state;
            }
            m_pending.clear();
            pos += consumedFromData;
            if (m_status >= 100 && m_status < 200) {
                // An interim answer (100 Continue): the real head follows.
                m_headers.clear();
                continue;
            }
            m_state = m_framing == Framing::None ? State::Done : State::Body;
            if (m_framing == Framing::Length && m_remaining == 0)
                m_state = State::Done;
            continue;
        }
        switch (m_framing) {
        case Framing::Length: {
            const qsizetype n = qsizetype(qMin<qint64>(m_remaining, data.size() - pos));
            body->append(data.sliced(pos, n));
            pos += n;
            m_remaining -= n;
            if (m_remaining == 0)
                m_state = State::Done;
            break;
        }
        case Framing::UntilClose:
            body->append(data.sliced(pos));
            pos = data.size();
            break;
        case Framing::Chunked:
            if (!feedChunked(data, &pos, body))
                m_state = State::Error;
            break;
        case Framing::None:
            m_state = State::Done;
            break;
        }
    }
    return m_state;
}

bool ResponseReader::feedChunked(QByteArrayView data, qsizetype *pos, QByteArray *body)
{
    while (*pos < data.size() && m_state == State::Body) {
        switch (m_chunk) {
        case ChunkState::Data: {
            const qsizetype n = qsizetype(qMin<qint64>(m_remaining, data.size() - *pos));
            body->append(data.sliced(*pos, n));
            *pos += n;
            m_remaining -= n;
            if (m_remaining == 0)
                m_chunk = ChunkState::DataEnd;
            break;
        }
        case ChunkState::Size:
        case ChunkState::DataEnd:
        case ChunkState::Trailer: {
            // A line: the chunk's size, the CRLF after its data, or a trailer line.
            const qsizetype eol = findCrlf(data, *pos);
            if (eol < 0 || !m_pending.isEmpty()) {
                // The line is split over reads (rare): gathered in m_pending.
                const qsizetype before = m_pending.size();
                m_pending.append(data.sliced(*pos));
                const qsizetype end = m_pending.indexOf("\r\n");
                if (end < 0) {
                    *pos = data.size();
                    return m_pending.size() <= maxHeadBytes;
                }
                *pos += end + 2 - before;
                const QByteArray line = m_pending.first(end);
                m_pending.clear();
                if (!takeLine(line))
                    return false;
                break;
            }
            const QByteArrayView line = data.sliced(*pos, eol - *pos);
            *pos = eol + 2;
            if (!takeLine(line))
                return false;
            break;
        }
        }
    }
    return true;
}

bool ResponseReader::takeLine(QByteArrayView line)
{
    switch (m_chunk) {
    case ChunkState::Size: {
        QByteArrayView size = line;
        if (const qsizetype semi = size.indexOf(';'); semi >= 0)
            size = size.first(semi); // chunk extensions are ignored
        bool ok = false;
        const qint64 n = size.trimmed().toLongLong(&ok, 16);
        if (!ok || n < 0)
            return false;
        m_remaining = n;
        m_chunk = n == 0 ? ChunkState::Trailer : ChunkState::Data;
        return true;
    }
    case ChunkState::DataEnd:
        if (!line.isEmpty())
            return false;
        m_chunk = ChunkState::Size;
        return true;
    case ChunkState::Trailer:
        if (line.isEmpty())
            m_state = State::Done;
        return true;
    case ChunkState::Data:
        break;
    }
    return false;
}

ResponseReader::State ResponseReader::closed()
{
    if (m_state == State::Body && m_framing == Framing::UntilClose)
        m_state = State::Done;
    else if (m_state != State::Done)
        m_state = State::Error;
    m_keepAlive = false;
    return m_state;
}

bool ResponseReader::parseHead(QByteArrayView head)
{
    // Status line: HTTP/1.x SP code SP reason
    qsizetype eol = findCrlf(head, 0);
    const QByteArrayView statusLine = head.first(eol);
    if (!statusLine.startsWith("HTTP/1.") || statusLine.size() < 12)
        return false;
    const bool http10 = statusLine.at(7) == '0';
    bool ok = false;
    m_status = statusLine.sliced(9, 3).toInt(&ok);
    if (!ok || m_status < 100 || m_status > 999)
        return false;
    m_reason = statusLine.size() > 13 ? statusLine.sliced(13).toByteArray() : QByteArray();
    m_keepAlive = !http10;
    bool chunked = false;
    m_length = -1;
    qsizetype pos = eol + 2;
    while (pos < head.size()) {
        eol = findCrlf(head, pos);
        if (eol < 0)
            return false;
        const QByteArrayView line = head.sliced(pos, eol - pos);
        pos = eol + 2;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return false;
        const QByteArrayView name = line.first(colon);
        const QByteArrayView value = line.sliced(colon + 1).trimmed();
        if (sameName(name, "Content-Length")) {
            m_length = value.toLongLong(&ok);
            if (!ok || m_length < 0)
                return false;
        } else if (sameName(name, "Transfer-Encoding")) {
            chunked = value.contains(QByteArrayView("chunked"));
        } else if (sameName(name, "Connection")) {
            const QByteArray v = value.toByteArray().toLower();
            if (v.contains("close"))
                m_keepAlive = false;
            else if (v.contains("keep-alive"))
                m_keepAlive = true;
        }
        m_headers.append({name.toByteArray(), value.toByteArray()});
    }
    if (m_headRequest || m_status == 204 || m_status == 304 || m_status < 200) {
        m_framing = Framing::None;
    } else if (chunked) {
        m_framing = Framing::Chunked;
        m_chunk = ChunkState::Size;
    } else if (m_length >= 0) {
        m_framing = Framing::Length;
        m_remaining = m_length;
    } else {
        m_framing = Framing::UntilClose;
        m_keepAlive = false;
    }
    return true;
}

} // namespace server::proxy
