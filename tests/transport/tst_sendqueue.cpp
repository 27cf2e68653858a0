// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The per-peer outbox: bounds by count and bytes, chunking of large payloads, lane
// interleaving and restart after a broken connection (no sockets).
#include "transport/Chunk.h"
#include "transport/ChunkAssembler.h"
#include "transport/Frame.h"
#include "transport/FrameReader.h"
#include "transport/SendQueue.h"

#include <QBuffer>
#include <QtTest>

using namespace transport;

namespace {

Frame parse(const QByteArray &bytes)
{
    QByteArray copy = bytes;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    FrameReader reader;
    if (reader.read(&buffer) != FrameReader::Status::FrameReady)
        qFatal("SendQueue produced a frame FrameReader cannot read");
    return reader.takeFrame();
}

QByteArray pattern(qsizetype size, char seed)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        bytes[i] = char(seed + i * 31);
    return bytes;
}

// Drains the queue as the receiving side would, returning the payloads per lane.
QList<QByteArray> drain(SendQueue &queue, QList<int> *lanesOut = nullptr)
{
    QList<QByteArray> payloads;
    ChunkAssembler lanes[2] = {ChunkAssembler(1 << 30), ChunkAssembler(1 << 30)};
    while (!queue.isEmpty()) {
        const SendQueue::Output out = queue.next();
        const Frame frame = parse(out.frame);
        if (frame.type == FrameType::Message) {
            payloads.append(frame.body);
            if (lanesOut)
                lanesOut->append(-1);
            continue;
        }
        const std::optional<Chunk> chunk = Chunk::decode(frame.body);
        if (!chunk)
            qFatal("bad chunk");
        if (lanesOut)
            lanesOut->append(chunk->lane);
        if (lanes[chunk->lane].add(*chunk) == ChunkAssembler::Result::Complete)
            payloads.append(lanes[chunk->lane].takePayload());
    }
    return payloads;
}

} // namespace

class tst_SendQueue : public QObject
{
    Q_OBJECT

private slots:
    void boundsByCount();
    void boundsByBytes();
    void tooLarge();
    void bulkLaneHasItsOwnBound();
    void smallPayloadsAreSingleFrames();
    void largePayloadIsChunkedAndCountedOnce();
    void lanesInterleaveChunkByChunk();
    void bulkPayloadsAlwaysTravelAsChunks();
    void rewindRestartsPartialPayload();
    void clearDropsEverything();
};

void tst_SendQueue::boundsByCount()
{
    SendQueue queue({3, 1 << 20, 1 << 20});
    for (int i = 0; i < 3; ++i)
        QCOMPARE(queue.enqueue("m", Priority::Normal), SendResult::Queued);
    QCOMPARE(queue.enqueue("m", Priority::Normal), SendResult::QueueFull);
    QCOMPARE(queue.messageCount(), 3);
    queue.next();
    QCOMPARE(queue.enqueue("m", Priority::Normal), SendResult::Queued);
}

void tst_SendQueue::boundsByBytes()
{
    SendQueue queue({100, 1000, 1 << 20});
    const QByteArray payload(300, 'p');
    for (int i = 0; i < 3; ++i)
        QCOMPARE(queue.enqueue(payload, Priority::Normal), SendResult::Queued);
    QCOMPARE(queue.enqueue(payload, Priority::Normal), SendResult::QueueFull);
    QCOMPARE(queue.byteCount(), 900);
    QCOMPARE(queue.enqueue(QByteArray(100, 's'), Priority::Normal), SendResult::Queued);
    QCOMPARE(queue.byteCount(), 1000);
}

void tst_SendQueue::tooLarge()
{
    SendQueue queue({100, 1000, 5000});
    QCOMPARE(queue.enqueue(QByteArray(1001, 'x'), Priority::Normal), SendResult::TooLarge);
    QCOMPARE(queue.enqueue(QByteArray(5001, 'x'), Priority::Bulk), SendResult::TooLarge);
    QCOMPARE(queue.enqueue(QByteArray(5000, 'x'), Priority::Bulk), SendResult::Queued);
    QVERIFY(queue.messageCount() == 1);
}

void tst_SendQueue::bulkLaneHasItsOwnBound()
{
    SendQueue queue({100, 1000, 5000});
    QCOMPARE(queue.enqueue(QByteArray(1000, 'n'), Priority::Normal), SendResult::Queued);
    // A full Normal lane does not block a snapshot, and the other way round.
    QCOMPARE(queue.enqueue(QByteArray(4000, 'b'), Priority::Bulk), SendResult::Queued);
    QCOMPARE(queue.enqueue(QByteArray(1001, 'b'), Priority::Bulk), SendResult::QueueFull);
    QCOMPARE(queue.enqueue(QByteArray(1, 'n'), Priority::Normal), SendResult::QueueFull);
    QCOMPARE(queue.byteCount(), 5000);
}

void tst_SendQueue::smallPayloadsAreSingleFrames()
{
    SendQueue queue({});
    queue.enqueue("a", Priority::Normal);
    queue.enqueue(QByteArray(kChunkSize, 'b'), Priority::Normal);
    const SendQueue::Output first = queue.next();
    QCOMPARE(parse(first.frame).type, FrameType::Message);
    QCOMPARE(first.completedPayloadBytes, 1);
    const SendQueue::Output second = queue.next();
    QCOMPARE(parse(second.frame).type, FrameType::Message);
    QCOMPARE(second.completedPayloadBytes, kChunkSize);
    QVERIFY(queue.isEmpty());
}

void tst_SendQueue::largePayloadIsChunkedAndCountedOnce()
{
    SendQueue queue({});
    const QByteArray big = pattern(3 * kChunkSize + 5, 'a');
    queue.enqueue(big, Priority::Normal);
    queue.enqueue("after", Priority::Normal);
    int frames = 0;
    qsizetype completed = 0;
    QList<QByteArray> payloads;
    ChunkAssembler assembler(1 << 30);
    while (!queue.isEmpty()) {
        const SendQueue::Output out = queue.next();
        QVERIFY(out.frame.size() <= kFrameHeaderSize + kMaxFrameBody);
        ++frames;
        if (out.completedPayloadBytes >= 0)
            completed += out.completedPayloadBytes;
        const Frame frame = parse(out.frame);
        if (frame.type == FrameType::Chunk) {
            // the payload stays counted until its last chunk is out
            QCOMPARE(queue.messageCount(), out.completedPayloadBytes >= 0 ? 1 : 2);
            if (assembler.add(*Chunk::decode(frame.body)) == ChunkAssembler::Result::Complete)
                payloads.append(assembler.takePayload());
        } else {
            payloads.append(frame.body);
        }
    }
    QCOMPARE(frames, 5);
    QCOMPARE(completed, big.size() + 5);
    QCOMPARE(payloads, (QList<QByteArray>{big, "after"}));
    QCOMPARE(queue.byteCount(), 0);
}

void tst_SendQueue::lanesInterleaveChunkByChunk()
{
    SendQueue queue({});
    const QByteArray snapshot = pattern(4 * kChunkSize, 's');
    queue.enqueue(snapshot, Priority::Bulk);
    queue.enqueue("heartbeat1", Priority::Normal);
    queue.enqueue("heartbeat2", Priority::Normal);
    QList<int> lanes;
    const QList<QByteArray> payloads = drain(queue, &lanes);
    // Heartbeats do not wait for the whole snapshot: at most one bulk chunk before each.
    QCOMPARE(lanes, (QList<int>{-1, 1, -1, 1, 1, 1}));
    QCOMPARE(payloads, (QList<QByteArray>{"heartbeat1", "heartbeat2", snapshot}));
}

void tst_SendQueue::bulkPayloadsAlwaysTravelAsChunks()
{
    SendQueue queue({});
    QCOMPARE(queue.enqueue(QByteArray(), Priority::Bulk), SendResult::Invalid);
    QCOMPARE(queue.enqueue("tiny snapshot", Priority::Bulk), SendResult::Queued);
    const SendQueue::Output out = queue.next();
    QCOMPARE(out.lane, Priority::Bulk);
    QCOMPARE(out.completedPayloadBytes, 13);
    const Frame frame = parse(out.frame);
    QCOMPARE(frame.type, FrameType::Chunk);
    const std::optional<Chunk> chunk = Chunk::decode(frame.body);
    QVERIFY(chunk);
    QCOMPARE(chunk->lane, quint8(1));
    QCOMPARE(chunk->data, QByteArray("tiny snapshot"));
}

void tst_SendQueue::rewindRestartsPartialPayload()
{
    SendQueue queue({});
    const QByteArray big = pattern(2 * kChunkSize + 1, 'r');
    queue.enqueue(big, Priority::Normal);
    queue.next(); // first chunk went to a connection that then broke
    queue.rewindPartial();
    QCOMPARE(drain(queue), QList<QByteArray>{big});
}

void tst_SendQueue::clearDropsEverything()
{
    SendQueue queue({});
    queue.enqueue("a", Priority::Normal);
    queue.enqueue("b", Priority::Normal);
    queue.enqueue(pattern(kChunkSize * 2, 'c'), Priority::Bulk);
    queue.next(); // "a" is out
    queue.next(); // half of the bulk payload is out
    QCOMPARE(queue.clear(), 2);
    QVERIFY(queue.isEmpty());
    QCOMPARE(queue.byteCount(), 0);
}

QTEST_APPLESS_MAIN(tst_SendQueue)
#include "tst_sendqueue.moc"
