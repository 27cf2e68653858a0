// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "client/Member.h"

#include <QJsonObject>
#include <QString>

namespace admin {

// What the cluster page knows about one member: its entry in /v2/members,
// the answer of its /health, and its /v2/stats/self. Plain value type.
struct MemberRow
{
    enum class Health { Unknown, Healthy, Unhealthy, Unreachable };

    client::Member member;
    Health health = Health::Unknown;
    QString healthDetail;
    QJsonObject selfStats; // empty until the member answered
    qint64 uptimeSeconds = -1;
};

} // namespace admin
