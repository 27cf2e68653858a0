// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "auth/AuthRole.h"

namespace auth {

const QString AuthRole::kRootName = QStringLiteral("root");
const QString AuthRole::kGuestName = QStringLiteral("guest");

namespace {
AuthRole everything(const QString &name)
{
    AuthRole r;
    r.name = name;
    r.permissions.read = QStringList{QStringLiteral("/*")};
    r.permissions.write = QStringList{QStringLiteral("/*")};
    return r;
}
} // namespace

AuthRole AuthRole::root()
{
    return everything(kRootName);
}

AuthRole AuthRole::defaultGuest()
{
    return everything(kGuestName);
}

bool AuthRole::hasKeyAccess(const QString &key, bool write) const
{
    return name == kRootName || permissions.hasAccess(key, write);
}

bool AuthRole::hasRecursiveAccess(const QString &key, bool write) const
{
    return name == kRootName || permissions.hasRecursiveAccess(key, write);
}

} // namespace auth
