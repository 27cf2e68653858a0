// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "auth/AuthStore.h"

#include "auth/AuthWire.h"

#include <QIODevice>

namespace auth {

namespace {

constexpr quint32 kMagic = 0x51455441; // "QETA"
constexpr quint8 kVersion = 1;

using Status = AuthResult::Status;

AuthResult userResult(Status status, const AuthUser &user)
{
    AuthResult r;
    r.status = status;
    r.user = user;
    return r;
}

AuthResult roleResult(Status status, const AuthRole &role)
{
    AuthResult r;
    r.status = status;
    r.role = role;
    return r;
}

AuthResult done()
{
    return AuthResult{};
}

// etcd's attachRootRole.
void attachRootRole(AuthUser &u)
{
    if (u.name != AuthUser::kRootName || u.hasRole(AuthRole::kRootName))
        return;
    QStringList roles = u.roles.value_or(QStringList());
    roles.append(AuthRole::kRootName);
    u.roles = roles;
}

QString rootRoleIsFixed(const QString &name)
{
    return QStringLiteral("auth: Cannot modify role %1: is root role.").arg(name);
}

} // namespace

QStringList AuthStore::userNames() const
{
    QStringList names = m_users.keys();
    AuthPermissions::sortLikeGo(names);
    return names;
}

QStringList AuthStore::roleNames() const
{
    QStringList names = m_roles.keys();
    names.append(AuthRole::kRootName);
    AuthPermissions::sortLikeGo(names);
    return names;
}

std::optional<AuthUser> AuthStore::user(const QString &name) const
{
    const auto it = m_users.constFind(name);
    if (it == m_users.cend())
        return std::nullopt;
    AuthUser u = *it;
    attachRootRole(u);
    return u;
}

std::optional<AuthRole> AuthStore::role(const QString &name) const
{
    if (name == AuthRole::kRootName)
        return AuthRole::root();
    const auto it = m_roles.constFind(name);
    if (it == m_roles.cend())
        return std::nullopt;
    return *it;
}

bool AuthStore::check(const QString &user, const QString &password) const
{
    const auto it = m_users.constFind(user);
    return it != m_users.cend() && it->password.matches(password);
}

bool AuthStore::hasRootRole(const QString &name) const
{
    const std::optional<AuthUser> u = user(name);
    return u && u->hasRole(AuthRole::kRootName);
}

bool AuthStore::hasAccess(const std::optional<QString> &userName, const QString &key,
                          bool recursive, bool write) const
{
    if (!userName) {
        // Guests follow the users' rule: a recursive request needs a prefix
        // grant. etcd's hasGuestAccess ignores `recursive`, so there an exact
        // "/dir" grant opens the whole subtree to anonymous clients.
        const std::optional<AuthRole> guest = role(AuthRole::kGuestName);
        return guest && (recursive ? guest->hasRecursiveAccess(key, write)
                                   : guest->hasKeyAccess(key, write));
    }
    const std::optional<AuthUser> u = user(*userName);
    if (!u || !u->roles)
        return false;
    for (const QString &roleName : *u->roles) {
        const std::optional<AuthRole> r = role(roleName);
        if (!r)
            continue;
        if (recursive ? r->hasRecursiveAccess(key, write) : r->hasKeyAccess(key, write))
            return true;
    }
    return false;
}

AuthResult AuthStore::apply(const AuthCommand &c)
{
    using Op = AuthCommand::Op;
    switch (c.op) {
    case Op::CreateUser:
        return createUser(c, Status::Ok); // etcd answers 200 here, not 201
    case Op::CreateOrUpdateUser:
        return m_users.contains(c.name) ? updateUser(c) : createUser(c, Status::Created);
    case Op::UpdateUser:
        return updateUser(c);
    case Op::DeleteUser:
        return deleteUser(c.name);
    case Op::CreateRole:
        return createRole(c);
    case Op::UpdateRole:
        return updateRole(c);
    case Op::DeleteRole:
        return deleteRole(c.name);
    case Op::EnableAuth:
        return enable();
    case Op::DisableAuth:
        return disable();
    }
    return AuthResult::failure(Status::NotApplied, QStringLiteral("unknown auth operation"));
}

AuthResult AuthStore::createUser(const AuthCommand &c, AuthResult::Status success)
{
    if (c.password.isEmpty())
        return AuthResult::failure(
            Status::Invalid,
            QStringLiteral("auth: Cannot create user %1 with an empty password").arg(c.name));
    if (m_users.contains(c.name))
        return AuthResult::failure(Status::Conflict,
                                   QStringLiteral("auth: User %1 already exists.").arg(c.name));
    AuthUser u;
    u.name = c.name;
    u.password = c.password;
    u.roles = c.roles;
    attachRootRole(u);
    m_users.insert(u.name, u);
    return userResult(success, u);
}

AuthResult AuthStore::updateUser(const AuthCommand &c)
{
    const std::optional<AuthUser> old = user(c.name);
    if (!old)
        return AuthResult::failure(Status::NotFound,
                                   QStringLiteral("auth: User %1 does not exist.").arg(c.name));
    // etcd's User.merge: a new password replaces the hash; roles become a
    // sorted set after the grants and revokes.
    AuthUser merged = *old;
    if (!c.password.isEmpty())
        merged.password = c.password;
    QStringList roles = old->roles.value_or(QStringList());
    roles.removeDuplicates();
    for (const QString &g : c.grantRoles) {
        if (roles.contains(g))
            return AuthResult::failure(
                Status::Conflict,
                QStringLiteral("auth: Granting duplicate role %1 for user %2").arg(g, c.name));
        roles.append(g);
    }
    for (const QString &r : c.revokeRoles) {
        if (!roles.contains(r))
            return AuthResult::failure(
                Status::Conflict,
                QStringLiteral("auth: Revoking ungranted role %1 for user %2").arg(r, c.name));
        roles.removeAll(r);
    }
    AuthPermissions::sortLikeGo(roles);
    merged.roles = roles;
    if (merged == *old)
        return AuthResult::failure(
            Status::Invalid,
            QStringLiteral(
                "auth: User not updated. Use grant/revoke/password to update the user."));
    m_users.insert(merged.name, merged);
    return userResult(Status::Ok, merged);
}

AuthResult AuthStore::deleteUser(const QString &name)
{
    if (m_enabled && name == AuthUser::kRootName)
        return AuthResult::failure(
            Status::Forbidden,
            QStringLiteral("auth: Cannot delete root user while auth is enabled."));
    if (m_users.remove(name) == 0)
        return AuthResult::failure(Status::NotFound,
                                   QStringLiteral("auth: User %1 does not exist").arg(name));
    return done();
}

AuthResult AuthStore::createRole(const AuthCommand &c)
{
    if (c.name == AuthRole::kRootName)
        return AuthResult::failure(Status::Forbidden, rootRoleIsFixed(c.name));
    if (m_roles.contains(c.name))
        return AuthResult::failure(Status::Conflict,
                                   QStringLiteral("auth: Role %1 already exists.").arg(c.name));
    AuthRole r;
    r.name = c.name;
    r.permissions = c.permissions;
    m_roles.insert(r.name, r);
    return roleResult(Status::Created, r);
}

AuthResult AuthStore::updateRole(const AuthCommand &c)
{
    if (c.name == AuthRole::kRootName)
        return AuthResult::failure(Status::Forbidden, rootRoleIsFixed(c.name));
    const auto it = m_roles.constFind(c.name);
    if (it == m_roles.cend())
        return AuthResult::failure(Status::NotFound,
                                   QStringLiteral("auth: Role %1 does not exist.").arg(c.name));
    AuthRole merged = *it;
    if (c.grant) {
        QString error;
        const std::optional<AuthPermissions> granted = merged.permissions.granted(*c.grant, &error);
        if (!granted)
            return AuthResult::failure(Status::Conflict, error);
        merged.permissions = *granted;
    }
    if (c.revoke)
        merged.permissions = merged.permissions.revoked(*c.revoke);
    if (merged == *it)
        return AuthResult::failure(
            Status::Invalid,
            QStringLiteral("auth: Role not updated. Use grant/revoke to update the role."));
    m_roles.insert(merged.name, merged);
    return roleResult(Status::Ok, merged);
}

AuthResult AuthStore::deleteRole(const QString &name)
{
    if (name == AuthRole::kRootName)
        return AuthResult::failure(Status::Forbidden, rootRoleIsFixed(name));
    if (m_roles.remove(name) == 0)
        return AuthResult::failure(Status::NotFound,
                                   QStringLiteral("auth: Role %1 doesn't exist.").arg(name));
    return done();
}

AuthResult AuthStore::enable()
{
    if (m_enabled)
        return AuthResult::failure(Status::Conflict, QStringLiteral("auth: already enabled"));
    if (!m_users.contains(AuthUser::kRootName))
        return AuthResult::failure(
            Status::Conflict, QStringLiteral("auth: No root user available, please create one"));
    if (!m_roles.contains(AuthRole::kGuestName))
        m_roles.insert(AuthRole::kGuestName, AuthRole::defaultGuest());
    m_enabled = true;
    return done();
}

AuthResult AuthStore::disable()
{
    if (!m_enabled)
        return AuthResult::failure(Status::Conflict, QStringLiteral("auth: already disabled"));
    m_enabled = false;
    return done();
}

// Image: u32 magic "QETA" | u8 version(=1) | u8 enabled | u32 users
// { str name | hash password | optlist roles } | u32 roles { str name | perms }
// in AuthWire's encoding.
QByteArray AuthStore::save() const
{
    QByteArray out;
    QDataStream s(&out, QIODevice::WriteOnly);
    AuthWire::prepare(s);
    s << kMagic << kVersion << quint8(m_enabled ? 1 : 0) << quint32(m_users.size());
    for (const AuthUser &u : m_users) {
        s << u.name.toUtf8();
        AuthWire::write(s, u.password);
        AuthWire::write(s, u.roles);
    }
    s << quint32(m_roles.size());
    for (const AuthRole &r : m_roles) {
        s << r.name.toUtf8();
        AuthWire::write(s, r.permissions);
    }
    return out;
}

bool AuthStore::recover(const QByteArray &image)
{
    QDataStream s(image);
    AuthWire::prepare(s);
    quint32 magic = 0;
    quint8 version = 0, enabled = 0;
    s >> magic >> version >> enabled;
    if (s.status() != QDataStream::Ok || magic != kMagic || version != kVersion || enabled > 1)
        return false;
    QMap<QString, AuthUser> users;
    const quint32 userCount = AuthWire::readCount(s, 4);
    for (quint32 i = 0; i < userCount && s.status() == QDataStream::Ok; ++i) {
        AuthUser u;
        AuthWire::read(s, u.name);
        AuthWire::read(s, u.password);
        AuthWire::read(s, u.roles);
        users.insert(u.name, u);
    }
    QMap<QString, AuthRole> roles;
    const quint32 roleCount = AuthWire::readCount(s, 4);
    for (quint32 i = 0; i < roleCount && s.status() == QDataStream::Ok; ++i) {
        AuthRole r;
        AuthWire::read(s, r.name);
        AuthWire::read(s, r.permissions);
        roles.insert(r.name, r);
    }
    if (s.status() != QDataStream::Ok || !s.atEnd() || users.size() != qsizetype(userCount) ||
        roles.size() != qsizetype(roleCount) || roles.contains(AuthRole::kRootName))
        return false;
    m_users = users;
    m_roles = roles;
    m_enabled = enabled == 1;
    return true;
}

} // namespace auth
