// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The peer protocol as a member reads it from a connection (core/transport):
// FrameReader cutting frames out of a byte stream that arrives in arbitrary
// pieces, then each frame's body decoded as InboundConnection, OutboundPeer
// and ClusterInfoFetcher do: Hello, HelloAck, Ping/Pong (a Pong's clock into
// ClockOffset), Chunk into a ChunkAssembler per lane, Message and reassembled
// payloads into raft::Message, ClusterInfoResponse into ClusterMembership.
// Invariants: the frames taken re-encode to exactly the bytes consumed, an
// Error is final, a completed payload has the size its chunks announced.
// Input: u8 selecting the assembler limit, then pieces as u8 length + bytes.
#include "FuzzInput.h"
#include "node/ClusterMembership.h"
#include "raft/Message.h"
#include "transport/ChunkAssembler.h"
#include "transport/ClockOffset.h"
#include "transport/FrameReader.h"
#include "transport/Hello.h"
#include "transport/HelloAck.h"

#include <QIODevice>

using namespace transport;

namespace {

// A socket stand-in: a sequential device holding what has "arrived" so far.
class PieceDevice : public QIODevice
{
public:
    PieceDevice() { open(QIODevice::ReadOnly | QIODevice::Unbuffered); }
    void arrive(const QByteArray &bytes) { m_pending.append(bytes); }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return m_pending.size(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = qMin<qint64>(maxSize, m_pending.size());
        std::memcpy(data, m_pending.constData(), size_t(n));
        m_pending.remove(0, n);
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_pending;
};

void payload(const QByteArray &bytes)
{
    if (const std::optional<raft::Message> m = raft::Message::decode(bytes))
        FUZZ_CHECK(raft::Message::decode(m->encode()) == m);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput in(data, size);
    const qsizetype maxMessage = qsizetype(1) << (8 + in.byte() % 16);
    ChunkAssembler lanes[2] = {ChunkAssembler(maxMessage), ChunkAssembler(maxMessage)};
    FrameReader reader;
    ClockOffset clock;
    PieceDevice device;
    QByteArray fed;
    QByteArray framesSeen;
    bool failed = false;
    while (!in.atEnd()) {
        const QByteArray piece = in.take(in.byte());
        fed.append(piece);
        device.arrive(piece);
        for (;;) {
            const FrameReader::Status s = reader.read(&device);
            if (s == FrameReader::Status::NeedMore)
                break;
            if (s == FrameReader::Status::Error) {
                failed = true;
                FUZZ_CHECK(!reader.error().isEmpty());
                break;
            }
            FUZZ_CHECK(!failed);
            const Frame frame = reader.takeFrame();
            FUZZ_CHECK(frame.body.size() <= kMaxFrameBody);
            framesSeen.append(Frame::encode(frame.type, frame.body));
            switch (frame.type) {
            case FrameType::Hello:
                if (const std::optional<Hello> h = Hello::decode(frame.body))
                    FUZZ_CHECK(h->encode() == frame.body);
                break;
            case FrameType::HelloAck:
                if (const std::optional<HelloAck> a = HelloAck::decode(frame.body))
                    FUZZ_CHECK(a->encode() == frame.body);
                break;
            case FrameType::Ping:
                if (const std::optional<quint64> seq = Frame::decodeSequence(frame.body))
                    FUZZ_CHECK(Frame::encodeSequence(*seq) == frame.body);
                break;
            case FrameType::Pong:
                if (const std::optional<Frame::Pong> pong = Frame::decodePong(frame.body)) {
                    FUZZ_CHECK(Frame::encodePong(*pong) == frame.body);
                    if (pong->wallNs) {
                        // The listener's clock, off the wire, into the offset estimate.
                        clock.record(1'700'000'000'000'000'000, qint64(pong->seq % 1'000'000'000),
                                     *pong->wallNs);
                        clock.exceeds(1'000'000'000);
                        FUZZ_CHECK(clock.errorNs() >= 0);
                    }
                }
                break;
            case FrameType::Message:
                payload(frame.body);
                break;
            case FrameType::Chunk: {
                const std::optional<Chunk> chunk = Chunk::decode(frame.body);
                if (!chunk)
                    break;
                FUZZ_CHECK(chunk->lane < 2);
                FUZZ_CHECK(chunk->encode() == frame.body);
                ChunkAssembler &lane = lanes[chunk->lane];
                switch (lane.add(*chunk)) {
                case ChunkAssembler::Result::Complete: {
                    const QByteArray whole = lane.takePayload();
                    FUZZ_CHECK(quint64(whole.size()) == chunk->total);
                    FUZZ_CHECK(!lane.inProgress());
                    payload(whole);
                    break;
                }
                case ChunkAssembler::Result::Error:
                    FUZZ_CHECK(!lane.inProgress() && !lane.error().isEmpty());
                    break;
                case ChunkAssembler::Result::Incomplete:
                    FUZZ_CHECK(lane.inProgress());
                    break;
                }
                break;
            }
            case FrameType::ClusterInfoResponse:
                if (!frame.body.isEmpty() && frame.body.at(0) == 0)
                    node::ClusterMembership::fromJson(frame.body.mid(1));
                break;
            default:
                break;
            }
        }
        if (failed)
            break;
    }
    // Every byte consumed belongs to a frame taken or to the one in progress.
    FUZZ_CHECK(fed.startsWith(framesSeen));
    if (!failed)
        FUZZ_CHECK(framesSeen.size() + reader.partialBytes() + device.bytesAvailable() ==
                   fed.size());
    return 0;
}
