// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>

#include <optional>

namespace transport {

// Wire format of the peer protocol, version 1. Every byte that crosses a peer
// connection is inside a frame; integers are big endian.
//
//   frame := version:u8 type:u8 length:u32 body[length]
//
// version is kProtocolVersion and length <= kMaxFrameBody; anything else makes the
// receiver close that connection (see FrameReader). Bodies by type:
//
//   1 Hello               clusterId:u64 from:u64 to:u64      dialer -> listener, first frame
//   2 HelloAck            status:u8 clusterId:u64            listener -> dialer (HelloStatus,
//                                                            clusterId = the listener's)
//   3 Message             payload                            one whole Normal payload
//                                                            <= kChunkSize
//   4 Chunk               lane:u8 total:u64 offset:u64 data  a slice of a Normal payload
//                                                            > kChunkSize, or of any Bulk one
//   5 Ping                seq:u64                            dialer -> listener; the top
//                                                            bit of seq (kPingWantsClock)
//                                                            asks for the listener's clock
//   6 Pong                seq:u64 [wallNs:i64]               listener -> dialer, echoes
//                                                            Ping's seq; wallNs (the
//                                                            listener's wall clock, ns since
//                                                            the Unix epoch) only when the
//                                                            Ping asked for it
//   7 ClusterInfoRequest  (empty)                            first frame instead of Hello
//   8 ClusterInfoResponse status:u8 info                     status 0 = ok, 1 = unavailable;
//                                                            the listener then closes
//   9 BulkAck             (empty)                            listener -> dialer: the oldest
//                                                            unacknowledged Bulk payload
//                                                            on this connection arrived
//
// Ping's clock bit keeps mixed versions talking: a listener that predates it echoes the
// sequence in an 8-byte Pong (the dialer then has no clock sample), and a dialer that predates
// it never sets the bit, so it never receives a Pong longer than it expects.
//
// A connection carries payloads one way only: the dialer sends Message/Chunk/Ping after
// an accepted HelloAck, the listener only answers (HelloAck, Pong, BulkAck). The chunks of one
// payload travel in order (offset 0, then contiguous) within their lane; the two lanes
// (0 = Normal, 1 = Bulk) may interleave so heartbeats need not wait behind a snapshot.
enum class FrameType : quint8 {
    Hello = 1,
    HelloAck = 2,
    Message = 3,
    Chunk = 4,
    Ping = 5,
    Pong = 6,
    ClusterInfoRequest = 7,
    ClusterInfoResponse = 8,
    BulkAck = 9,
};

inline constexpr quint8 kProtocolVersion = 1;
inline constexpr quint64 kPingWantsClock = quint64(1) << 63;
inline constexpr qsizetype kFrameHeaderSize = 6;
// Payloads larger than this travel as Chunk frames of at most this many data bytes.
inline constexpr qsizetype kChunkSize = 256 * 1024;
// Room for the Chunk header (17 bytes) plus slack for future small fields.
inline constexpr qsizetype kMaxFrameBody = kChunkSize + 64;

bool isKnownFrameType(quint8 type);
const char *frameTypeName(FrameType type);

// One decoded frame: its type and raw body. Value type.
struct Frame
{
    FrameType type = FrameType::Message;
    QByteArray body;

    // Header plus body, ready to write. Pre: body.size() <= kMaxFrameBody.
    static QByteArray encode(FrameType type, const QByteArray &body = {});
    // Body of a Ping frame (or of a Pong without a clock), and its decoding (nullopt
    // unless exactly 8 bytes).
    static QByteArray encodeSequence(quint64 seq);
    static std::optional<quint64> decodeSequence(const QByteArray &body);
    // Body of a Pong frame: the Ping's sequence and, if the Ping asked, the listener's wall
    // clock. decodePong() takes 8 or 16 bytes, nothing else.
    struct Pong
    {
        quint64 seq = 0;
        std::optional<qint64> wallNs;
    };
    static QByteArray encodePong(const Pong &pong);
    static std::optional<Pong> decodePong(const QByteArray &body);
};

} // namespace transport
