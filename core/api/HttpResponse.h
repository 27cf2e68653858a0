// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>

#include <memory>

namespace api {

class EncodedEvent;

// One complete HTTP response as plain values. The daemon adds the transport
// headers (Date, Content-Length, Connection) and drops the body for HEAD.
using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

struct HttpResponse
{
    int status = 200;
    HttpHeaders headers;
    QByteArray body;

    void addHeader(const QByteArray &name, const QByteArray &value)
    {
        headers.append({name, value});
    }
    // A literal name is used in place (no copy): every answer carries several.
    template <qsizetype N> void addHeader(const char (&name)[N], const QByteArray &value)
    {
        headers.append({QByteArray::fromRawData(name, N - 1), value});
    }
};

// The far end of a response that is answered later (writes, watches). The
// daemon implements it over a socket; tests implement it in memory. Every
// call is made on the thread that owns the server. After the client goes
// away isOpen() turns false and writes are ignored, so the api never has to
// know when a socket was deleted.
class ResponseChannel
{
public:
    virtual ~ResponseChannel() = default;
    virtual bool isOpen() const = 0;
    // A whole response at once.
    virtual void respond(const HttpResponse &response) = 0;
    // A response whose body comes later, piece by piece (chunked encoding).
    // `head.body` is ignored.
    virtual void beginStream(const HttpResponse &head) = 0;
    virtual void writeChunk(const QByteArray &data) = 0;
    // One watch event as the next chunk. The default builds its JSON here and now; a channel
    // that writes on another thread overrides it so the bytes are built there, once for all the
    // event's watchers (EncodedEvent), and not on the thread holding the store's lock.
    virtual void writeEvent(const std::shared_ptr<const EncodedEvent> &event);
    virtual void endStream() = 0;
    // `callback` runs once when the client disconnects (never after endStream()).
    virtual void onClosed(std::function<void()> callback) = 0;
};

} // namespace api
