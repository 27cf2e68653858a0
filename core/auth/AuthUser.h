// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "auth/PasswordHash.h"

#include <QStringList>

#include <optional>

namespace auth {

// One v2 auth user: a name, a password hash and the names of its roles.
// `roles` keeps etcd's distinction between JSON null (nullopt) and an empty
// list, because the JSON etcd answers shows it. Role names need not name an
// existing role (etcd does not check); access checks skip unknown ones.
// Plain value.
struct AuthUser
{
    static const QString kRootName; // "root"

    QString name;
    PasswordHash password;
    std::optional<QStringList> roles;

    bool hasRole(const QString &role) const { return roles && roles->contains(role); }

    bool operator==(const AuthUser &o) const
    {
        return name == o.name && password == o.password && roles == o.roles;
    }
    bool operator!=(const AuthUser &o) const { return !(*this == o); }
};

} // namespace auth
