// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>

#include <optional>

namespace node {

// The metadata record at the head of a member's WAL: who this member is, in
// which cluster, and the membership it was bootstrapped with (the bootstrap
// ConfChange entries carry no member details). Format: QDataStream (Qt 6.4)
// of quint8 version (1), quint64 member id, quint64 cluster id, QByteArray
// membership JSON. Plain value.
struct WalMetadata
{
    quint64 memberId = 0;
    quint64 clusterId = 0;
    QByteArray initialMembership;

    QByteArray encode() const;
    // nullopt for anything but a version-1 record with a member id.
    static std::optional<WalMetadata> decode(const QByteArray &bytes);
};

} // namespace node
