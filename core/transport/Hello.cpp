// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "transport/Hello.h"

#include <QDataStream>
#include <QIODevice>

namespace transport {

QByteArray Hello::encode() const
{
    QByteArray out;
    QDataStream stream(&out, QIODevice::WriteOnly);
    stream << clusterId << from << to;
    return out;
}

std::optional<Hello> Hello::decode(const QByteArray &body)
{
    QDataStream stream(body);
    Hello hello;
    stream >> hello.clusterId >> hello.from >> hello.to;
    if (stream.status() != QDataStream::Ok || !stream.atEnd())
        return std::nullopt;
    return hello;
}

} // namespace transport
