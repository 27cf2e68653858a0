// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "connection/ConnectionProfile.h"

#include <QStringList>

#include <optional>

class QSettings;

namespace admin {

// Keeps named ConnectionProfiles in QSettings (group "profiles", one
// subgroup per profile, names percent-encoded so any text is a valid name)
// and remembers the most recently used one so the app reopens it at start.
// Passwords live in the desktop keyring (PasswordVault); a password an
// older version wrote into the settings is still read, and dropped from
// them at the next save.
// Does not own the QSettings. Not thread-safe; GUI thread.
class ProfileStore
{
public:
    explicit ProfileStore(QSettings *settings);

    QStringList names() const; // sorted
    std::optional<ConnectionProfile> load(const QString &name) const;
    // Replaces a profile of the same name. With profile.savePassword the
    // password goes to the desktop keyring, never to the settings; returns
    // why it could not be kept there (empty when it was, or not asked).
    QString save(const ConnectionProfile &profile);
    void remove(const QString &name);

    QString recent() const;
    void setRecent(const QString &name);

private:
    QString scope() const;

    QSettings *m_settings;
};

} // namespace admin
