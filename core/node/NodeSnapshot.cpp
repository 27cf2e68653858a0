// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "node/NodeSnapshot.h"

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
    out->resize(0); // keeps the capacity of a buffer nobody else shares
    out->reserve(5 + 3 * 4 + store.size() + membership.size() + auth.size());
    QDataStream s(out, QIODevice::WriteOnly);
    s.setVersion(QDataStream::Qt_6_4);
    s << kMagic << kVersion << store << membership << auth;
}

std::optional<NodeSnapshot> NodeSnapshot::decode(const QByteArray &bytes)
{
    QDataStream s(bytes);
    s.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0;
    quint8 version = 0;
    NodeSnapshot snap;
    s >> magic >> version;
    if (s.status() != QDataStream::Ok || magic != kMagic ||
        (version != kVersion && version != kVersionWithoutAuth))
        return std::nullopt;
    s >> snap.store >> snap.membership;
    if (version == kVersion)
        s >> snap.auth;
    if (s.status() != QDataStream::Ok || !s.atEnd())
        return std::nullopt;
    return snap;
}

} // namespace node
