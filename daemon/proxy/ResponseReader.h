// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>

namespace server::proxy {

// Reads one HTTP/1.1 response from a member, incrementally: the head (status, headers), then
// the body by its framing (Content-Length, chunked, until the connection closes, or none for
// HEAD, 1xx, 204 and 304), handing the body's bytes out as they come so a watch stream is passed
// on chunk by chunk. Keeps at most one head or one chunk-size line (bounded by maxHeadBytes),
// never a body. Pure value type, no I/O; one thread.
class ResponseReader
{
public:
    enum class Framing { None, Length, Chunked, UntilClose };
    enum class State { Head, Body, Done, Error };
    static constexpr qsizetype maxHeadBytes = 64 * 1024;

    // `headRequest`: the answer to a HEAD request, which has no body whatever its headers say.
    explicit ResponseReader(bool headRequest = false) : m_headRequest(headRequest) {}

    // Consumes `data`; the body's bytes (de-chunked) are appended to `*body`. Returns the state
    // after it: Error on a malformed response (the rest is ignored).
    State feed(QByteArrayView data, QByteArray *body);
    // The member closed the connection: ends an until-close body (Done), else the response is
    // cut short (Error unless already Done).
    State closed();

    State state() const { return m_state; }
    bool headDone() const { return m_state == State::Body || m_state == State::Done; }
    int status() const { return m_status; }
    QByteArray reason() const { return m_reason; }
    const QList<QPair<QByteArray, QByteArray>> &headers() const { return m_headers; }
    Framing framing() const { return m_framing; }
    qint64 contentLength() const { return m_length; }
    // Whether the connection may carry another request after this response.
    bool keepAlive() const { return m_keepAlive; }

private:
    bool parseHead(QByteArrayView head);
    // Consumes chunked framing from data[*pos..]; false on a malformed chunk.
    bool feedChunked(QByteArrayView data, qsizetype *pos, QByteArray *body);
    // One line of chunked framing (size, data end, trailer); false if malformed.
    bool takeLine(QByteArrayView line);

    enum class ChunkState { Size, Data, DataEnd, Trailer };

    bool m_headRequest;
    State m_state = State::Head;
    QByteArray m_pending; // an incomplete head, chunk-size line or trailer line
    int m_status = 0;
    QByteArray m_reason;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    Framing m_framing = Framing::None;
    qint64 m_length = -1;
    qint64 m_remaining = 0; // body bytes left (Length) or of the current chunk (Chunked)
    ChunkState m_chunk = ChunkState::Size;
    bool m_keepAlive = true;
};

} // namespace server::proxy
