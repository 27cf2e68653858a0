// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace admin {

// What /v2/auth answers, read into plain values for the access page:
// {"users":[{"user":"alice","roles":[{"role":"r",...}]}]} (etcd 2.3 to 3.4
// and qetcd give role objects; etcd 2.2 gave bare role names: both read),
// {"roles":[{"role":"r","permissions":{"kv":{"read":[..],"write":[..]}}}]}
// and {"enabled":true}. Lists are sorted by name. Pure; thread-safe.
struct AuthListing
{
    struct Role
    {
        QString name;
        QStringList read;
        QStringList write;
    };
    struct User
    {
        QString name;
        QStringList roles;
    };

    static QList<User> users(const QJsonObject &answer);
    static QList<Role> roles(const QJsonObject &answer);
    static Role role(const QJsonObject &answer);
    static bool enabled(const QJsonObject &answer);
};

} // namespace admin
