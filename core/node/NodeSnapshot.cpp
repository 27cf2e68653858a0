// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "node/NodeSnapshot.h"

#include "store/DataStreamReader.h"

#include <QDataStream>
#include <QIODevice>

namespace node {

namespace {
constexpr quint32 kMagic = 0x51455453; // "QETS"
constexpr quint8 kVersionLong = 3;
constexpr quint8 kVersion = 2;
constexpr quint8 kVersionWithoutAuth = 1;
// Version 3's store length field: QDataStream's null array, which no earlier version accepts.
constexpr quint32 kLongLength = 0xffffffffu;
constexpr qsizetype kHeadBytes = 4 + 1 + 4;
constexpr qsizetype kLongTrailerBytes = 8;

bool knownVersion(quint8 version)
{
    return version == kVersionWithoutAuth || version == kVersion || version == kVersionLong;
}
} // namespace

QByteArray NodeSnapshot::encode(quint64 longFormFrom) const
{
    // Exactly what is written (three length-prefixed arrays): the image is as large as the
    // store, so growing by doubling would hold up to twice that (issue 15).
    const QByteArray after = tail(membership, auth, quint64(store.size()), longFormFrom);
    QByteArray out;
    out.reserve(kHeadBytes + store.size() + after.size());
    out.append(head(quint64(store.size()), longFormFrom));
    out.append(store);
    out.append(after);
    return out;
}

QByteArray NodeSnapshot::head(quint64 storeSize, quint64 longFormFrom)
{
    // QDataStream's layout (big endian): magic, version, then the store's array length.
    const bool longForm = storeSize >= longFormFrom;
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s.setVersion(QDataStream::Qt_6_4);
    s << kMagic << (longForm ? kVersionLong : kVersion)
      << (longForm ? kLongLength : quint32(storeSize));
    return out;
}

QByteArray NodeSnapshot::tail(const QByteArray &membership, const QByteArray &auth,
                              quint64 storeSize, quint64 longFormFrom)
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s.setVersion(QDataStream::Qt_6_4);
    s << membership << auth;
    if (storeSize >= longFormFrom)
        s << storeSize;
    return out;
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
    // QDataStream's layout (big endian), read in place: magic, version, then each part as a
    // byte array (a null one reads as empty). The version without auth has two parts.
    store::DataStreamReader r(bytes, QDataStream::BigEndian);
    const quint32 magic = r.number<quint32>();
    const quint8 version = r.number<quint8>();
    if (r.failed() || magic != kMagic || !knownVersion(version))
        return std::nullopt;
    View v;
    const auto readRest = [&v, version](store::DataStreamReader &rest) {
        v.membership = rest.bytes();
        if (version != kVersionWithoutAuth)
            v.auth = rest.bytes();
        return !rest.failed() && rest.atEnd();
    };
    if (version != kVersionLong) {
        v.store = r.bytes();
        return readRest(r) ? std::optional<View>(v) : std::nullopt;
    }
    // Version 3: the store's length is the image's last eight bytes.
    if (r.number<quint32>() != kLongLength || bytes.size() < kHeadBytes + kLongTrailerBytes)
        return std::nullopt;
    const quint64 storeSize =
        store::DataStreamReader(bytes.last(kLongTrailerBytes), QDataStream::BigEndian)
            .number<quint64>();
    if (storeSize > quint64(bytes.size() - kHeadBytes - kLongTrailerBytes))
        return std::nullopt;
    v.store = bytes.sliced(kHeadBytes, qsizetype(storeSize));
    store::DataStreamReader rest(
        bytes.sliced(kHeadBytes + qsizetype(storeSize)).chopped(kLongTrailerBytes),
        QDataStream::BigEndian);
    return readRest(rest) ? std::optional<View>(v) : std::nullopt;
}

std::optional<NodeSnapshot::Decoded> NodeSnapshot::read(store::DataStreamReader &r)
{
    // split()'s layout: the framing big endian, the store's image inside it little endian.
    r.setByteOrder(QDataStream::BigEndian);
    const quint32 magic = r.number<quint32>();
    const quint8 version = r.number<quint8>();
    const quint32 length = r.number<quint32>();
    if (r.failed() || magic != kMagic || !knownVersion(version) ||
        (length == kLongLength) != (version == kVersionLong))
        return std::nullopt;
    const qint64 storeAt = r.position();
    r.setByteOrder(QDataStream::LittleEndian);
    std::optional<store::StoreSnapshot::Decoded> decodedStore = store::StoreSnapshot::decode(r);
    // The store's image must fill its array exactly, as split() hands decode() just that.
    const quint64 storeSize = quint64(r.position() - storeAt);
    if (!decodedStore || (version != kVersionLong && storeSize != length))
        return std::nullopt;
    r.setByteOrder(QDataStream::BigEndian);
    Decoded d{std::move(*decodedStore), r.bytes().toByteArray(), {}};
    if (version != kVersionWithoutAuth)
        d.auth = r.bytes().toByteArray();
    if (version == kVersionLong && r.number<quint64>() != storeSize)
        return std::nullopt;
    if (r.failed() || !r.atEnd())
        return std::nullopt;
    return d;
}

} // namespace node
