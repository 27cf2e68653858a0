// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "node/NodeSnapshot.h"

#include "store/DataStreamReader.h"

#include <QDataStream>
#include <QIODevice>

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
    const QByteArray after = tail(membership, auth);
    out->resize(0); // keeps the capacity of a buffer nobody else shares
    out->reserve(5 + 4 + store.size() + after.size());
    out->append(head(quint32(store.size())));
    out->append(store);
    out->append(after);
}

QByteArray NodeSnapshot::head(quint32 storeSize)
{
    // QDataStream's layout (big endian): magic, version, then the store's array length.
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s.setVersion(QDataStream::Qt_6_4);
    s << kMagic << kVersion << storeSize;
    return out;
}

QByteArray NodeSnapshot::tail(const QByteArray &membership, const QByteArray &auth)
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s.setVersion(QDataStream::Qt_6_4);
    s << membership << auth;
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
    if (r.failed() || magic != kMagic || (version != kVersion && version != kVersionWithoutAuth))
        return std::nullopt;
    View v;
    v.store = r.bytes();
    v.membership = r.bytes();
    if (version == kVersion)
        v.auth = r.bytes();
    if (r.failed() || !r.atEnd())
        return std::nullopt;
    return v;
}

std::optional<NodeSnapshot::Decoded> NodeSnapshot::read(store::DataStreamReader &r)
{
    // split()'s layout: the framing big endian, the store's image inside it little endian.
    r.setByteOrder(QDataStream::BigEndian);
    const quint32 magic = r.number<quint32>();
    const quint8 version = r.number<quint8>();
    const quint32 storeSize = r.number<quint32>();
    if (r.failed() || magic != kMagic || (version != kVersion && version != kVersionWithoutAuth) ||
        storeSize == 0xffffffffu)
        return std::nullopt;
    const qint64 storeAt = r.position();
    r.setByteOrder(QDataStream::LittleEndian);
    std::optional<store::StoreSnapshot::Decoded> decodedStore = store::StoreSnapshot::decode(r);
    // The store's image must fill its array exactly, as split() hands decode() just that.
    if (!decodedStore || r.position() != storeAt + qint64(storeSize))
        return std::nullopt;
    r.setByteOrder(QDataStream::BigEndian);
    Decoded d{std::move(*decodedStore), r.bytes().toByteArray(), {}};
    if (version == kVersion)
        d.auth = r.bytes().toByteArray();
    if (r.failed() || !r.atEnd())
        return std::nullopt;
    return d;
}

} // namespace node
