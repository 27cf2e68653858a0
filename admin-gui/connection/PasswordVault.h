// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace admin {

// Connection passwords in the desktop keyring (Secret Service, KWallet,
// macOS Keychain, Windows Credential Store) through QtKeychain, under the
// service "qetcd-admin" and a key naming the settings file and the profile.
// There is no plain-text fallback: without a keyring service the calls fail
// with a sentence saying so, and the caller tells the user the password is
// not remembered.
// QETCD_ADMIN_KEYRING=off in the environment acts as if no keyring service
// ran (tests, kiosks). The calls wait for the keyring (a local event loop,
// at most 10 s). GUI thread only.
class PasswordVault
{
    Q_DECLARE_TR_FUNCTIONS(admin::PasswordVault)
public:
    // `scope` tells settings files apart (QSettings::fileName()).
    PasswordVault(const QString &scope, const QString &profile);

    // Empty when stored; otherwise why not, in the user's language.
    QString store(const QString &password) const;
    // nullopt when there is none or it cannot be read (`error` says which:
    // empty when the keyring simply has no password for the profile).
    std::optional<QString> read(QString *error = nullptr) const;
    void remove() const;

    static bool disabledByEnvironment();

private:
    QString m_key;
};

} // namespace admin
