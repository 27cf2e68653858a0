// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// AuthStore as a pure state machine: etcd 2.2's v2 auth rules for users,
// roles, grants and revokes, prefix permissions, the guest and root rules,
// enable/disable preconditions, and the binary forms (commands, snapshot
// image) against garbage.
#include "auth/AuthStore.h"

#include <QRandomGenerator>
#include <QTest>

using Op = auth::AuthCommand::Op;
using Status = auth::AuthResult::Status;

namespace {

// One iteration keeps the tests fast; the iteration count is part of the hash.
auth::PasswordHash hashOf(const QString &password)
{
    return auth::PasswordHash::derive(password, QByteArrayLiteral("salt-") + password.toUtf8(), 1);
}

auth::AuthCommand userCommand(Op op, const QString &name, const QString &password = {},
                              std::optional<QStringList> roles = std::nullopt)
{
    auth::AuthCommand c;
    c.op = op;
    c.name = name;
    if (!password.isEmpty())
        c.password = hashOf(password);
    c.roles = std::move(roles);
    return c;
}

auth::AuthCommand grantRoles(const QString &name, const QStringList &grant,
                             const QStringList &revoke = {})
{
    auth::AuthCommand c;
    c.op = Op::UpdateUser;
    c.name = name;
    c.grantRoles = grant;
    c.revokeRoles = revoke;
    return c;
}

auth::AuthCommand roleCommand(Op op, const QString &name)
{
    auth::AuthCommand c;
    c.op = op;
    c.name = name;
    return c;
}

auth::AuthPermissions perms(std::optional<QStringList> read, std::optional<QStringList> write)
{
    auth::AuthPermissions p;
    p.read = std::move(read);
    p.write = std::move(write);
    return p;
}

auth::AuthCommand grantPerms(const QString &name, std::optional<auth::AuthPermissions> grant,
                             std::optional<auth::AuthPermissions> revoke = std::nullopt)
{
    auth::AuthCommand c = roleCommand(Op::UpdateRole, name);
    c.grant = std::move(grant);
    c.revoke = std::move(revoke);
    return c;
}

auth::AuthCommand simple(Op op)
{
    auth::AuthCommand c;
    c.op = op;
    return c;
}

// A store with root (password "rootpw") and alice ("pw", role reader).
auth::AuthStore populated()
{
    auth::AuthStore s;
    s.apply(userCommand(Op::CreateOrUpdateUser, QStringLiteral("root"), QStringLiteral("rootpw")));
    s.apply(userCommand(Op::CreateOrUpdateUser, QStringLiteral("alice"), QStringLiteral("pw")));
    s.apply(roleCommand(Op::CreateRole, QStringLiteral("reader")));
    s.apply(grantPerms(QStringLiteral("reader"), perms(QStringList{QStringLiteral("/pub/*")},
                                                       QStringList{QStringLiteral("/pub/w")})));
    s.apply(grantRoles(QStringLiteral("alice"), {QStringLiteral("reader")}));
    return s;
}

} // namespace

class TestAuthStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void patternMatching_data();
    void patternMatching();
    void passwordHash();
    void createUsers();
    void rootUserAlwaysHasRootRole();
    void updateUsers_data();
    void updateUsers();
    void passwordChange();
    void deleteUsers();
    void roles_data();
    void roles();
    void roleListsKeepNullUntilChanged();
    void enableDisable();
    void guestRoleKeptIfPresent();
    void access_data();
    void access();
    void guestRecursiveNeedsPrefixGrant();
    void commandRoundTrip();
    void commandGarbage();
    void snapshotRoundTrip();
    void snapshotGarbage();
};

void TestAuthStore::patternMatching_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("plain");
    QTest::addColumn<bool>("recursive");

    QTest::newRow("exact key") << "/a/b"
                               << "/a/b" << true << false;
    QTest::newRow("exact key, other key") << "/a/b"
                                          << "/a/bc" << false << false;
    QTest::newRow("prefix covers child") << "/pub/*"
                                         << "/pub/k" << true << true;
    QTest::newRow("prefix covers dir with slash") << "/pub/*"
                                                  << "/pub/" << true << true;
    // Keys reach the check clean, so the directory itself comes without its slash.
    QTest::newRow("prefix covers the dir itself") << "/pub/*"
                                                  << "/pub" << true << true;
    QTest::newRow("prefix misses a sibling") << "/pub/*"
                                             << "/pubx" << false << false;
    QTest::newRow("prefix misses the parent") << "/pub/*"
                                              << "/" << false << false;
    QTest::newRow("prefix is textual") << "/pu*"
                                       << "/pub/k" << true << true;
    QTest::newRow("all keys") << "/*"
                              << "/anything/deep" << true << true;
    QTest::newRow("all keys, root dir") << "/*"
                                        << "/" << true << true;
    QTest::newRow("all keys, empty key") << "/*"
                                         << "" << false << false;
    QTest::newRow("star only") << "*"
                               << "" << true << true;
    QTest::newRow("empty pattern") << ""
                                   << "" << false << false;
}

void TestAuthStore::patternMatching()
{
    QFETCH(QString, pattern);
    QFETCH(QString, key);
    QFETCH(bool, plain);
    QFETCH(bool, recursive);
    for (bool write : {false, true}) {
        auth::AuthPermissions p;
        (write ? p.write : p.read) = QStringList{pattern};
        QCOMPARE(p.hasAccess(key, write), plain);
        QCOMPARE(p.hasRecursiveAccess(key, write), recursive);
        // The other list grants nothing.
        QVERIFY(!p.hasAccess(key, !write));
        QVERIFY(!p.hasRecursiveAccess(key, !write));
    }
}

void TestAuthStore::passwordHash()
{
    const auth::PasswordHash h =
        auth::PasswordHash::derive(QStringLiteral("s3cret"), QByteArrayLiteral("salt"), 3);
    QCOMPARE(h.key.size(), auth::PasswordHash::kKeyLength);
    QVERIFY(h.matches(QStringLiteral("s3cret")));
    QVERIFY(!h.matches(QStringLiteral("s3cre")));
    QVERIFY(!h.matches(QString()));
    // Salt and iterations change the key.
    QVERIFY(
        auth::PasswordHash::derive(QStringLiteral("s3cret"), QByteArrayLiteral("salu"), 3).key !=
        h.key);
    QVERIFY(
        auth::PasswordHash::derive(QStringLiteral("s3cret"), QByteArrayLiteral("salt"), 4).key !=
        h.key);
    QVERIFY(!auth::PasswordHash().matches(QString()));
    auth::PasswordHash absurd = h;
    absurd.iterations = auth::PasswordHash::kMaxIterations + 1;
    QVERIFY(!absurd.isWellFormed());
    QVERIFY(!absurd.matches(QStringLiteral("s3cret")));
}

void TestAuthStore::createUsers()
{
    auth::AuthStore s;
    // PUT without roles creates (201)...
    auth::AuthResult r =
        s.apply(userCommand(Op::CreateOrUpdateUser, QStringLiteral("alice"), QStringLiteral("pw")));
    QCOMPARE(r.status, Status::Created);
    QCOMPARE(r.user->name, QStringLiteral("alice"));
    QVERIFY(!r.user->roles); // "roles": null
    // ...PUT with roles creates with 200, and fails if the user exists.
    r = s.apply(userCommand(Op::CreateUser, QStringLiteral("bob"), QStringLiteral("pw"),
                            QStringList{QStringLiteral("b"), QStringLiteral("a")}));
    QCOMPARE(r.status, Status::Ok);
    QCOMPARE(*r.user->roles, (QStringList{QStringLiteral("b"), QStringLiteral("a")})); // as sent
    r = s.apply(userCommand(Op::CreateUser, QStringLiteral("bob"), QStringLiteral("pw"),
                            QStringList{QStringLiteral("a")}));
    QCOMPARE(r.status, Status::Conflict);
    QCOMPARE(r.message, QStringLiteral("auth: User bob already exists."));
    // An empty password is refused before anything else.
    r = s.apply(userCommand(Op::CreateOrUpdateUser, QStringLiteral("carl")));
    QCOMPARE(r.status, Status::Invalid);
    QCOMPARE(r.message, QStringLiteral("auth: Cannot create user carl with an empty password"));
    QVERIFY(!s.user(QStringLiteral("carl")));

    QCOMPARE(s.userNames(), (QStringList{QStringLiteral("alice"), QStringLiteral("bob")}));
    QVERIFY(s.check(QStringLiteral("alice"), QStringLiteral("pw")));
    QVERIFY(!s.check(QStringLiteral("alice"), QStringLiteral("pw ")));
    QVERIFY(!s.check(QStringLiteral("nobody"), QStringLiteral("pw")));
}

void TestAuthStore::rootUserAlwaysHasRootRole()
{
    auth::AuthStore s;
    auth::AuthResult r =
        s.apply(userCommand(Op::CreateOrUpdateUser, QStringLiteral("root"), QStringLiteral("pw")));
    QCOMPARE(r.status, Status::Created);
    QCOMPARE(*r.user->roles, QStringList{QStringLiteral("root")});
    QVERIFY(s.hasRootRole(QStringLiteral("root")));
    // Revoking it is accepted and echoed, yet the root user keeps the role.
    r = s.apply(grantRoles(QStringLiteral("root"), {}, {QStringLiteral("root")}));
    QCOMPARE(r.status, Status::Ok);
    QCOMPARE(*r.user->roles, QStringList());
    QCOMPARE(*s.user(QStringLiteral("root"))->roles, QStringList{QStringLiteral("root")});
    QVERIFY(s.hasRootRole(QStringLiteral("root")));
    // Others get root powers only by being granted the root role.
    s.apply(userCommand(Op::CreateOrUpdateUser, QStringLiteral("alice"), QStringLiteral("pw")));
    QVERIFY(!s.hasRootRole(QStringLiteral("alice")));
    s.apply(grantRoles(QStringLiteral("alice"), {QStringLiteral("root")}));
    QVERIFY(s.hasRootRole(QStringLiteral("alice")));
    QVERIFY(s.hasAccess(QStringLiteral("alice"), QStringLiteral("/any"), true, true));
}

void TestAuthStore::updateUsers_data()
{
    QTest::addColumn<QStringList>("grant");
    QTest::addColumn<QStringList>("revoke");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QStringList>("roles");

    // alice starts with roles ["reader"].
    QTest::newRow("grant") << QStringList{"w", "a"} << QStringList{} << int(Status::Ok) << QString()
                           << QStringList{"a", "reader", "w"};
    QTest::newRow("grant duplicate")
        << QStringList{"reader"} << QStringList{} << int(Status::Conflict)
        << "auth: Granting duplicate role reader for user alice" << QStringList{"reader"};
    QTest::newRow("grant twice in one request")
        << QStringList{"x", "x"} << QStringList{} << int(Status::Conflict)
        << "auth: Granting duplicate role x for user alice" << QStringList{"reader"};
    QTest::newRow("revoke") << QStringList{} << QStringList{"reader"} << int(Status::Ok)
                            << QString() << QStringList{};
    QTest::newRow("revoke ungranted")
        << QStringList{} << QStringList{"zzz"} << int(Status::Conflict)
        << "auth: Revoking ungranted role zzz for user alice" << QStringList{"reader"};
    QTest::newRow("grant then revoke same")
        << QStringList{"x"} << QStringList{"x"} << int(Status::Invalid)
        << "auth: User not updated. Use grant/revoke/password "
           "to update the user."
        << QStringList{"reader"};
}

void TestAuthStore::updateUsers()
{
    QFETCH(QStringList, grant);
    QFETCH(QStringList, revoke);
    QFETCH(int, status);
    QFETCH(QString, message);
    QFETCH(QStringList, roles);

    auth::AuthStore s = populated();
    const auth::AuthResult r = s.apply(grantRoles(QStringLiteral("alice"), grant, revoke));
    QCOMPARE(int(r.status), status);
    QCOMPARE(r.message, message);
    if (r.ok())
        QCOMPARE(*r.user->roles, roles);
    QCOMPARE(*s.user(QStringLiteral("alice"))->roles, roles);
    QVERIFY(s.check(QStringLiteral("alice"), QStringLiteral("pw")));

    const auth::AuthResult missing = s.apply(grantRoles(QStringLiteral("nobody"), grant, revoke));
    QCOMPARE(missing.status, Status::NotFound);
    QCOMPARE(missing.message, QStringLiteral("auth: User nobody does not exist."));
}

void TestAuthStore::passwordChange()
{
    auth::AuthStore s;
    s.apply(userCommand(Op::CreateOrUpdateUser, QStringLiteral("alice"), QStringLiteral("pw")));
    // A password-less PUT of a user created with "roles": null turns the
    // roles into [] (etcd's merge), so it counts as an update once...
    auth::AuthResult r = s.apply(userCommand(Op::CreateOrUpdateUser, QStringLiteral("alice")));
    QCOMPARE(r.status, Status::Ok);
    QCOMPARE(r.user->roles, std::optional<QStringList>(QStringList()));
    // ...and then changes nothing.
    r = s.apply(userCommand(Op::CreateOrUpdateUser, QStringLiteral("alice")));
    QCOMPARE(r.status, Status::Invalid);
    QCOMPARE(
        r.message,
        QStringLiteral("auth: User not updated. Use grant/revoke/password to update the user."));
    // A new password always updates (a fresh salt), and only the new one works.
    r = s.apply(
        userCommand(Op::CreateOrUpdateUser, QStringLiteral("alice"), QStringLiteral("pw2")));
    QCOMPARE(r.status, Status::Ok);
    QVERIFY(s.check(QStringLiteral("alice"), QStringLiteral("pw2")));
    QVERIFY(!s.check(QStringLiteral("alice"), QStringLiteral("pw")));
    // Grant/revoke may carry a password too.
    auth::AuthCommand both = grantRoles(QStringLiteral("alice"), {QStringLiteral("r")});
    both.password = hashOf(QStringLiteral("pw3"));
    QCOMPARE(s.apply(both).status, Status::Ok);
    QVERIFY(s.check(QStringLiteral("alice"), QStringLiteral("pw3")));
}

void TestAuthStore::deleteUsers()
{
    auth::AuthStore s = populated();
    auth::AuthResult r = s.apply(userCommand(Op::DeleteUser, QStringLiteral("nobody")));
    QCOMPARE(r.status, Status::NotFound);
    QCOMPARE(r.message, QStringLiteral("auth: User nobody does not exist"));
    QCOMPARE(s.apply(simple(Op::EnableAuth)).status, Status::Ok);
    r = s.apply(userCommand(Op::DeleteUser, QStringLiteral("root")));
    QCOMPARE(r.status, Status::Forbidden);
    QCOMPARE(r.message, QStringLiteral("auth: Cannot delete root user while auth is enabled."));
    QCOMPARE(s.apply(userCommand(Op::DeleteUser, QStringLiteral("alice"))).status, Status::Ok);
    QCOMPARE(s.apply(simple(Op::DisableAuth)).status, Status::Ok);
    QCOMPARE(s.apply(userCommand(Op::DeleteUser, QStringLiteral("root"))).status, Status::Ok);
    QCOMPARE(s.userNames(), QStringList());
}

void TestAuthStore::roles_data()
{
    QTest::addColumn<auth::AuthCommand>("command");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QStringList>("read"); // reader's lists afterwards
    QTest::addColumn<QStringList>("write");

    const QStringList pub{"/pub/*"};
    const QStringList pubW{"/pub/w"};
    QTest::newRow("create root") << roleCommand(Op::CreateRole, "root") << int(Status::Forbidden)
                                 << "auth: Cannot modify role root: is root role." << pub << pubW;
    QTest::newRow("update root") << grantPerms("root", perms(QStringList{"/x"}, {}))
                                 << int(Status::Forbidden)
                                 << "auth: Cannot modify role root: is root role." << pub << pubW;
    QTest::newRow("delete root") << roleCommand(Op::DeleteRole, "root") << int(Status::Forbidden)
                                 << "auth: Cannot modify role root: is root role." << pub << pubW;
    QTest::newRow("create existing")
        << roleCommand(Op::CreateRole, "reader") << int(Status::Conflict)
        << "auth: Role reader already exists." << pub << pubW;
    QTest::newRow("update missing")
        << grantPerms("nope", perms(QStringList{"/x"}, {})) << int(Status::NotFound)
        << "auth: Role nope does not exist." << pub << pubW;
    QTest::newRow("delete missing") << roleCommand(Op::DeleteRole, "nope") << int(Status::NotFound)
                                    << "auth: Role nope doesn't exist." << pub << pubW;
    QTest::newRow("grant sorted") << grantPerms("reader", perms(QStringList{"/b", "/a"}, {}))
                                  << int(Status::Ok) << QString()
                                  << QStringList{"/a", "/b", "/pub/*"} << pubW;
    QTest::newRow("grant duplicate read")
        << grantPerms("reader", perms(QStringList{"/x", "/pub/*"}, QStringList{"/y"}))
        << int(Status::Conflict) << "auth: Granting duplicate read permission /pub/*" << pub
        << pubW;
    QTest::newRow("grant duplicate write")
        << grantPerms("reader", perms({}, QStringList{"/pub/w"})) << int(Status::Conflict)
        << "auth: Granting duplicate write permission /pub/w" << pub << pubW;
    QTest::newRow("revoke") << grantPerms("reader", std::nullopt, perms(pub, {})) << int(Status::Ok)
                            << QString() << QStringList{} << pubW;
    QTest::newRow("revoke ungranted is ignored")
        << grantPerms("reader", std::nullopt, perms(QStringList{"/zz"}, {})) << int(Status::Invalid)
        << "auth: Role not updated. Use grant/revoke to update the role." << pub << pubW;
    QTest::newRow("grant and revoke")
        << grantPerms("reader", perms(QStringList{"/x"}, {}), perms(pub, pubW)) << int(Status::Ok)
        << QString() << QStringList{"/x"} << QStringList{};
}

void TestAuthStore::roles()
{
    QFETCH(auth::AuthCommand, command);
    QFETCH(int, status);
    QFETCH(QString, message);
    QFETCH(QStringList, read);
    QFETCH(QStringList, write);

    auth::AuthStore s = populated();
    const auth::AuthResult r = s.apply(command);
    QCOMPARE(int(r.status), status);
    QCOMPARE(r.message, message);
    const auth::AuthRole reader = *s.role(QStringLiteral("reader"));
    QCOMPARE(reader.permissions.read.value_or(QStringList()), read);
    QCOMPARE(reader.permissions.write.value_or(QStringList()), write);
    if (command.op == Op::UpdateRole && r.ok())
        QCOMPARE(*r.role, reader);
    // root is built in and never changes.
    QCOMPARE(*s.role(QStringLiteral("root")), auth::AuthRole::root());
    QVERIFY(s.roleNames().contains(QStringLiteral("root")));
}

void TestAuthStore::roleListsKeepNullUntilChanged()
{
    auth::AuthStore s;
    auth::AuthResult r = s.apply(roleCommand(Op::CreateRole, QStringLiteral("r")));
    QCOMPARE(r.status, Status::Created);
    QVERIFY(!r.role->permissions.read && !r.role->permissions.write);
    // Given lists are kept as sent, order and all.
    auth::AuthCommand rw = roleCommand(Op::CreateRole, QStringLiteral("rw"));
    rw.permissions = perms(QStringList{QStringLiteral("/b"), QStringLiteral("/a")}, QStringList());
    QCOMPARE(s.apply(rw).status, Status::Created);
    QCOMPARE(*s.role(QStringLiteral("rw"))->permissions.read,
             (QStringList{QStringLiteral("/b"), QStringLiteral("/a")}));
    // A revoke of nothing still rebuilds the lists (sorted): that is a change.
    r = s.apply(grantPerms(QStringLiteral("rw"), std::nullopt,
                           perms(QStringList{QStringLiteral("/zz")}, {})));
    QCOMPARE(r.status, Status::Ok);
    QCOMPARE(*r.role->permissions.read, (QStringList{QStringLiteral("/a"), QStringLiteral("/b")}));
    QCOMPARE(r.role->permissions.write, std::optional<QStringList>(QStringList()));
    // Deleting works once.
    QCOMPARE(s.apply(roleCommand(Op::DeleteRole, QStringLiteral("rw"))).status, Status::Ok);
    QCOMPARE(s.roleNames(), (QStringList{QStringLiteral("r"), QStringLiteral("root")}));
}

void TestAuthStore::enableDisable()
{
    auth::AuthStore s;
    QVERIFY(!s.isEnabled());
    auth::AuthResult r = s.apply(simple(Op::DisableAuth));
    QCOMPARE(r.status, Status::Conflict);
    QCOMPARE(r.message, QStringLiteral("auth: already disabled"));
    r = s.apply(simple(Op::EnableAuth));
    QCOMPARE(r.status, Status::Conflict);
    QCOMPARE(r.message, QStringLiteral("auth: No root user available, please create one"));
    QVERIFY(!s.isEnabled());
    QVERIFY(!s.role(QStringLiteral("guest")));

    s.apply(userCommand(Op::CreateOrUpdateUser, QStringLiteral("root"), QStringLiteral("pw")));
    QCOMPARE(s.apply(simple(Op::EnableAuth)).status, Status::Ok);
    QVERIFY(s.isEnabled());
    // The guest role appears with full access, and stays after disabling.
    QCOMPARE(*s.role(QStringLiteral("guest")), auth::AuthRole::defaultGuest());
    r = s.apply(simple(Op::EnableAuth));
    QCOMPARE(r.status, Status::Conflict);
    QCOMPARE(r.message, QStringLiteral("auth: already enabled"));
    QCOMPARE(s.apply(simple(Op::DisableAuth)).status, Status::Ok);
    QVERIFY(!s.isEnabled());
    QCOMPARE(s.roleNames(), (QStringList{QStringLiteral("guest"), QStringLiteral("root")}));
}

void TestAuthStore::guestRoleKeptIfPresent()
{
    auth::AuthStore s;
    s.apply(userCommand(Op::CreateOrUpdateUser, QStringLiteral("root"), QStringLiteral("pw")));
    auth::AuthCommand guest = roleCommand(Op::CreateRole, QStringLiteral("guest"));
    guest.permissions = perms(QStringList{QStringLiteral("/pub/*")}, std::nullopt);
    s.apply(guest);
    s.apply(simple(Op::EnableAuth));
    QVERIFY(s.hasAccess(std::nullopt, QStringLiteral("/pub/k"), false, false));
    QVERIFY(!s.hasAccess(std::nullopt, QStringLiteral("/pub/k"), false, true));
    QVERIFY(!s.hasAccess(std::nullopt, QStringLiteral("/other"), false, false));
    // Without a guest role anonymous requests get nothing.
    s.apply(roleCommand(Op::DeleteRole, QStringLiteral("guest")));
    QVERIFY(!s.hasAccess(std::nullopt, QStringLiteral("/pub/k"), false, false));
}

void TestAuthStore::access_data()
{
    QTest::addColumn<QString>("user"); // empty: anonymous
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("recursive");
    QTest::addColumn<bool>("write");
    QTest::addColumn<bool>("allowed");

    // alice: reader (read /pub/*, write /pub/w) and an unknown role "ghost".
    // guest: read /pub/* only (set up below).
    QTest::newRow("alice reads below /pub") << "alice"
                                            << "/pub/k" << false << false << true;
    QTest::newRow("alice reads /pub/ recursively") << "alice"
                                                   << "/pub/" << true << false << true;
    QTest::newRow("alice /pub recursively: /pub/* covers the dir")
        << "alice"
        << "/pub" << true << false << true;
    QTest::newRow("alice not / recursively") << "alice"
                                             << "/" << true << false << false;
    QTest::newRow("alice writes /pub/w") << "alice"
                                         << "/pub/w" << false << true << true;
    QTest::newRow("alice no recursive write on exact key") << "alice"
                                                           << "/pub/w" << true << true << false;
    QTest::newRow("alice writes not /pub/x") << "alice"
                                             << "/pub/x" << false << true << false;
    QTest::newRow("alice reads not /secret") << "alice"
                                             << "/secret" << false << false << false;
    QTest::newRow("root anything") << "root"
                                   << "/secret" << true << true << true;
    QTest::newRow("unknown user") << "nobody"
                                  << "/pub/k" << false << false << false;
    QTest::newRow("guest reads /pub/k") << ""
                                        << "/pub/k" << false << false << true;
    QTest::newRow("guest recursive on a prefix grant") << ""
                                                       << "/pub/" << true << false << true;
    QTest::newRow("guest cannot write") << ""
                                        << "/pub/k" << false << true << false;
    QTest::newRow("guest not elsewhere") << ""
                                         << "/other" << false << false << false;
}

void TestAuthStore::access()
{
    QFETCH(QString, user);
    QFETCH(QString, key);
    QFETCH(bool, recursive);
    QFETCH(bool, write);
    QFETCH(bool, allowed);

    auth::AuthStore s = populated();
    s.apply(grantRoles(QStringLiteral("alice"), {QStringLiteral("ghost")}));
    auth::AuthCommand guest = roleCommand(Op::CreateRole, QStringLiteral("guest"));
    guest.permissions = perms(QStringList{QStringLiteral("/pub/*")}, std::nullopt);
    s.apply(guest);
    const std::optional<QString> who = user.isEmpty() ? std::nullopt : std::optional<QString>(user);
    QCOMPARE(s.hasAccess(who, key, recursive, write), allowed);
}

void TestAuthStore::guestRecursiveNeedsPrefixGrant()
{
    // etcd lets an exact guest grant cover the whole subtree of a recursive
    // request; guests follow the users' rule here.
    auth::AuthStore s = populated();
    auth::AuthCommand guest = roleCommand(Op::CreateRole, QStringLiteral("guest"));
    guest.permissions =
        perms(QStringList{QStringLiteral("/dir")}, QStringList{QStringLiteral("/dir")});
    s.apply(guest);
    QVERIFY(s.hasAccess(std::nullopt, QStringLiteral("/dir"), false, false));
    QVERIFY(s.hasAccess(std::nullopt, QStringLiteral("/dir"), false, true));
    QVERIFY(!s.hasAccess(std::nullopt, QStringLiteral("/dir"), true, false));
    QVERIFY(!s.hasAccess(std::nullopt, QStringLiteral("/dir"), true, true));
}

void TestAuthStore::commandRoundTrip()
{
    auth::AuthCommand c =
        userCommand(Op::CreateUser, QStringLiteral("al\u00efce"), QStringLiteral("pw"),
                    QStringList{QStringLiteral("a"), QString()});
    c.grantRoles = {QStringLiteral("g")};
    c.revokeRoles = {QStringLiteral("r1"), QStringLiteral("r2")};
    c.permissions = perms(QStringList(), std::nullopt);
    c.grant = perms(QStringList{QStringLiteral("/x/*")}, QStringList{QStringLiteral("/y")});
    const std::optional<auth::AuthCommand> back = auth::AuthCommand::decode(c.encode());
    QVERIFY(back);
    QCOMPARE(*back, c);
    QVERIFY(!back->revoke);
    QVERIFY(back->permissions.read && back->permissions.read->isEmpty());
    QVERIFY(!back->permissions.write);
    // Every op survives.
    for (quint8 op = quint8(Op::CreateUser); op <= quint8(Op::DisableAuth); ++op) {
        auth::AuthCommand o = simple(Op(op));
        QCOMPARE(auth::AuthCommand::decode(o.encode()), std::optional<auth::AuthCommand>(o));
    }
}

void TestAuthStore::commandGarbage()
{
    auth::AuthCommand c = userCommand(Op::CreateUser, QStringLiteral("alice"), QStringLiteral("pw"),
                                      QStringList{QStringLiteral("a")});
    c.grant = perms(QStringList{QStringLiteral("/x")}, QStringList());
    const QByteArray good = c.encode();
    // Every truncation and an extra byte are refused.
    for (qsizetype n = 0; n < good.size(); ++n)
        QVERIFY2(!auth::AuthCommand::decode(good.left(n)), qPrintable(QString::number(n)));
    QVERIFY(!auth::AuthCommand::decode(good + '\0'));
    // Unknown version and op.
    QByteArray bad = good;
    bad[0] = 2;
    QVERIFY(!auth::AuthCommand::decode(bad));
    bad = good;
    bad[1] = 0;
    QVERIFY(!auth::AuthCommand::decode(bad));
    bad[1] = 10;
    QVERIFY(!auth::AuthCommand::decode(bad));
    // A list claiming four billion entries fails without trying to hold them.
    QByteArray huge;
    {
        QDataStream s(&huge, QIODevice::WriteOnly);
        s.setByteOrder(QDataStream::LittleEndian);
        s << quint8(1) << quint8(Op::CreateUser) << QByteArray("x") << QByteArray() << quint32(0)
          << QByteArray() << quint8(1) << quint32(0xffffffff);
    }
    QVERIFY(!auth::AuthCommand::decode(huge));
    // A password hash with absurd iterations would make checks hang: refused.
    auth::AuthCommand slow = c;
    slow.password.iterations = auth::PasswordHash::kMaxIterations + 1;
    QVERIFY(!auth::AuthCommand::decode(slow.encode()));
    // Random bytes and random flips never crash.
    QRandomGenerator rng(42);
    for (int i = 0; i < 2000; ++i) {
        QByteArray noise = good;
        for (int k = 0; k < 1 + i % 4; ++k)
            noise[rng.bounded(int(noise.size()))] = char(rng.generate());
        (void)auth::AuthCommand::decode(noise);
        QByteArray random(rng.bounded(64), Qt::Uninitialized);
        for (char &ch : random)
            ch = char(rng.generate());
        (void)auth::AuthCommand::decode(random);
    }
}

void TestAuthStore::snapshotRoundTrip()
{
    auth::AuthStore s = populated();
    s.apply(simple(Op::EnableAuth));
    auth::AuthStore copy;
    QVERIFY(copy.recover(s.save()));
    QVERIFY(copy.isEnabled());
    QCOMPARE(copy.userNames(), s.userNames());
    QCOMPARE(copy.roleNames(), s.roleNames());
    QCOMPARE(*copy.user(QStringLiteral("alice")), *s.user(QStringLiteral("alice")));
    QCOMPARE(*copy.role(QStringLiteral("reader")), *s.role(QStringLiteral("reader")));
    QCOMPARE(*copy.role(QStringLiteral("guest")), auth::AuthRole::defaultGuest());
    QVERIFY(copy.check(QStringLiteral("root"), QStringLiteral("rootpw")));
    QCOMPARE(copy.save(), s.save());
    // An empty store round-trips too.
    auth::AuthStore empty;
    QVERIFY(copy.recover(empty.save()));
    QVERIFY(!copy.isEnabled());
    QVERIFY(copy.userNames().isEmpty());
}

void TestAuthStore::snapshotGarbage()
{
    auth::AuthStore s = populated();
    const QByteArray good = s.save();
    auth::AuthStore target = populated();
    target.apply(simple(Op::EnableAuth));
    const QByteArray before = target.save();
    for (qsizetype n = 0; n < good.size(); ++n)
        QVERIFY(!target.recover(good.left(n)));
    QVERIFY(!target.recover(good + 'x'));
    QRandomGenerator rng(7);
    for (int i = 0; i < 2000; ++i) {
        QByteArray noise = good;
        noise[8 + rng.bounded(int(noise.size()) - 8)] = char(rng.generate());
        auth::AuthStore scratch;
        (void)scratch.recover(noise);
    }
    // Failed recoveries left the state alone.
    QCOMPARE(target.save(), before);
}

QTEST_APPLESS_MAIN(TestAuthStore)
#include "tst_authstore.moc"
