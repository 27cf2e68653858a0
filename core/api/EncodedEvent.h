// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "store/Event.h"

#include <QByteArray>
#include <QMutex>

#include <memory>
#include <mutex>

namespace api {

// One watch event's answer, shared by every watcher the event reaches: the JSON (JsonWriter::event)
// and its HTTP/1.1 chunk framing are built at most once, by whichever thread first asks, so W
// watchers of a write cost one encoding, not W, and none of it under the store's lock (the
// store calls the watchers' sinks with its write lock held; the sinks only hand this object
// on, and the client threads encode). Immutable after construction but for the lazily built
// bytes (std::call_once). Shared (std::shared_ptr) by the channels that write it; any thread.
class EncodedEvent
{
public:
    explicit EncodedEvent(store::Event event) : m_event(std::move(event)) {}

    const store::Event &event() const { return m_event; }
    const QByteArray &json() const;
    // json() framed as one chunk of a chunked body ("<hex size>\r\n<json>\r\n").
    const QByteArray &chunk() const;
    // What the answer will take, before it is built: for stream backlog limits.
    qsizetype estimatedSize() const;

    // `data` framed as one chunk of a chunked HTTP/1.1 body: the one rule for it (the daemon's
    // HttpWire uses it too).
    static QByteArray frameChunk(const QByteArray &data);

private:
    const store::Event m_event;
    mutable std::once_flag m_jsonOnce;
    mutable std::once_flag m_chunkOnce;
    mutable QByteArray m_json;
    mutable QByteArray m_chunk;
};

// Hands the watchers of one event the same EncodedEvent: the store notifies a write's watchers
// one after another with the same Event, so comparing with the last one seen is enough. Any
// thread (a mutex; in practice only the api thread calls it).
class EventEncodingCache
{
public:
    std::shared_ptr<const EncodedEvent> get(const store::Event &event);

private:
    QMutex m_mutex;
    std::shared_ptr<const EncodedEvent> m_last;
};

} // namespace api
