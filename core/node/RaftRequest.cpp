// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "node/RaftRequest.h"

#include "auth/AuthWire.h"

#include <QDataStream>
#include <QIODevice>

namespace node {

namespace {
constexpr quint8 kVersion = 1;

// QDataStream's own QStringList format (a count, then each QString), read without its reader:
// Qt 6.4's reserves the count before reading any item (qdatastream.h,
// readArrayBasedContainer), so four hostile bytes in an entry would ask for up to 96 GiB. The
// count is checked against the bytes left instead (each string takes at least 4).
void readStringList(QDataStream &s, QStringList &list)
{
    list.clear();
    const quint32 n = auth::AuthWire::readCount(s, 4);
    for (quint32 i = 0; i < n && s.status() == QDataStream::Ok; ++i) {
        QString item;
        s >> item; // strings are read in bounded steps
        list.append(item);
    }
}
} // namespace

QByteArray RaftRequest::encode() const
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s.setVersion(QDataStream::Qt_6_4);
    s << kVersion << quint8(kind) << id;
    switch (kind) {
    case Kind::Store:
        s << command.encode();
        break;
    case Kind::Attributes:
        s << memberId << name << clientUrls;
        break;
    case Kind::PeerUrls:
        s << memberId << peerUrls;
        break;
    case Kind::Auth:
        s << auth;
        break;
    case Kind::Noop:
        break;
    }
    return out;
}

std::optional<RaftRequest> RaftRequest::decode(const QByteArray &bytes)
{
    QDataStream s(bytes);
    s.setVersion(QDataStream::Qt_6_4);
    quint8 version = 0, kind = 0;
    RaftRequest r;
    s >> version >> kind >> r.id;
    if (s.status() != QDataStream::Ok || version != kVersion)
        return std::nullopt;
    r.kind = Kind(kind);
    switch (r.kind) {
    case Kind::Store: {
        QByteArray payload;
        s >> payload;
        if (s.status() != QDataStream::Ok)
            return std::nullopt;
        auto command = store::Command::decode(payload);
        if (!command)
            return std::nullopt;
        r.command = *command;
        break;
    }
    case Kind::Attributes:
        s >> r.memberId >> r.name;
        readStringList(s, r.clientUrls);
        break;
    case Kind::PeerUrls:
        s >> r.memberId;
        readStringList(s, r.peerUrls);
        break;
    case Kind::Auth:
        s >> r.auth;
        break;
    case Kind::Noop:
        break;
    default:
        return std::nullopt;
    }
    if (s.status() != QDataStream::Ok)
        return std::nullopt;
    return r;
}

} // namespace node
