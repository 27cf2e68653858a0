// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "app/Severity.h"
#include "auth/AuthListing.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;

namespace client {
class Client;
class Reply;
} // namespace client

namespace admin {

class ClusterConnection;

// The access page: v2 authentication administered over /v2/auth, as
// etcdctl user / role / auth do it. Users (add with a password, remove,
// change the password, grant and revoke roles), roles (add, remove, grant
// and revoke read/write permissions on key patterns such as /app/*), and
// whether authentication is enabled (enable needs the root user; the page
// asks before enabling or disabling, and before removing).
// The lists are read again after every change and on Refresh; the public
// slots do the work without asking (the buttons ask, then call them).
// Does not own the connection. GUI thread only.
class AuthPage : public QWidget
{
    Q_OBJECT
public:
    explicit AuthPage(ClusterConnection *connection, QWidget *parent = nullptr);

    const QList<AuthListing::User> &users() const { return m_users; }
    const QList<AuthListing::Role> &roles() const { return m_roles; }
    bool authEnabled() const { return m_enabled; }

public slots:
    void refresh();
    void addUser(const QString &name, const QString &password);
    void removeUser(const QString &name);
    void changePassword(const QString &name, const QString &password);
    void grantRole(const QString &user, const QString &role);
    void revokeRole(const QString &user, const QString &role);
    void addRole(const QString &name);
    void removeRole(const QString &name);
    void grantPermission(const QString &role, const QString &pattern, bool read, bool write);
    void revokePermission(const QString &role, const QString &pattern, bool read, bool write);
    void setAuthEnabled(bool on);

signals:
    void message(Severity severity, const QString &text);
    // After the users, the roles and the auth status were read again.
    void refreshed();

private:
    // The client for a write, once a production profile's user agreed.
    client::Client *writer();
    void done(client::Reply *reply, const QString &success, const QString &failure);
    void listFailed(const QString &what, client::Reply *reply);
    void changePermission(bool grant, const QString &role, const QString &pattern, bool read,
                          bool write);
    void showUsers();
    void showRoles();
    void showSelection();
    QString selectedUser() const;
    QString selectedRole() const;
    bool ask(const QString &title, const QString &text);

    QPointer<ClusterConnection> m_connection;
    QList<AuthListing::User> m_users;
    QList<AuthListing::Role> m_roles;
    bool m_enabled = false;
    bool m_denied = false; // the lists were refused (not root)
    int m_pending = 0;
    int m_generation = 0;

    QLabel *m_status;
    QPushButton *m_enable;
    QPushButton *m_disable;
    QListWidget *m_userList;
    QLabel *m_userDetail;
    QLineEdit *m_userName;
    QLineEdit *m_password;
    QComboBox *m_roleChoice;
    QListWidget *m_roleList;
    QLabel *m_roleDetail;
    QLineEdit *m_roleName;
    QLineEdit *m_pattern;
    QCheckBox *m_read;
    QCheckBox *m_write;
};

} // namespace admin
