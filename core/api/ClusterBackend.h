// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "api/ClusterTypes.h"

#include <QList>
#include <QStringList>

#include <functional>

namespace api {

// What the members API (/v2/members, /v2/machines, /health and the cluster
// headers) needs from the member it runs on. Owner's thread; callbacks are
// called exactly once, possibly before the call returns.
class ClusterBackend
{
public:
    virtual ~ClusterBackend() = default;

    virtual quint64 clusterId() const = 0;
    virtual quint64 memberId() const = 0;
    virtual quint64 leaderId() const = 0; // 0 while there is none
    virtual RaftPosition raftPosition() const = 0;
    virtual QList<MemberInfo> members() const = 0;
    virtual bool healthy() const = 0;

    using MemberCallback = std::function<void(const MemberChangeResult &)>;
    virtual void addMember(const QStringList &peerUrls, MemberCallback done) = 0;
    virtual void removeMember(quint64 id, MemberCallback done) = 0;
    virtual void updateMember(quint64 id, const QStringList &peerUrls, MemberCallback done) = 0;
};

} // namespace api
