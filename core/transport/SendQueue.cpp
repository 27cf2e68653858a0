// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "transport/SendQueue.h"

#include "transport/Chunk.h"
#include "transport/Frame.h"

#include <algorithm>

namespace transport {

SendQueue::SendQueue(const Limits &limits, std::unique_ptr<BulkReader> reader)
    : m_limits(limits), m_reader(std::move(reader))
{
}

SendResult SendQueue::enqueue(const QByteArray &payload, Priority priority)
{
    if (priority == Priority::Bulk)
        return enqueueBulk(BulkPayload{payload, {}, 0, 0});
    Lane &lane = m_lanes[0];
    if (payload.size() > m_limits.maxMessageBytes || payload.size() > m_limits.maxBytes)
        return SendResult::TooLarge;
    if (qsizetype(lane.payloads.size()) >= m_limits.maxMessages ||
        lane.bytes + payload.size() > m_limits.maxBytes)
        return SendResult::QueueFull;
    lane.payloads.push_back(Entry{BulkPayload{payload, {}, 0, 0}, 0});
    lane.bytes += payload.size();
    return SendResult::Queued;
}

SendResult SendQueue::enqueueBulk(const BulkPayload &payload)
{
    Lane &lane = m_lanes[1];
    const bool file = !payload.path.isEmpty();
    // A Chunk carries at least one byte.
    if (payload.size() <= 0 || (file && (payload.offset < 0 || payload.length < 0 || !m_reader)))
        return SendResult::Invalid;
    const qsizetype inMemory = payload.head.size();
    if (inMemory > m_limits.maxMessageBytes)
        return SendResult::TooLarge;
    if (qsizetype(lane.payloads.size()) >= m_limits.maxMessages ||
        lane.bytes + inMemory > m_limits.maxMessageBytes)
        return SendResult::QueueFull;
    lane.payloads.push_back(Entry{payload, 0});
    lane.bytes += inMemory;
    return SendResult::Queued;
}

SendQueue::Output SendQueue::next()
{
    Q_ASSERT(!isEmpty());
    int lane = 1 - m_lastLane;
    if (m_lanes[lane].payloads.empty())
        lane = 1 - lane;
    m_lastLane = lane;
    return takeFrom(lane);
}

SendQueue::Output SendQueue::takeFrom(int index)
{
    Lane &lane = m_lanes[index];
    const BulkPayload &head = lane.payloads.front().payload;
    const qint64 total = head.size();
    Output out;
    out.lane = Priority(index);
    if (index == 0 && total <= kChunkSize) {
        out.frame = Frame::encode(FrameType::Message, head.head);
    } else {
        const bool file = !head.path.isEmpty();
        auto fail = [&](const QString &why) {
            out.failure = why;
            out.failedMidway = lane.offset > 0;
            m_reader->close();
            popFront(index);
            return out;
        };
        if (file && lane.offset == 0 && !m_reader->open(head.path, head.offset, head.length))
            return fail(m_reader->error());
        Chunk chunk;
        chunk.lane = quint8(index);
        chunk.total = quint64(total);
        chunk.offset = quint64(lane.offset);
        const qint64 want = std::min<qint64>(kChunkSize, total - lane.offset);
        if (lane.offset < head.head.size())
            chunk.data = head.head.mid(lane.offset, want);
        if (const qint64 fromFile = want - chunk.data.size(); fromFile > 0) {
            std::optional<QByteArray> bytes = m_reader->read(fromFile);
            if (!bytes)
                return fail(m_reader->error());
            if (chunk.data.isEmpty())
                chunk.data = std::move(*bytes);
            else
                chunk.data.append(*bytes);
        }
        lane.offset += chunk.data.size();
        out.frame = Frame::encode(FrameType::Chunk, chunk.encode());
        if (lane.offset < total)
            return out;
        if (file)
            m_reader->close();
    }
    out.completedPayloadBytes = total;
    popFront(index);
    return out;
}

void SendQueue::popFront(int index)
{
    Lane &lane = m_lanes[index];
    lane.bytes -= lane.payloads.front().payload.head.size();
    lane.offset = 0;
    lane.payloads.pop_front();
}

int SendQueue::rewindPartial()
{
    m_lanes[0].offset = 0;
    Lane &bulk = m_lanes[1];
    if (bulk.offset == 0)
        return 0;
    if (m_reader)
        m_reader->close();
    Entry &head = bulk.payloads.front();
    if (head.restarts >= m_limits.maxBulkRestarts) {
        popFront(1);
        return 1;
    }
    ++head.restarts;
    bulk.offset = 0;
    return 0;
}

qsizetype SendQueue::clear()
{
    const qsizetype dropped = messageCount();
    if (m_reader)
        m_reader->close();
    for (Lane &lane : m_lanes)
        lane = Lane();
    return dropped;
}

qsizetype SendQueue::messageCount() const
{
    return qsizetype(m_lanes[0].payloads.size() + m_lanes[1].payloads.size());
}

qsizetype SendQueue::byteCount() const
{
    return m_lanes[0].bytes + m_lanes[1].bytes;
}

} // namespace transport
