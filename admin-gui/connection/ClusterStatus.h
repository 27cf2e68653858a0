// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QString>
#include <QUrl>

namespace admin {

// What the status bar shows about the connection: the member that answered
// last, the leader, the cluster id and the highest X-Etcd-Index seen.
// Plain value type, published by ClusterConnection.
struct ClusterStatus
{
    enum class State { Disconnected, Connecting, Connected, Failed };

    State state = State::Disconnected;
    QString profileName;
    QUrl member;
    QString leaderId;
    QString leaderName;
    QString clusterId;
    quint64 etcdIndex = 0;
    QString lastError; // empty while the cluster answers
};

} // namespace admin
