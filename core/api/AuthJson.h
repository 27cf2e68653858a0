// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "auth/AuthPermissions.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QStringList>

#include <optional>

namespace auth {
struct AuthRole;
struct AuthUser;
} // namespace auth

namespace api {

// The JSON of etcd's v2 /v2/auth endpoints, both ways, in the shapes etcd
// 2.3 to 3.4 use (lists and GET of a user carry role objects, which is what
// etcdctl v2 of those versions requires; etcd 2.2 listed bare names). Reading follows Go's
// encoding/json as etcd uses it: the first JSON value of the body counts
// (trailing bytes are ignored), field names match case-insensitively,
// unknown fields are ignored, `null` leaves a field unset, and a value of
// the wrong type makes the whole body invalid. Writing is byte-compatible
// with etcd's json.Encoder output (field order, null vs [], escaping,
// trailing newline). Stateless.
class AuthJson
{
public:
    // PUT /v2/auth/users/<name>: {"user","password","roles","grant","revoke"}.
    struct UserRequest
    {
        QString user;
        QString password;
        std::optional<QStringList> roles; // nullopt: null or absent
        QStringList grant;
        QStringList revoke;
    };
    // PUT /v2/auth/roles/<name>: {"role","permissions":{"kv":{"read","write"}},"grant","revoke"}.
    struct RoleRequest
    {
        QString role;
        auth::AuthPermissions permissions;
        std::optional<auth::AuthPermissions> grant; // nullopt: null or absent
        std::optional<auth::AuthPermissions> revoke;
    };

    static std::optional<UserRequest> parseUser(const QByteArray &body);
    static std::optional<RoleRequest> parseRole(const QByteArray &body);

    // {"user":"alice","roles":["reader"]}: what a PUT answers (role names).
    static QByteArray user(const auth::AuthUser &user);
    // {"user":"alice","roles":[<role>...]}: what GET answers ("roles"
    // left out when there are none).
    static QByteArray userWithRoles(const QString &name, const QList<auth::AuthRole> &roles);
    // {"users":[<userWithRoles>...]}, or {"users":null} without users.
    static QByteArray userList(const QList<QPair<QString, QList<auth::AuthRole>>> &users);
    // {"roles":[<role>...]}.
    static QByteArray roleList(const QList<auth::AuthRole> &roles);
    // {"role":..,"permissions":{"kv":{"read":..,"write":..}}} and, when
    // given (a create echoes them), "grant" and "revoke" objects.
    static QByteArray role(const auth::AuthRole &role,
                           const std::optional<auth::AuthPermissions> &grant = std::nullopt,
                           const std::optional<auth::AuthPermissions> &revoke = std::nullopt);
    static QByteArray enabled(bool enabled);
};

} // namespace api
