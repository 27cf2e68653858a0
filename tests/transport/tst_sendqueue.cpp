// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The per-peer outbox: bounds by count and bytes, chunking of large payloads, lane
// interleaving and restart after a broken connection (no sockets).
#include "transport/Chunk.h"
#include "transport/ChunkAssembler.h"
#include "transport/FileBulkReader.h"
#include "transport/Frame.h"
#include "transport/FrameReader.h"
#include "transport/SendQueue.h"

#include <QBuffer>
#include <QTemporaryDir>
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

// Files in memory, for file-backed Bulk payloads: counts what the queue asks of the disk.
class FakeReader : public BulkReader
{
public:
    QHash<QString, QByteArray> files;
    int opens = 0;
    bool isOpen = false;
    qint64 largestRead = 0;

    bool open(const QString &path, qint64 offset, qint64 length) override
    {
        ++opens;
        if (!files.contains(path) || files[path].size() < offset + length)
            return false;
        m_path = path;
        m_position = offset;
        isOpen = true;
        return true;
    }
    std::optional<QByteArray> read(qint64 size) override
    {
        if (!isOpen || files[m_path].size() < m_position + size)
            return std::nullopt;
        largestRead = std::max(largestRead, size);
        m_position += size;
        return files[m_path].mid(m_position - size, size);
    }
    void close() override { isOpen = false; }
    QString error() const override { return QStringLiteral("fake failure"); }

private:
    QString m_path;
    qint64 m_position = 0;
};

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
    void fileBackedBulkCountsOnlyItsHead();
    void fileBackedBulkIsReadChunkByChunk();
    void fileBackedBulkRestartsOnceThenFails();
    void unreadableFileFailsOnlyItsPayload();
    void fileCutShortMidwayFails();
    void fileBackedBulkNeedsAReader();
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

void tst_SendQueue::fileBackedBulkCountsOnlyItsHead()
{
    auto reader = std::make_unique<FakeReader>();
    reader->files.insert("snap", pattern(10 * kChunkSize, 'f'));
    FakeReader *files = reader.get();
    SendQueue queue({100, 1000, 5000}, std::move(reader));
    // Far beyond maxMessageBytes, but only the head is in memory.
    QCOMPARE(queue.enqueueBulk({QByteArray(100, 'h'), "snap", 0, 10 * kChunkSize}),
             SendResult::Queued);
    QCOMPARE(queue.byteCount(), 100);
    QCOMPARE(files->opens, 0); // opened when its first frame is cut, not before
    QCOMPARE(queue.enqueueBulk({QByteArray(4900, 'h'), "snap", 0, 1}), SendResult::Queued);
    QCOMPARE(queue.enqueueBulk({QByteArray(1, 'h'), "snap", 0, 1}), SendResult::QueueFull);
    QCOMPARE(queue.enqueueBulk({QByteArray(5001, 'h'), "snap", 0, 1}), SendResult::TooLarge);
    QCOMPARE(queue.byteCount(), 5000);
    QCOMPARE(queue.messageCount(), 2);
}

void tst_SendQueue::fileBackedBulkIsReadChunkByChunk()
{
    auto reader = std::make_unique<FakeReader>();
    const QByteArray file = pattern(3 * kChunkSize + 100, 'f');
    reader->files.insert("snap", file);
    FakeReader *files = reader.get();
    SendQueue queue({}, std::move(reader));
    const QByteArray head(1000, 'h');
    const qint64 offset = 17, length = 3 * kChunkSize;
    QCOMPARE(queue.enqueueBulk({head, "snap", offset, length}), SendResult::Queued);
    QCOMPARE(queue.enqueue("heartbeat", Priority::Normal), SendResult::Queued);
    QCOMPARE(queue.enqueueBulk({{}, "snap", 0, 5}), SendResult::Queued); // no head at all
    QList<int> lanes;
    const QList<QByteArray> payloads = drain(queue, &lanes);
    QCOMPARE(payloads,
             (QList<QByteArray>{"heartbeat", head + file.mid(offset, length), file.left(5)}));
    QCOMPARE(lanes, (QList<int>{-1, 1, 1, 1, 1, 1}));
    QCOMPARE(files->opens, 2);
    QVERIFY(files->largestRead <= kChunkSize);
    QVERIFY(!files->isOpen);
    QCOMPARE(queue.byteCount(), 0);
}

void tst_SendQueue::fileBackedBulkRestartsOnceThenFails()
{
    auto reader = std::make_unique<FakeReader>();
    const QByteArray file = pattern(2 * kChunkSize + 1, 'r');
    reader->files.insert("snap", file);
    FakeReader *files = reader.get();
    SendQueue queue({}, std::move(reader));
    QCOMPARE(queue.enqueueBulk({"head", "snap", 0, file.size()}), SendResult::Queued);
    queue.next(); // the first chunk went to a connection that then broke
    QCOMPARE(queue.rewindPartial(), 0);
    QVERIFY(!files->isOpen);
    QCOMPARE(drain(queue), QList<QByteArray>{"head" + file}); // from its start, reopened
    QCOMPARE(files->opens, 2);

    // Broken twice in the middle: dropped (the caller reports it failed).
    QCOMPARE(queue.enqueueBulk({"head", "snap", 0, file.size()}), SendResult::Queued);
    queue.next();
    QCOMPARE(queue.rewindPartial(), 0);
    QCOMPARE(queue.rewindPartial(), 0); // nothing written since: nothing to count
    queue.next();
    QCOMPARE(queue.rewindPartial(), 1);
    QVERIFY(queue.isEmpty());
    QVERIFY(!files->isOpen);
    QCOMPARE(queue.byteCount(), 0);

    // An in-memory Bulk payload follows the same rule.
    QCOMPARE(queue.enqueue(file, Priority::Bulk), SendResult::Queued);
    queue.next();
    QCOMPARE(queue.rewindPartial(), 0);
    queue.next();
    QCOMPARE(queue.rewindPartial(), 1);
    QVERIFY(queue.isEmpty());
}

void tst_SendQueue::unreadableFileFailsOnlyItsPayload()
{
    auto reader = std::make_unique<FakeReader>();
    reader->files.insert("short", QByteArray(10, 's'));
    SendQueue queue({}, std::move(reader));
    QCOMPARE(queue.enqueueBulk({"h", "missing", 0, 10}), SendResult::Queued);
    QCOMPARE(queue.enqueueBulk({"h", "short", 5, 10}), SendResult::Queued); // 5 bytes past its end
    QCOMPARE(queue.enqueue("after", Priority::Bulk), SendResult::Queued);
    for (int i = 0; i < 2; ++i) {
        const SendQueue::Output failed = queue.next();
        QVERIFY(!failed.failure.isEmpty());
        QVERIFY(!failed.failedMidway); // nothing of it was handed out
        QVERIFY(failed.frame.isEmpty());
        QCOMPARE(failed.completedPayloadBytes, -1);
    }
    QCOMPARE(queue.messageCount(), 1);
    QCOMPARE(drain(queue), QList<QByteArray>{"after"});
}

void tst_SendQueue::fileCutShortMidwayFails()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile file(dir.filePath("snap"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(pattern(3 * kChunkSize, 'c'));
    file.close();
    SendQueue queue({}, std::make_unique<FileBulkReader>());
    QCOMPARE(queue.enqueueBulk({{}, file.fileName(), 0, 3 * kChunkSize}), SendResult::Queued);
    const SendQueue::Output first = queue.next();
    QVERIFY(first.failure.isEmpty());
    QCOMPARE(Chunk::decode(parse(first.frame).body)->total, quint64(3 * kChunkSize));
    QVERIFY(file.resize(kChunkSize + 10)); // someone truncated it under us
    const SendQueue::Output failed = queue.next();
    QVERIFY2(failed.failure.contains("ended before"), qPrintable(failed.failure));
    QVERIFY(failed.failedMidway); // the peer holds the first chunk: the caller drops it
    QVERIFY(queue.isEmpty());

    QCOMPARE(queue.enqueueBulk({{}, dir.filePath("gone"), 0, 1}), SendResult::Queued);
    const SendQueue::Output missing = queue.next();
    QVERIFY2(missing.failure.contains("cannot open"), qPrintable(missing.failure));
    QVERIFY(!missing.failedMidway);
}

void tst_SendQueue::fileBackedBulkNeedsAReader()
{
    SendQueue queue({});
    QCOMPARE(queue.enqueueBulk({"h", "snap", 0, 10}), SendResult::Invalid);
    QCOMPARE(queue.enqueueBulk({{}, {}, 0, 10}), SendResult::Invalid); // no head, no file
    SendQueue withReader({}, std::make_unique<FakeReader>());
    QCOMPARE(withReader.enqueueBulk({"h", "snap", -1, 10}), SendResult::Invalid);
    QCOMPARE(withReader.enqueueBulk({"h", "snap", 0, -1}), SendResult::Invalid);
    QCOMPARE(withReader.enqueueBulk({{}, "snap", 0, 0}), SendResult::Invalid);
    QVERIFY(withReader.isEmpty());
}

QTEST_APPLESS_MAIN(tst_SendQueue)
#include "tst_sendqueue.moc"
