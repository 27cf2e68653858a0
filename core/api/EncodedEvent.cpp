// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "api/EncodedEvent.h"

#include "api/HttpResponse.h"
#include "api/JsonWriter.h"

#include <QMutexLocker>

namespace api {

const QByteArray &EncodedEvent::json() const
{
    std::call_once(m_jsonOnce, [this] { m_json = JsonWriter::event(m_event); });
    return m_json;
}

const QByteArray &EncodedEvent::chunk() const
{
    std::call_once(m_chunkOnce, [this] { m_chunk = frameChunk(json()); });
    return m_chunk;
}

qsizetype EncodedEvent::estimatedSize() const
{
    // UTF-8 takes at most 3 bytes per UTF-16 unit; JSON escapes rarely more.
    auto nodeSize = [](const store::NodeValue &n) {
        return (n.key.size() + (n.value ? n.value->size() : 0)) * 3;
    };
    qsizetype size = 160 + nodeSize(m_event.node);
    if (m_event.prevNode)
        size += 96 + nodeSize(*m_event.prevNode);
    return size;
}

QByteArray EncodedEvent::frameChunk(const QByteArray &data)
{
    return QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n";
}

void ResponseChannel::writeEvent(const std::shared_ptr<const EncodedEvent> &event)
{
    writeChunk(event->json());
}

std::shared_ptr<const EncodedEvent> EventEncodingCache::get(const store::Event &event)
{
    QMutexLocker lock(&m_mutex);
    if (!m_last || m_last->event() != event)
        m_last = std::make_shared<const EncodedEvent>(event);
    return m_last;
}

} // namespace api
