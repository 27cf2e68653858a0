// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "transport/SendQueue.h"

#include "transport/Chunk.h"
#include "transport/Frame.h"

namespace transport {

SendQueue::SendQueue(const Limits &limits) : m_limits(limits) {}

SendResult SendQueue::enqueue(const QByteArray &payload, Priority priority)
{
    const int index = priority == Priority::Bulk ? 1 : 0;
    Lane &lane = m_lanes[index];
    const qsizetype laneByteLimit = index == 1 ? m_limits.maxMessageBytes : m_limits.maxBytes;
    if (index == 1 && payload.isEmpty()) // a Chunk carries at least one byte
        return SendResult::Invalid;
    if (payload.size() > m_limits.maxMessageBytes || payload.size() > laneByteLimit)
        return SendResult::TooLarge;
    if (qsizetype(lane.payloads.size()) >= m_limits.maxMessages ||
        lane.bytes + payload.size() > laneByteLimit)
        return SendResult::QueueFull;
    lane.payloads.push_back(payload);
    lane.bytes += payload.size();
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
    const QByteArray &head = lane.payloads.front();
    Output out;
    out.lane = Priority(index);
    if (index == 0 && head.size() <= kChunkSize) {
        out.frame = Frame::encode(FrameType::Message, head);
    } else {
        Chunk chunk;
        chunk.lane = quint8(index);
        chunk.total = quint64(head.size());
        chunk.offset = quint64(lane.offset);
        chunk.data = head.mid(lane.offset, kChunkSize);
        lane.offset += chunk.data.size();
        out.frame = Frame::encode(FrameType::Chunk, chunk.encode());
        if (lane.offset < head.size())
            return out;
    }
    out.completedPayloadBytes = head.size();
    lane.bytes -= head.size();
    lane.offset = 0;
    lane.payloads.pop_front();
    return out;
}

void SendQueue::rewindPartial()
{
    for (Lane &lane : m_lanes)
        lane.offset = 0;
}

qsizetype SendQueue::clear()
{
    const qsizetype dropped = messageCount();
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
