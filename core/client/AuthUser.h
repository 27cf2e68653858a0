// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QJsonObject>
#include <QStringList>

namespace client {

// A user of v2 authentication and the names of its roles. Servers answer in
// two shapes: roles as names (etcd 2.2) or as role objects (etcd 3.x); both
// are read. Plain value type.
class AuthUser
{
public:
    QString name;
    QStringList roles;
    // The server sent role objects rather than names. etcdctl 3.4 prints such
    // users with an empty role name per object first; ctl reproduces that.
    bool rolesWereObjects = false;

    static AuthUser fromJson(const QJsonObject &object);
    // {"users":[...]} with names or user objects.
    static QStringList namesFromList(const QJsonObject &object);
};

} // namespace client
