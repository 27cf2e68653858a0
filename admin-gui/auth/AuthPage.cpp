// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "auth/AuthPage.h"

#include "client/Client.h"
#include "connection/ClusterConnection.h"
#include "connection/ErrorText.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QVBoxLayout>

namespace admin {

namespace {

QPushButton *button(const QString &text, const char *name, QWidget *parent)
{
    auto *b = new QPushButton(text, parent);
    b->setObjectName(QLatin1String(name));
    return b;
}

QString listText(const QStringList &items)
{
    return items.isEmpty() ? QStringLiteral("—") : items.join(QStringLiteral(", "));
}

} // namespace

AuthPage::AuthPage(ClusterConnection *connection, QWidget *parent)
    : QWidget(parent), m_connection(connection)
{
    setObjectName(QStringLiteral("authPage"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);

    auto *top = new QHBoxLayout;
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("authStatus"));
    m_enable = button(tr("Enable authentication…"), "enableAuthButton", this);
    m_disable = button(tr("Disable authentication…"), "disableAuthButton", this);
    auto *refreshButton = button(tr("Refresh"), "refreshAuthButton", this);
    top->addWidget(m_status, 1);
    top->addWidget(m_enable);
    top->addWidget(m_disable);
    top->addWidget(refreshButton);
    layout->addLayout(top);

    auto *columns = new QHBoxLayout;
    // Users.
    auto *usersBox = new QGroupBox(tr("Users"), this);
    auto *usersLayout = new QVBoxLayout(usersBox);
    m_userList = new QListWidget(usersBox);
    m_userList->setObjectName(QStringLiteral("userList"));
    usersLayout->addWidget(m_userList, 1);
    m_userDetail = new QLabel(usersBox);
    m_userDetail->setObjectName(QStringLiteral("userDetail"));
    m_userDetail->setWordWrap(true);
    m_userDetail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    usersLayout->addWidget(m_userDetail);
    auto *userForm = new QFormLayout;
    m_userName = new QLineEdit(usersBox);
    m_userName->setObjectName(QStringLiteral("userNameEdit"));
    m_userName->setPlaceholderText(tr("e.g. root, alice"));
    m_password = new QLineEdit(usersBox);
    m_password->setObjectName(QStringLiteral("userPasswordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    userForm->addRow(tr("User:"), m_userName);
    userForm->addRow(tr("Password:"), m_password);
    usersLayout->addLayout(userForm);
    auto *userButtons = new QHBoxLayout;
    auto *addUserButton = button(tr("Add user"), "addUserButton", usersBox);
    auto *passwordButton = button(tr("Change password"), "changePasswordButton", usersBox);
    auto *removeUserButton = button(tr("Remove user…"), "removeUserButton", usersBox);
    userButtons->addWidget(addUserButton);
    userButtons->addWidget(passwordButton);
    userButtons->addWidget(removeUserButton);
    usersLayout->addLayout(userButtons);
    auto *grantRow = new QHBoxLayout;
    m_roleChoice = new QComboBox(usersBox);
    m_roleChoice->setObjectName(QStringLiteral("userRoleCombo"));
    auto *grantRoleButton = button(tr("Grant role"), "grantRoleButton", usersBox);
    auto *revokeRoleButton = button(tr("Revoke role"), "revokeRoleButton", usersBox);
    grantRow->addWidget(new QLabel(tr("Role:"), usersBox));
    grantRow->addWidget(m_roleChoice, 1);
    grantRow->addWidget(grantRoleButton);
    grantRow->addWidget(revokeRoleButton);
    usersLayout->addLayout(grantRow);
    columns->addWidget(usersBox, 1);

    // Roles.
    auto *rolesBox = new QGroupBox(tr("Roles"), this);
    auto *rolesLayout = new QVBoxLayout(rolesBox);
    m_roleList = new QListWidget(rolesBox);
    m_roleList->setObjectName(QStringLiteral("roleList"));
    rolesLayout->addWidget(m_roleList, 1);
    m_roleDetail = new QLabel(rolesBox);
    m_roleDetail->setObjectName(QStringLiteral("roleDetail"));
    m_roleDetail->setWordWrap(true);
    m_roleDetail->setTextInteractionFlags(Qt::TextSelectableByMouse);
    rolesLayout->addWidget(m_roleDetail);
    auto *roleRow = new QHBoxLayout;
    m_roleName = new QLineEdit(rolesBox);
    m_roleName->setObjectName(QStringLiteral("roleNameEdit"));
    m_roleName->setPlaceholderText(tr("New role, e.g. app-reader"));
    auto *addRoleButton = button(tr("Add role"), "addRoleButton", rolesBox);
    auto *removeRoleButton = button(tr("Remove role…"), "removeRoleButton", rolesBox);
    roleRow->addWidget(m_roleName, 1);
    roleRow->addWidget(addRoleButton);
    roleRow->addWidget(removeRoleButton);
    rolesLayout->addLayout(roleRow);
    auto *permRow = new QHBoxLayout;
    m_pattern = new QLineEdit(rolesBox);
    m_pattern->setObjectName(QStringLiteral("permissionEdit"));
    m_pattern->setPlaceholderText(tr("Key or pattern, e.g. /app/*"));
    m_read = new QCheckBox(tr("read"), rolesBox);
    m_read->setObjectName(QStringLiteral("readCheck"));
    m_read->setChecked(true);
    m_write = new QCheckBox(tr("write"), rolesBox);
    m_write->setObjectName(QStringLiteral("writeCheck"));
    auto *grantButton = button(tr("Grant"), "grantPermissionButton", rolesBox);
    auto *revokeButton = button(tr("Revoke"), "revokePermissionButton", rolesBox);
    permRow->addWidget(m_pattern, 1);
    permRow->addWidget(m_read);
    permRow->addWidget(m_write);
    permRow->addWidget(grantButton);
    permRow->addWidget(revokeButton);
    rolesLayout->addLayout(permRow);
    columns->addWidget(rolesBox, 1);
    layout->addLayout(columns, 1);

    connect(refreshButton, &QPushButton::clicked, this, &AuthPage::refresh);
    connect(m_enable, &QPushButton::clicked, this, [this] {
        if (ask(tr("Enable authentication"),
                tr("Enable authentication? Every request will then need a user with the right "
                   "roles. The root user must exist; put its name and password in this "
                   "connection's profile first, or this app may lose access.")))
            setAuthEnabled(true);
    });
    connect(m_disable, &QPushButton::clicked, this, [this] {
        if (ask(tr("Disable authentication"),
                tr("Disable authentication? Everyone who can reach the cluster can then read "
                   "and write every key.")))
            setAuthEnabled(false);
    });
    connect(addUserButton, &QPushButton::clicked, this,
            [this] { addUser(m_userName->text().trimmed(), m_password->text()); });
    connect(passwordButton, &QPushButton::clicked, this, [this] {
        const QString user =
            m_userName->text().trimmed().isEmpty() ? selectedUser() : m_userName->text().trimmed();
        changePassword(user, m_password->text());
    });
    connect(removeUserButton, &QPushButton::clicked, this, [this] {
        const QString user = selectedUser();
        if (!user.isEmpty() &&
            ask(tr("Remove user"), tr("Remove the user %1? It can no longer log in.").arg(user)))
            removeUser(user);
    });
    connect(grantRoleButton, &QPushButton::clicked, this,
            [this] { grantRole(selectedUser(), m_roleChoice->currentText()); });
    connect(revokeRoleButton, &QPushButton::clicked, this,
            [this] { revokeRole(selectedUser(), m_roleChoice->currentText()); });
    connect(addRoleButton, &QPushButton::clicked, this,
            [this] { addRole(m_roleName->text().trimmed()); });
    connect(removeRoleButton, &QPushButton::clicked, this, [this] {
        const QString role = selectedRole();
        if (!role.isEmpty() &&
            ask(tr("Remove role"),
                tr("Remove the role %1? Its users lose its permissions.").arg(role)))
            removeRole(role);
    });
    connect(grantButton, &QPushButton::clicked, this, [this] {
        grantPermission(selectedRole(), m_pattern->text().trimmed(), m_read->isChecked(),
                        m_write->isChecked());
    });
    connect(revokeButton, &QPushButton::clicked, this, [this] {
        revokePermission(selectedRole(), m_pattern->text().trimmed(), m_read->isChecked(),
                         m_write->isChecked());
    });
    connect(m_userList, &QListWidget::currentRowChanged, this, &AuthPage::showSelection);
    connect(m_roleList, &QListWidget::currentRowChanged, this, &AuthPage::showSelection);

    if (connection) {
        connect(connection, &ClusterConnection::opened, this, &AuthPage::refresh);
        if (connection->isConnected())
            refresh();
    }
    showSelection();
}

bool AuthPage::ask(const QString &title, const QString &text)
{
    return QMessageBox::question(this, title, text, QMessageBox::Yes | QMessageBox::No,
                                 QMessageBox::No) == QMessageBox::Yes;
}

QString AuthPage::selectedUser() const
{
    const QListWidgetItem *item = m_userList->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

QString AuthPage::selectedRole() const
{
    const QListWidgetItem *item = m_roleList->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void AuthPage::refresh()
{
    client::Client *c = m_connection ? m_connection->client() : nullptr;
    if (!c)
        return;
    const int generation = ++m_generation;
    m_pending = 3;
    m_denied = false;
    auto finished = [this, generation] {
        if (generation != m_generation || --m_pending > 0)
            return;
        showUsers();
        showRoles();
        showSelection();
        emit refreshed();
    };
    c->authStatus()->then(this, [this, generation, finished](client::Reply *r) {
        if (generation != m_generation)
            return;
        if (r->error())
            m_status->setText(
                tr("Authentication status unknown: %1").arg(ErrorText::describe(r->error())));
        else
            m_enabled = AuthListing::enabled(r->json());
        finished();
    });
    c->listUsers()->then(this, [this, generation, finished](client::Reply *r) {
        if (generation != m_generation)
            return;
        if (r->error())
            listFailed(tr("Could not list the users."), r);
        else
            m_users = AuthListing::users(r->json());
        finished();
    });
    c->listRoles()->then(this, [this, generation, finished](client::Reply *r) {
        if (generation != m_generation)
            return;
        if (r->error())
            listFailed(tr("Could not list the roles."), r);
        else
            m_roles = AuthListing::roles(r->json());
        finished();
    });
}

void AuthPage::listFailed(const QString &what, client::Reply *reply)
{
    // Without root the lists are refused: said on the page, not in a
    // banner at every connection.
    const int status = reply->error().httpStatus();
    if (status == 401 || status == 403) {
        m_denied = true;
        return;
    }
    emit message(Severity::Error, what + QLatin1Char(' ') + ErrorText::describe(reply->error()));
}

void AuthPage::showUsers()
{
    const QString keep = selectedUser();
    m_userList->clear();
    for (const AuthListing::User &u : m_users) {
        auto *item = new QListWidgetItem(u.name, m_userList);
        item->setData(Qt::UserRole, u.name);
        if (u.name == QLatin1String("root"))
            item->setToolTip(tr("The root user: needed to enable authentication."));
        if (u.name == keep)
            m_userList->setCurrentItem(item);
    }
}

void AuthPage::showRoles()
{
    const QString keep = selectedRole();
    const QString keepChoice = m_roleChoice->currentText();
    m_roleList->clear();
    m_roleChoice->clear();
    for (const AuthListing::Role &r : m_roles) {
        auto *item = new QListWidgetItem(r.name, m_roleList);
        item->setData(Qt::UserRole, r.name);
        m_roleChoice->addItem(r.name);
        if (r.name == keep)
            m_roleList->setCurrentItem(item);
    }
    if (!keepChoice.isEmpty())
        m_roleChoice->setCurrentText(keepChoice);
}

void AuthPage::showSelection()
{
    m_status->setText(
        (m_enabled ? tr("Authentication is <b>enabled</b>.")
                   : tr("Authentication is <b>disabled</b>: every request is "
                        "served.")) +
        (m_denied ? QLatin1Char(' ') + tr("Only the root user may list users and roles: put its "
                                          "name and password in the connection profile.")
                  : QString()));
    m_enable->setEnabled(!m_enabled);
    m_disable->setEnabled(m_enabled);
    const QString user = selectedUser();
    m_userDetail->clear();
    for (const AuthListing::User &u : m_users) {
        if (u.name == user)
            m_userDetail->setText(tr("%1 has the roles: %2").arg(u.name, listText(u.roles)));
    }
    const QString role = selectedRole();
    m_roleDetail->clear();
    for (const AuthListing::Role &r : m_roles) {
        if (r.name == role)
            m_roleDetail->setText(
                tr("%1 may read %2 and write %3").arg(r.name, listText(r.read), listText(r.write)));
    }
}

client::Client *AuthPage::writer()
{
    client::Client *c = m_connection ? m_connection->client() : nullptr;
    if (c && !m_connection->confirmWrite(tr("Change users, roles or authentication."))) {
        emit message(Severity::Warning,
                     tr("Not written: the change to this production cluster was not confirmed."));
        return nullptr;
    }
    return c;
}

void AuthPage::done(client::Reply *reply, const QString &success, const QString &failure)
{
    reply->then(this, [this, success, failure](client::Reply *r) {
        if (r->error())
            emit message(Severity::Error,
                         failure + QLatin1Char(' ') + ErrorText::describe(r->error()));
        else
            emit message(Severity::Success, success);
        refresh();
    });
}

void AuthPage::addUser(const QString &name, const QString &password)
{
    client::Client *c = writer();
    if (!c)
        return;
    if (name.isEmpty() || password.isEmpty()) {
        emit message(Severity::Error, tr("A new user needs a name and a password."));
        return;
    }
    m_password->clear();
    done(c->addUser(name, password), tr("Added the user %1.").arg(name),
         tr("Could not add the user %1.").arg(name));
}

void AuthPage::removeUser(const QString &name)
{
    if (client::Client *c = writer())
        done(c->removeUser(name), tr("Removed the user %1.").arg(name),
             tr("Could not remove the user %1.").arg(name));
}

void AuthPage::changePassword(const QString &name, const QString &password)
{
    client::Client *c = writer();
    if (!c)
        return;
    if (name.isEmpty() || password.isEmpty()) {
        emit message(Severity::Error, tr("Choose a user and type the new password."));
        return;
    }
    m_password->clear();
    done(c->changePassword(name, password), tr("Changed the password of %1.").arg(name),
         tr("Could not change the password of %1.").arg(name));
}

void AuthPage::grantRole(const QString &user, const QString &role)
{
    client::Client *c = writer();
    if (!c || user.isEmpty() || role.isEmpty())
        return;
    done(c->grantUserRoles(user, {role}), tr("Granted the role %1 to %2.").arg(role, user),
         tr("Could not grant the role %1 to %2.").arg(role, user));
}

void AuthPage::revokeRole(const QString &user, const QString &role)
{
    client::Client *c = writer();
    if (!c || user.isEmpty() || role.isEmpty())
        return;
    done(c->revokeUserRoles(user, {role}), tr("Revoked the role %1 from %2.").arg(role, user),
         tr("Could not revoke the role %1 from %2.").arg(role, user));
}

void AuthPage::addRole(const QString &name)
{
    client::Client *c = writer();
    if (!c)
        return;
    if (name.isEmpty()) {
        emit message(Severity::Error, tr("A new role needs a name."));
        return;
    }
    done(c->addRole(name), tr("Added the role %1.").arg(name),
         tr("Could not add the role %1.").arg(name));
}

void AuthPage::removeRole(const QString &name)
{
    if (client::Client *c = writer())
        done(c->removeRole(name), tr("Removed the role %1.").arg(name),
             tr("Could not remove the role %1.").arg(name));
}

void AuthPage::grantPermission(const QString &role, const QString &pattern, bool read, bool write)
{
    changePermission(true, role, pattern, read, write);
}

void AuthPage::revokePermission(const QString &role, const QString &pattern, bool read, bool write)
{
    changePermission(false, role, pattern, read, write);
}

void AuthPage::changePermission(bool grant, const QString &role, const QString &pattern, bool read,
                                bool write)
{
    if (role.isEmpty() || pattern.isEmpty() || (!read && !write)) {
        emit message(Severity::Error,
                     tr("Choose a role, type a key or pattern and tick read and/or write."));
        return;
    }
    client::Client *c = writer();
    if (!c)
        return;
    const QStringList readList = read ? QStringList{pattern} : QStringList();
    const QStringList writeList = write ? QStringList{pattern} : QStringList();
    const QString what = read && write ? tr("read and write") : read ? tr("read") : tr("write");
    if (grant)
        done(c->grantRolePermissions(role, readList, writeList),
             tr("Granted %1 on %2 to the role %3.").arg(what, pattern, role),
             tr("Could not grant permissions to the role %1.").arg(role));
    else
        done(c->revokeRolePermissions(role, readList, writeList),
             tr("Revoked %1 on %2 from the role %3.").arg(what, pattern, role),
             tr("Could not revoke permissions from the role %1.").arg(role));
}

void AuthPage::setAuthEnabled(bool on)
{
    client::Client *c = writer();
    if (!c)
        return;
    done(on ? c->enableAuth() : c->disableAuth(),
         on ? tr("Authentication enabled.") : tr("Authentication disabled."),
         on ? tr("Could not enable authentication.") : tr("Could not disable authentication."));
}

} // namespace admin
