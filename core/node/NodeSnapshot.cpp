// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "node/NodeSnapshot.h"

#include <QDataStream>
#include <QIODevice>
#include <QtEndian>

namespace node {

namespace {
constexpr quint32 kMagic = 0x51455453; // "QETS"
constexpr quint8 kVersion = 2;
constexpr quint8 kVersionWithoutAuth = 1;
} // namespace

QByteArray NodeSnapshot::encode() const
{
    QByteArray out;
    encode(&out);
    return out;
}

void NodeSnapshot::encode(QByteArray *out) const
{
    // Exactly what is written (three length-prefixed arrays): the image is as large as the
    // store, so growing by doubling would hold up to twice that (issue 15).
    out->resize(0); // keeps the capacity of a buffer nobody else shares
    out->reserve(5 + 3 * 4 + store.size() + membership.size() + auth.size());
    QDataStream s(out, QIODevice::WriteOnly);
    s.setVersion(QDataStream::Qt_6_4);
    s << kMagic << kVersion << store << membership << auth;
}

std::optional<NodeSnapshot> NodeSnapshot::decode(const QByteArray &bytes)
{
    const std::optional<View> parts = split(bytes);
    if (!parts)
        return std::nullopt;
    return NodeSnapshot{parts->store.toByteArray(), parts->membership.toByteArray(),
                        parts->auth.toByteArray()};
}

std::optional<NodeSnapshot::View> NodeSnapshot::split(QByteArrayView bytes)
{
    // QDataStream's layout (version Qt_6_4, big endian), read in place: magic, version, then
    // each part as a 32-bit length and its bytes (0xffffffff: a null array, read as empty).
    qsizetype at = 0;
    const auto take = [&](qsizetype n) -> const uchar * {
        if (n < 0 || n > bytes.size() - at)
            return nullptr;
        const uchar *p = reinterpret_cast<const uchar *>(bytes.data()) + at;
        at += n;
        return p;
    };
    const auto array = [&](QByteArrayView *out) {
        const uchar *len = take(4);
        if (!len)
            return false;
        const quint32 n = qFromBigEndian<quint32>(len);
        if (n == 0xffffffffu) {
            *out = {};
            return true;
        }
        const uchar *p = take(qsizetype(n));
        if (!p)
            return false;
        *out = QByteArrayView(p, qsizetype(n));
        return true;
    };
    const uchar *head = take(5);
    if (!head || qFromBigEndian<quint32>(head) != kMagic ||
        (head[4] != kVersion && head[4] != kVersionWithoutAuth))
        return std::nullopt;
    View v;
    if (!array(&v.store) || !array(&v.membership) || (head[4] == kVersion && !array(&v.auth)) ||
        at != bytes.size())
        return std::nullopt;
    return v;
}

} // namespace node
