// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "transport/HelloAck.h"

#include <QDataStream>
#include <QIODevice>

namespace transport {

const char *helloStatusName(HelloStatus status)
{
    switch (status) {
    case HelloStatus::Accepted:
        return "accepted";
    case HelloStatus::ClusterMismatch:
        return "cluster id mismatch";
    case HelloStatus::WrongMember:
        return "wrong member";
    case HelloStatus::UnknownMember:
        return "unknown member";
    case HelloStatus::NotReady:
        return "cluster id not known yet";
    case HelloStatus::CertificateRefused:
        return "certificate refused";
    case HelloStatus::TooManyConnections:
        return "too many connections from this member";
    }
    return "unknown status";
}

QByteArray HelloAck::encode() const
{
    QByteArray out;
    QDataStream stream(&out, QIODevice::WriteOnly);
    stream << quint8(status) << clusterId;
    return out;
}

std::optional<HelloAck> HelloAck::decode(const QByteArray &body)
{
    QDataStream stream(body);
    quint8 status = 0;
    HelloAck ack;
    stream >> status >> ack.clusterId;
    if (stream.status() != QDataStream::Ok || !stream.atEnd() ||
        status > quint8(HelloStatus::TooManyConnections))
        return std::nullopt;
    ack.status = HelloStatus(status);
    return ack;
}

} // namespace transport
