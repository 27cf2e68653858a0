// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QStringList>

#include <optional>

namespace auth {

// The key-value permissions of one v2 auth role: key paths it may read and
// write, each either an exact key or a prefix ending in '*'. Lists keep
// etcd's distinction between JSON null (nullopt: as a role was created
// without them) and an empty list, because the JSON etcd answers shows it.
// Matching follows etcd's v2 auth: a plain access needs an exact key or a
// prefix pattern covering it; a recursive access needs a prefix pattern.
// Plain value.
struct AuthPermissions
{
    std::optional<QStringList> read;
    std::optional<QStringList> write;

    bool isEmpty() const;
    bool hasAccess(const QString &key, bool write) const;
    bool hasRecursiveAccess(const QString &key, bool write) const;

    // etcd's Grant/Revoke: the lists rebuilt as sorted sets (so never null
    // afterwards). Granting a pattern already present fails with the
    // message set in *error; revoking one that is absent is ignored.
    std::optional<AuthPermissions> granted(const AuthPermissions &more, QString *error) const;
    AuthPermissions revoked(const AuthPermissions &less) const;

    bool operator==(const AuthPermissions &o) const { return read == o.read && write == o.write; }
    bool operator!=(const AuthPermissions &o) const { return !(*this == o); }

    // Sorts by UTF-8 bytes, as Go's sort.Strings does.
    static void sortLikeGo(QStringList &list);
};

} // namespace auth
