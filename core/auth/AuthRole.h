// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "auth/AuthPermissions.h"

#include <QString>

namespace auth {

// One v2 auth role: a name and its key-value permissions. The `root` role is
// built in (all keys, read and write, and the right to manage auth and
// membership); `guest` is an ordinary role that covers anonymous requests.
// Plain value.
struct AuthRole
{
    static const QString kRootName;  // "root"
    static const QString kGuestName; // "guest"

    QString name;
    AuthPermissions permissions;

    // The built-in root role and the guest role etcd creates on enable:
    // both read ["/*"] and write ["/*"].
    static AuthRole root();
    static AuthRole defaultGuest();

    // etcd's HasKeyAccess / HasRecursiveAccess: root may do anything.
    bool hasKeyAccess(const QString &key, bool write) const;
    bool hasRecursiveAccess(const QString &key, bool write) const;

    bool operator==(const AuthRole &o) const
    {
        return name == o.name && permissions == o.permissions;
    }
    bool operator!=(const AuthRole &o) const { return !(*this == o); }
};

} // namespace auth
