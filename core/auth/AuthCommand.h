// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "auth/AuthPermissions.h"
#include "auth/PasswordHash.h"

#include <QByteArray>
#include <QStringList>

#include <optional>

namespace auth {

// One replicated change of the auth state: the api builds it from a request
// (hashing any password first, so the command carries salt and key and
// every member stores the same bytes), consensus orders it, and every
// member applies it with AuthStore::apply. Whether it succeeds is decided at
// apply time from the state then, so concurrent changes serialize the way
// etcd's would.
//
// Wire format (encode/decode): QDataStream, Qt 6.4, little endian:
//   u8 version(=1) | u8 op | str name | hash password | optlist roles
//   | list grantRoles | list revokeRoles | perms permissions
//   | optperms grant | optperms revoke
// str = QByteArray of UTF-8; list = u32 count + str each; optlist = u8
// present + list; perms = optlist read + optlist write; optperms = u8
// present + perms; hash = bytes salt + u32 iterations + bytes key.
// decode() rejects anything else, including trailing bytes.
struct AuthCommand
{
    enum class Op : quint8 {
        CreateUser = 1,     // PUT user with roles: fails if the user exists
        CreateOrUpdateUser, // PUT user without roles/grant/revoke: create, or change the password
        UpdateUser,         // PUT user with grant/revoke (and maybe a password)
        DeleteUser,
        CreateRole, // PUT role without grant/revoke
        UpdateRole, // PUT role with grant/revoke
        DeleteRole,
        EnableAuth,
        DisableAuth
    };

    Op op = Op::EnableAuth;
    QString name;                          // the user or role
    PasswordHash password;                 // user ops; empty: none given
    std::optional<QStringList> roles;      // CreateUser, CreateOrUpdateUser (as sent)
    QStringList grantRoles;                // UpdateUser
    QStringList revokeRoles;               // UpdateUser
    AuthPermissions permissions;           // CreateRole (as sent)
    std::optional<AuthPermissions> grant;  // UpdateRole (nullopt: not sent)
    std::optional<AuthPermissions> revoke; // UpdateRole (nullopt: not sent)

    QByteArray encode() const;
    static std::optional<AuthCommand> decode(const QByteArray &bytes); // never crashes on garbage

    bool operator==(const AuthCommand &o) const
    {
        return op == o.op && name == o.name && password == o.password && roles == o.roles &&
               grantRoles == o.grantRoles && revokeRoles == o.revokeRoles &&
               permissions == o.permissions && grant == o.grant && revoke == o.revoke;
    }
    bool operator!=(const AuthCommand &o) const { return !(*this == o); }
};

} // namespace auth
