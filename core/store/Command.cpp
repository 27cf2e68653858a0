// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "store/Command.h"

#include <QDataStream>
#include <QIODevice>
#include <QtNumeric>

#include <limits>

namespace store {

namespace {
constexpr qint64 kMaxNs = std::numeric_limits<qint64>::max();
constexpr qint64 kNsPerSecond = 1000000000;

constexpr quint8 kVersion = 1;
constexpr quint8 kDir = 1, kRecursive = 2, kUnique = 4, kRefresh = 8;
constexpr quint8 kKnownFlags = kDir | kRecursive | kUnique | kRefresh;

void prepare(QDataStream &s)
{
    s.setVersion(QDataStream::Qt_6_4);
    s.setByteOrder(QDataStream::LittleEndian);
}

// nowNs + ttlNs for ttlNs >= 0, at most kMaxNs.
qint64 addClamped(qint64 nowNs, qint64 ttlNs)
{
    if (nowNs >= 0 && ttlNs > kMaxNs - nowNs)
        return kMaxNs;
    return nowNs + ttlNs;
}
} // namespace

std::optional<qint64> Command::ttlNs() const
{
    if (expirationNs == 0)
        return std::nullopt;
    if (expirationNs <= timeNs)
        return 0;
    // Both come off the wire: a difference beyond the range saturates.
    qint64 ttl = 0;
    if (qSubOverflow(expirationNs, timeNs, &ttl))
        return kMaxNs;
    return ttl;
}

void Command::restamp(qint64 nowNs)
{
    if (const std::optional<qint64> ttl = ttlNs())
        expirationNs = addClamped(nowNs, *ttl);
    timeNs = nowNs;
}

qint64 Command::expiryAfter(qint64 nowNs, quint64 ttlSeconds)
{
    const quint64 maxSeconds = quint64(kMaxNs / kNsPerSecond);
    return addClamped(nowNs, qint64(qMin(ttlSeconds, maxSeconds)) * kNsPerSecond);
}

QByteArray Command::encode() const
{
    QByteArray out;
    out.reserve(48 + path.size() + value.size() + prevValue.size());
    QDataStream s(&out, QIODevice::WriteOnly);
    prepare(s);
    const quint8 flags = (dir ? kDir : 0) | (recursive ? kRecursive : 0) | (unique ? kUnique : 0) |
                         (refresh ? kRefresh : 0);
    // QDataStream writes a QByteArray as u32 length + bytes (0xffffffff for a null one).
    s << kVersion << static_cast<quint8>(op) << flags << path.toUtf8() << value.toUtf8()
      << prevValue.toUtf8() << prevIndex << expirationNs << timeNs;
    return out;
}

std::optional<Command> Command::decode(const QByteArray &data)
{
    QDataStream s(data);
    prepare(s);
    quint8 version = 0, op = 0, flags = 0;
    s >> version >> op >> flags;
    if (s.status() != QDataStream::Ok || version != kVersion)
        return std::nullopt;
    if (op < static_cast<quint8>(Op::Set) || op > static_cast<quint8>(Op::Expire))
        return std::nullopt;
    if (flags & ~kKnownFlags)
        return std::nullopt;
    QByteArray path, value, prevValue;
    Command c;
    s >> path >> value >> prevValue >> c.prevIndex >> c.expirationNs >> c.timeNs;
    if (s.status() != QDataStream::Ok || !s.atEnd())
        return std::nullopt;
    c.op = static_cast<Op>(op);
    c.dir = flags & kDir;
    c.recursive = flags & kRecursive;
    c.unique = flags & kUnique;
    c.refresh = flags & kRefresh;
    c.path = QString::fromUtf8(path);
    c.value = QString::fromUtf8(value);
    c.prevValue = QString::fromUtf8(prevValue);
    return c;
}

} // namespace store
