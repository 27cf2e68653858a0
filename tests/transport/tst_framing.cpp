// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Frames, handshake bodies and chunk reassembly: what the receiver makes of well-formed,
// malformed and hostile byte sequences (no sockets).
#include "RawFrame.h"
#include "transport/ChunkAssembler.h"
#include "transport/Frame.h"
#include "transport/FrameReader.h"
#include "transport/Hello.h"
#include "transport/HelloAck.h"

#include <QBuffer>
#include <QtEndian>
#include <QtTest>

using namespace transport;

namespace {

// Feeds `bytes` to a reader `step` bytes at a time, as a socket would; collects frames.
struct Fed
{
    QList<Frame> frames;
    bool error = false;
    QString why;
    qsizetype partial = 0;
};

Fed feed(const QByteArray &bytes, qsizetype step)
{
    QByteArray stream;
    QBuffer buffer(&stream);
    buffer.open(QIODevice::ReadWrite);
    FrameReader reader;
    Fed fed;
    for (qsizetype at = 0; at < bytes.size() && !fed.error; at += step) {
        const qint64 readPos = buffer.pos();
        buffer.seek(stream.size());
        buffer.write(bytes.mid(at, step));
        buffer.seek(readPos);
        for (;;) {
            const FrameReader::Status status = reader.read(&buffer);
            if (status == FrameReader::Status::FrameReady) {
                fed.frames.append(reader.takeFrame());
                continue;
            }
            if (status == FrameReader::Status::Error) {
                fed.error = true;
                fed.why = reader.error();
            }
            break;
        }
    }
    fed.partial = reader.partialBytes();
    return fed;
}

} // namespace

class tst_Framing : public QObject
{
    Q_OBJECT

private slots:
    void framesSurviveAnySplit_data();
    void framesSurviveAnySplit();
    void badStreamsFail_data();
    void badStreamsFail();
    void truncatedFrameWaits();
    void errorIsSticky();
    void helloRoundTripAndMalformed();
    void helloAckRejectsUnknownStatus();
    void chunkDecodeRejectsInconsistentHeaders_data();
    void chunkDecodeRejectsInconsistentHeaders();
    void assemblerReassemblesInOrder();
    void assemblerRefusesBadSequences_data();
    void assemblerRefusesBadSequences();
};

void tst_Framing::framesSurviveAnySplit_data()
{
    QTest::addColumn<qsizetype>("step");
    for (qsizetype step : {1, 2, 5, 6, 7, 64, 4096, 1 << 20})
        QTest::addRow("step %lld", qlonglong(step)) << step;
}

void tst_Framing::framesSurviveAnySplit()
{
    QFETCH(qsizetype, step);
    const QByteArray big(kChunkSize, 'x');
    QByteArray stream = Frame::encode(FrameType::Hello, Hello{7, 1, 2}.encode());
    stream += Frame::encode(FrameType::Message, QByteArray("one"));
    stream += Frame::encode(FrameType::Message, QByteArray()); // empty payloads are legal
    stream += Frame::encode(FrameType::Ping, Frame::encodeSequence(42));
    stream += Frame::encode(FrameType::Message, big);

    const Fed fed = feed(stream, step);
    QVERIFY2(!fed.error, qPrintable(fed.why));
    QCOMPARE(fed.frames.size(), 5);
    QCOMPARE(fed.frames[0].type, FrameType::Hello);
    QCOMPARE(Hello::decode(fed.frames[0].body), std::optional<Hello>(Hello{7, 1, 2}));
    QCOMPARE(fed.frames[1].body, QByteArray("one"));
    QCOMPARE(fed.frames[2].body, QByteArray());
    QCOMPARE(Frame::decodeSequence(fed.frames[3].body), std::optional<quint64>(42));
    QCOMPARE(fed.frames[4].body, big);
    QCOMPARE(fed.partial, 0);
}

void tst_Framing::badStreamsFail_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("reason");
    QTest::newRow("version 0") << rawFrameHeader(0, 3, 1) + "x"
                               << "protocol version";
    QTest::newRow("version 2") << rawFrameHeader(2, 3, 1) + "x"
                               << "protocol version";
    QTest::newRow("type 0") << rawFrameHeader(1, 0, 0) << "frame type";
    QTest::newRow("type 99") << rawFrameHeader(1, 99, 0) << "frame type";
    QTest::newRow("length 4 GiB") << rawFrameHeader(1, 3, 0xFFFFFFFFu) << "exceeds";
    QTest::newRow("length one over")
        << rawFrameHeader(1, 3, quint32(kMaxFrameBody + 1)) << "exceeds";
    QTest::newRow("HTTP request") << QByteArray("GET /version HTTP/1.1\r\n\r\n") << "version";
    QTest::newRow("good frame then garbage")
        << Frame::encode(FrameType::Message, "ok") + QByteArray("\xff\xff\xff\xff\xff\xff", 6)
        << "version";
}

void tst_Framing::badStreamsFail()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, reason);
    const Fed fed = feed(bytes, 3);
    QVERIFY(fed.error);
    QVERIFY2(fed.why.contains(reason), qPrintable(fed.why));
}

void tst_Framing::truncatedFrameWaits()
{
    const QByteArray frame = Frame::encode(FrameType::Message, QByteArray(1000, 'a'));
    const Fed fed = feed(frame.left(700), 100);
    QVERIFY(!fed.error);
    QVERIFY(fed.frames.isEmpty());
    QCOMPARE(fed.partial, 700);
}

void tst_Framing::errorIsSticky()
{
    QByteArray stream = rawFrameHeader(9, 3, 0) + Frame::encode(FrameType::Message, "later");
    QBuffer buffer(&stream);
    buffer.open(QIODevice::ReadOnly);
    FrameReader reader;
    QCOMPARE(reader.read(&buffer), FrameReader::Status::Error);
    QCOMPARE(reader.read(&buffer), FrameReader::Status::Error);
}

void tst_Framing::helloRoundTripAndMalformed()
{
    const Hello hello{0x1234567890abcdefULL, 0xffffffffffffffffULL, 1};
    QCOMPARE(Hello::decode(hello.encode()), std::optional<Hello>(hello));
    QCOMPARE(hello.encode().size(), 24);
    QVERIFY(!Hello::decode(hello.encode().left(23)));
    QVERIFY(!Hello::decode(hello.encode() + "x"));
    QVERIFY(!Hello::decode(QByteArray()));
}

void tst_Framing::helloAckRejectsUnknownStatus()
{
    const HelloAck ack{HelloStatus::ClusterMismatch, 99};
    const std::optional<HelloAck> back = HelloAck::decode(ack.encode());
    QVERIFY(back);
    QCOMPARE(back->status, HelloStatus::ClusterMismatch);
    QCOMPARE(back->clusterId, quint64(99));
    QByteArray bad = ack.encode();
    bad[0] = char(77);
    QVERIFY(!HelloAck::decode(bad));
    QVERIFY(!HelloAck::decode(ack.encode().left(5)));
}

void tst_Framing::chunkDecodeRejectsInconsistentHeaders_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("valid");
    auto chunk = [](quint8 lane, quint64 total, quint64 offset, const QByteArray &data) {
        return Chunk{lane, total, offset, data}.encode();
    };
    QTest::newRow("ok") << chunk(0, 10, 4, "abc") << true;
    QTest::newRow("ok last byte") << chunk(1, 10, 9, "z") << true;
    QTest::newRow("no data") << chunk(0, 10, 0, "") << false;
    QTest::newRow("lane 2") << chunk(2, 10, 0, "abc") << false;
    QTest::newRow("offset past total") << chunk(0, 10, 11, "a") << false;
    QTest::newRow("data past total") << chunk(0, 10, 8, "abc") << false;
    QTest::newRow("huge offset wraps") << chunk(0, 10, ~quint64(0), "abc") << false;
    QTest::newRow("short header") << QByteArray(10, '\0') << false;
}

void tst_Framing::chunkDecodeRejectsInconsistentHeaders()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, valid);
    QCOMPARE(Chunk::decode(body).has_value(), valid);
}

void tst_Framing::assemblerReassemblesInOrder()
{
    ChunkAssembler assembler(100);
    QCOMPARE(assembler.add(Chunk{0, 10, 0, "0123"}), ChunkAssembler::Result::Incomplete);
    QVERIFY(assembler.inProgress());
    QCOMPARE(assembler.add(Chunk{0, 10, 4, "4567"}), ChunkAssembler::Result::Incomplete);
    QCOMPARE(assembler.add(Chunk{0, 10, 8, "89"}), ChunkAssembler::Result::Complete);
    QCOMPARE(assembler.takePayload(), QByteArray("0123456789"));
    QVERIFY(!assembler.inProgress());
    // and the next payload starts afresh
    QCOMPARE(assembler.add(Chunk{0, 2, 0, "ab"}), ChunkAssembler::Result::Complete);
    QCOMPARE(assembler.takePayload(), QByteArray("ab"));
}

void tst_Framing::assemblerRefusesBadSequences_data()
{
    QTest::addColumn<QList<Chunk>>("chunks");
    QTest::newRow("starts mid-way") << QList<Chunk>{{0, 10, 4, "abcd"}};
    QTest::newRow("announces more than the limit") << QList<Chunk>{{0, 101, 0, "abcd"}};
    QTest::newRow("gap") << QList<Chunk>{{0, 10, 0, "abcd"}, {0, 10, 5, "e"}};
    QTest::newRow("overlap") << QList<Chunk>{{0, 10, 0, "abcd"}, {0, 10, 2, "cd"}};
    QTest::newRow("total changes") << QList<Chunk>{{0, 10, 0, "abcd"}, {0, 12, 4, "ef"}};
    QTest::newRow("restart while in progress") << QList<Chunk>{{0, 10, 0, "ab"}, {0, 10, 0, "ab"}};
}

void tst_Framing::assemblerRefusesBadSequences()
{
    QFETCH(QList<Chunk>, chunks);
    ChunkAssembler assembler(100);
    ChunkAssembler::Result last = ChunkAssembler::Result::Incomplete;
    for (const Chunk &chunk : chunks)
        last = assembler.add(chunk);
    QCOMPARE(last, ChunkAssembler::Result::Error);
    QVERIFY(!assembler.error().isEmpty());
    QVERIFY(!assembler.inProgress());
}

QTEST_APPLESS_MAIN(tst_Framing)
#include "tst_framing.moc"
