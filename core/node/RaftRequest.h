// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "store/Command.h"

#include <QByteArray>
#include <QStringList>

#include <optional>

namespace node {

// What one Normal Raft log entry carries: a store command, a member's
// published attributes (name and client URLs, as etcd publishes them after
// start), a member's new peer URLs, an auth change (an encoded AuthCommand,
// decoded when applied), or nothing (a no-op a new leader commits). `id` lets the member
// that proposed it find the waiting client when the entry is applied: the
// proposer's member id in the high bits keeps ids unique across members.
// Versioned binary; decode() never trusts its input.
struct RaftRequest
{
    enum class Kind : quint8 { Store = 1, Attributes = 2, Noop = 3, PeerUrls = 4, Auth = 5 };

    Kind kind = Kind::Noop;
    quint64 id = 0;
    store::Command command; // Store
    quint64 memberId = 0;   // Attributes, PeerUrls
    QString name;           // Attributes
    QStringList clientUrls; // Attributes
    QStringList peerUrls;   // PeerUrls (a member's new peer URLs)
    QByteArray auth;        // Auth (AuthCommand::encode())

    QByteArray encode() const;
    static std::optional<RaftRequest> decode(const QByteArray &bytes);
};

} // namespace node
