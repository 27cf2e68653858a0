// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "node/WalMetadata.h"

#include <QDataStream>
#include <QIODevice>

namespace node {

QByteArray WalMetadata::encode() const
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    s.setVersion(QDataStream::Qt_6_4);
    s << quint8(1) << memberId << clusterId << initialMembership;
    return out;
}

std::optional<WalMetadata> WalMetadata::decode(const QByteArray &bytes)
{
    QDataStream s(bytes);
    s.setVersion(QDataStream::Qt_6_4);
    quint8 version = 0;
    WalMetadata m;
    s >> version >> m.memberId >> m.clusterId >> m.initialMembership;
    if (s.status() != QDataStream::Ok || version != 1 || m.memberId == 0)
        return std::nullopt;
    return m;
}

} // namespace node
