// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "transport/Frame.h"

#include <QtEndian>

namespace transport {

bool isKnownFrameType(quint8 type)
{
    return type >= quint8(FrameType::Hello) && type <= quint8(FrameType::BulkAck);
}

const char *frameTypeName(FrameType type)
{
    switch (type) {
    case FrameType::Hello:
        return "Hello";
    case FrameType::HelloAck:
        return "HelloAck";
    case FrameType::Message:
        return "Message";
    case FrameType::Chunk:
        return "Chunk";
    case FrameType::Ping:
        return "Ping";
    case FrameType::Pong:
        return "Pong";
    case FrameType::ClusterInfoRequest:
        return "ClusterInfoRequest";
    case FrameType::ClusterInfoResponse:
        return "ClusterInfoResponse";
    case FrameType::BulkAck:
        return "BulkAck";
    }
    return "unknown";
}

QByteArray Frame::encode(FrameType type, const QByteArray &body)
{
    Q_ASSERT(body.size() <= kMaxFrameBody);
    QByteArray out;
    out.reserve(kFrameHeaderSize + body.size());
    out.append(char(kProtocolVersion));
    out.append(char(type));
    char length[4];
    qToBigEndian<quint32>(quint32(body.size()), length);
    out.append(length, 4);
    out.append(body);
    return out;
}

QByteArray Frame::encodeSequence(quint64 seq)
{
    QByteArray out(8, Qt::Uninitialized);
    qToBigEndian<quint64>(seq, out.data());
    return out;
}

std::optional<quint64> Frame::decodeSequence(const QByteArray &body)
{
    if (body.size() != 8)
        return std::nullopt;
    return qFromBigEndian<quint64>(body.constData());
}

QByteArray Frame::encodePong(const Pong &pong)
{
    QByteArray out = encodeSequence(pong.seq);
    if (pong.wallNs) {
        out.resize(16);
        qToBigEndian<qint64>(*pong.wallNs, out.data() + 8);
    }
    return out;
}

std::optional<Frame::Pong> Frame::decodePong(const QByteArray &body)
{
    if (body.size() != 8 && body.size() != 16)
        return std::nullopt;
    Pong pong;
    pong.seq = qFromBigEndian<quint64>(body.constData());
    if (body.size() == 16)
        pong.wallNs = qFromBigEndian<qint64>(body.constData() + 8);
    return pong;
}

} // namespace transport
