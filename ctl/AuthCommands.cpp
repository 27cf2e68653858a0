// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "ctl/AuthCommands.h"

#include "ctl/Invocation.h"

#include "client/Client.h"
#include "client/GoText.h"

namespace ctl {

namespace {

[[noreturn]] void failWith(const client::Error &e)
{
    Invocation::fail(Invocation::BadArgs, e.toString());
}

// etcdctl's mustNewAuth*API: the usual client, and under --debug one more
// Cluster-Endpoints line.
client::Client *authClient(Invocation &inv)
{
    client::Client *c = inv.client();
    if (inv.debug()) {
        QStringList list;
        for (const QUrl &u : c->endpoints())
            list.append(u.toString());
        Invocation::err(
            QStringLiteral("Cluster-Endpoints: %1\n").arg(list.join(QStringLiteral(", "))));
    }
    return c;
}

client::Reply *run(Invocation &inv, client::Reply *reply)
{
    inv.await(reply);
    return reply;
}

QString userArgument(Invocation &inv)
{
    if (inv.args().size() != 1)
        Invocation::fail(Invocation::BadArgs, Invocation::tr("Please provide a username"));
    return inv.args().first();
}

QString roleArgument(Invocation &inv)
{
    if (inv.args().size() != 1)
        Invocation::fail(Invocation::BadArgs, Invocation::tr("Please provide a role name"));
    return inv.args().first();
}

void noArguments(Invocation &inv)
{
    if (!inv.args().isEmpty())
        Invocation::fail(Invocation::BadArgs, Invocation::tr("No arguments accepted"));
}

int listNames(Invocation &inv, bool users)
{
    noArguments(inv);
    client::Client *c = authClient(inv);
    client::Reply *r = run(inv, users ? c->listUsers() : c->listRoles());
    if (r->error())
        failWith(r->error());
    QString o;
    for (const QString &n : r->names())
        o += n + QLatin1Char('\n');
    Invocation::out(o);
    return Invocation::Success;
}

int userAdd(Invocation &inv)
{
    const QString arg = userArgument(inv);
    client::Client *c = authClient(inv);
    const int colon = arg.indexOf(QLatin1Char(':'));
    const QString name = colon < 0 ? arg : arg.left(colon);
    const QString password =
        colon < 0 ? Invocation::askPassword(Invocation::tr("New password: ")) : arg.mid(colon + 1);
    client::Reply *r = run(inv, c->addUser(name, password));
    if (r->error())
        failWith(r->error());
    Invocation::out(Invocation::tr("User %1 created\n").arg(name));
    return Invocation::Success;
}

int userRemove(Invocation &inv)
{
    const QString name = userArgument(inv);
    client::Reply *r = run(inv, authClient(inv)->removeUser(name));
    if (r->error())
        failWith(r->error());
    Invocation::out(Invocation::tr("User %1 removed\n").arg(name));
    return Invocation::Success;
}

int userGet(Invocation &inv)
{
    const QString name = userArgument(inv);
    client::Reply *r = run(inv, authClient(inv)->getUser(name));
    if (r->error())
        failWith(r->error());
    const client::AuthUser u = r->user();
    QStringList roles = u.roles;
    if (u.rolesWereObjects) {
        // etcdctl 3.4 decodes role objects into empty names first, then
        // appends the real names: reproduce its output.
        for (int i = 0; i < u.roles.size(); ++i)
            roles.prepend(QString());
    }
    Invocation::out(
        QStringLiteral("User: %1\nRoles: %2\n").arg(u.name, roles.join(QLatin1Char(' '))));
    return Invocation::Success;
}

int userPasswd(Invocation &inv)
{
    const QString name = userArgument(inv);
    client::Client *c = authClient(inv);
    client::Reply *current = run(inv, c->getUser(name));
    if (current->error())
        failWith(current->error());
    const QString password = Invocation::askPassword(Invocation::tr("New password: "));
    client::Reply *r = run(inv, c->changePassword(name, password));
    if (r->error())
        failWith(r->error());
    Invocation::out(Invocation::tr("Password updated\n"));
    return Invocation::Success;
}

int userGrantRevoke(Invocation &inv, bool grant)
{
    const QStringList roles = inv.flags().sliceValue(QStringLiteral("roles"));
    if (roles.isEmpty())
        Invocation::fail(Invocation::BadArgs,
                         Invocation::tr("No roles specified; please use `--roles`"));
    const QString name = userArgument(inv);
    client::Client *c = authClient(inv);
    client::Reply *current = run(inv, c->getUser(name));
    if (current->error())
        failWith(current->error());
    client::Reply *r =
        run(inv, grant ? c->grantUserRoles(name, roles) : c->revokeUserRoles(name, roles));
    if (r->error())
        failWith(r->error());
    Invocation::out(Invocation::tr("User %1 updated\n").arg(name));
    return Invocation::Success;
}

int roleAdd(Invocation &inv)
{
    const QString name = roleArgument(inv);
    client::Client *c = authClient(inv);
    client::Reply *current = run(inv, c->getRole(name));
    if (!current->error())
        Invocation::fail(Invocation::BadArgs, Invocation::tr("Role %1 already exists").arg(name));
    client::Reply *r = run(inv, c->addRole(name));
    if (r->error())
        failWith(r->error());
    Invocation::out(Invocation::tr("Role %1 created\n").arg(name));
    return Invocation::Success;
}

int roleRemove(Invocation &inv)
{
    const QString name = roleArgument(inv);
    client::Reply *r = run(inv, authClient(inv)->removeRole(name));
    if (r->error())
        failWith(r->error());
    Invocation::out(Invocation::tr("Role %1 removed\n").arg(name));
    return Invocation::Success;
}

int roleGet(Invocation &inv)
{
    const QString name = roleArgument(inv);
    client::Reply *r = run(inv, authClient(inv)->getRole(name));
    if (r->error())
        failWith(r->error());
    const client::AuthRole role = r->role();
    QString o = QStringLiteral("Role: %1\nKV Read:\n").arg(role.name);
    for (const QString &p : role.read)
        o += QLatin1Char('\t') + p + QLatin1Char('\n');
    o += QStringLiteral("KV Write:\n");
    for (const QString &p : role.write)
        o += QLatin1Char('\t') + p + QLatin1Char('\n');
    Invocation::out(o);
    return Invocation::Success;
}

int roleGrantRevoke(Invocation &inv, bool grant)
{
    const QString path = inv.flags().stringValue(QStringLiteral("path"));
    if (path.isEmpty())
        Invocation::fail(Invocation::BadArgs,
                         Invocation::tr("No path specified; please use `--path`"));
    const QString canonical = client::go::canonicalPath(path);
    if (canonical != path)
        Invocation::fail(
            Invocation::BadArgs,
            Invocation::tr("Not canonical path; please use `--path=%1`").arg(canonical));
    const bool read = inv.flags().boolValue(QStringLiteral("read"));
    const bool write = inv.flags().boolValue(QStringLiteral("write"));
    const bool rw = inv.flags().boolValue(QStringLiteral("readwrite"));
    if (int(read) + int(write) + int(rw) != 1)
        Invocation::fail(
            Invocation::BadArgs,
            Invocation::tr("Please specify exactly one of --read, --write or --readwrite"));
    const QString name = roleArgument(inv);
    client::Client *c = authClient(inv);
    client::Reply *current = run(inv, c->getRole(name));
    if (current->error())
        failWith(current->error());
    const QStringList readPaths = read || rw ? QStringList{path} : QStringList();
    const QStringList writePaths = write || rw ? QStringList{path} : QStringList();
    client::Reply *r = run(inv, grant ? c->grantRolePermissions(name, readPaths, writePaths)
                                      : c->revokeRolePermissions(name, readPaths, writePaths));
    if (r->error())
        failWith(r->error());
    if (r->json() == current->json())
        Invocation::out(grant ? Invocation::tr("Role unchanged; already granted")
                              : Invocation::tr("Role unchanged; already revoked"));
    Invocation::out(Invocation::tr("Role %1 updated\n").arg(name));
    return Invocation::Success;
}

int authEnableDisable(Invocation &inv, bool enable)
{
    noArguments(inv);
    client::Client *c = authClient(inv);
    client::Reply *r = run(inv, enable ? c->enableAuth() : c->disableAuth());
    if (r->error())
        failWith(r->error());
    Invocation::out(enable ? Invocation::tr("Authentication Enabled\n")
                           : Invocation::tr("Authentication Disabled\n"));
    return Invocation::Success;
}

Command sub(const QString &name, const QString &usage, const QString &argsUsage,
            std::function<int(Invocation &)> action, QList<Flag> flags = {})
{
    Command c;
    c.names = {name};
    c.usage = usage;
    c.argsUsage = argsUsage;
    c.action = std::move(action);
    c.flags = std::move(flags);
    return c;
}

QList<Flag> permissionFlags(bool grant)
{
    return {Flag::string({QStringLiteral("path")},
                         grant ? Invocation::tr("Path granted for the role to access")
                               : Invocation::tr("Path revoked for the role to access")),
            Flag::boolean({QStringLiteral("read")}, grant ? Invocation::tr("Grant read-only access")
                                                          : Invocation::tr("Revoke read access")),
            Flag::boolean({QStringLiteral("write")}, grant
                                                         ? Invocation::tr("Grant write-only access")
                                                         : Invocation::tr("Revoke write access")),
            Flag::boolean({QStringLiteral("readwrite"), QStringLiteral("rw")},
                          grant ? Invocation::tr("Grant read-write access")
                                : Invocation::tr("Revoke read-write access"))};
}

} // namespace

Command userCommand()
{
    const QList<Flag> roles{Flag::stringSlice({QStringLiteral("roles")},
                                              Invocation::tr("List of roles to grant or revoke"))};
    Command c;
    c.names = {QStringLiteral("user")};
    c.usage = Invocation::tr("user add, grant and revoke subcommands");
    c.subcommands = {
        sub(QStringLiteral("add"), Invocation::tr("add a new user for the etcd cluster"),
            QStringLiteral("<user>"), userAdd),
        sub(QStringLiteral("get"), Invocation::tr("get details for a user"),
            QStringLiteral("<user>"), userGet),
        sub(QStringLiteral("list"), Invocation::tr("list all current users"),
            QStringLiteral("<user>"), [](Invocation &inv) { return listNames(inv, true); }),
        sub(QStringLiteral("remove"), Invocation::tr("remove a user for the etcd cluster"),
            QStringLiteral("<user>"), userRemove),
        sub(
            QStringLiteral("grant"), Invocation::tr("grant roles to an etcd user"),
            QStringLiteral("<user>"), [](Invocation &inv) { return userGrantRevoke(inv, true); },
            roles),
        sub(
            QStringLiteral("revoke"), Invocation::tr("revoke roles for an etcd user"),
            QStringLiteral("<user>"), [](Invocation &inv) { return userGrantRevoke(inv, false); },
            roles),
        sub(QStringLiteral("passwd"), Invocation::tr("change password for a user"),
            QStringLiteral("<user>"), userPasswd),
    };
    return c;
}

Command roleCommand()
{
    Command c;
    c.names = {QStringLiteral("role")};
    c.usage = Invocation::tr("role add, grant and revoke subcommands");
    c.subcommands = {
        sub(QStringLiteral("add"), Invocation::tr("add a new role for the etcd cluster"),
            QStringLiteral("<role> "), roleAdd),
        sub(QStringLiteral("get"), Invocation::tr("get details for a role"),
            QStringLiteral("<role>"), roleGet),
        sub(QStringLiteral("list"), Invocation::tr("list all roles"), QStringLiteral(" "),
            [](Invocation &inv) { return listNames(inv, false); }),
        sub(QStringLiteral("remove"), Invocation::tr("remove a role from the etcd cluster"),
            QStringLiteral("<role>"), roleRemove),
        sub(
            QStringLiteral("grant"), Invocation::tr("grant path matches to an etcd role"),
            QStringLiteral("<role>"), [](Invocation &inv) { return roleGrantRevoke(inv, true); },
            permissionFlags(true)),
        sub(
            QStringLiteral("revoke"), Invocation::tr("revoke path matches for an etcd role"),
            QStringLiteral("<role>"), [](Invocation &inv) { return roleGrantRevoke(inv, false); },
            permissionFlags(false)),
    };
    return c;
}

Command authCommand()
{
    Command c;
    c.names = {QStringLiteral("auth")};
    c.usage = Invocation::tr("overall auth controls");
    c.subcommands = {
        sub(QStringLiteral("enable"), Invocation::tr("enable auth access controls"),
            QStringLiteral(" "), [](Invocation &inv) { return authEnableDisable(inv, true); }),
        sub(QStringLiteral("disable"), Invocation::tr("disable auth access controls"),
            QStringLiteral(" "), [](Invocation &inv) { return authEnableDisable(inv, false); }),
    };
    return c;
}

} // namespace ctl
