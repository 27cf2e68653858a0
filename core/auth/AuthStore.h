// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "auth/AuthCommand.h"
#include "auth/AuthResult.h"
#include "auth/AuthRole.h"
#include "auth/AuthUser.h"

#include <QHash>
#include <QMap>

namespace auth {

// The v2 authentication state of the cluster: users, roles and whether auth
// is enabled, changed only through replicated AuthCommands so that every
// member holds the same state. The rules are etcd 2.2's v2 auth: the `root`
// user must exist before auth can be enabled and always carries the
// built-in `root` role (all access; cannot be changed or deleted), the
// `guest` role (created with full access on enable if missing) covers
// anonymous requests, permissions are key paths or prefixes ending in '*'.
//
// Pure: no clock, no I/O (password verification is computation). Owned by
// the member; one thread. Queries do not look at isEnabled(): callers decide
// whether checks apply.
class AuthStore
{
public:
    bool isEnabled() const { return m_enabled; }

    // Sorted like etcd (by UTF-8 bytes); roles include the built-in root.
    QStringList userNames() const;
    QStringList roleNames() const;
    // The root user always shows the root role, as etcd attaches it on read.
    std::optional<AuthUser> user(const QString &name) const;
    // "root" is the built-in role.
    std::optional<AuthRole> role(const QString &name) const;

    // The user exists and `password` is theirs. Runs the password hash
    // (bcrypt: tens of milliseconds), so never on the member's thread: the
    // api asks CredentialVerifier, which runs it on its own pool and caches.
    bool check(const QString &user, const QString &password) const;
    // The user exists and has the root role (checks no password).
    bool hasRootRole(const QString &user) const;
    // etcd's key access rule for `key` (the path after /v2/keys). A user
    // (already authenticated by the caller) is allowed if any of their
    // existing roles allows it; nullopt stands for an anonymous request,
    // allowed by the guest role's non-recursive match only, as in etcd.
    bool hasAccess(const std::optional<QString> &user, const QString &key, bool recursive,
                   bool write) const;

    AuthResult apply(const AuthCommand &command);

    // Snapshot image. recover() replaces the whole state, or leaves it
    // untouched and returns false if `image` is not one save() wrote.
    QByteArray save() const;
    bool recover(const QByteArray &image);

private:
    AuthResult createUser(const AuthCommand &c, AuthResult::Status success);
    AuthResult updateUser(const AuthCommand &c);
    AuthResult deleteUser(const QString &name);
    AuthResult createRole(const AuthCommand &c);
    AuthResult updateRole(const AuthCommand &c);
    AuthResult deleteRole(const QString &name);
    AuthResult enable();
    AuthResult disable();

    QMap<QString, AuthUser> m_users;
    QMap<QString, AuthRole> m_roles; // never holds "root"
    bool m_enabled = false;
};

} // namespace auth
