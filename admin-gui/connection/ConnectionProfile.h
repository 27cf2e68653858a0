// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "client/ClientConfig.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace admin {

// A named way to reach a cluster, as the connection dialog edits it and
// ProfileStore keeps it: endpoints, optional TLS files and credentials.
// Plain value type. The password is only persisted when savePassword is set,
// and then in the desktop keyring (PasswordVault), never in the settings.
// A production profile is read-only by default: every write through the
// connection asks for confirmation first (ClusterConnection::confirmWrite).
class ConnectionProfile
{
    Q_DECLARE_TR_FUNCTIONS(admin::ConnectionProfile)
public:
    QString name;
    QStringList endpoints; // "http://127.0.0.1:2379" or "127.0.0.1:2379"
    QString caFile;
    QString certFile;
    QString keyFile;
    QString username;
    QString password;
    bool savePassword = false;
    bool production = false;

    // Empty when usable; otherwise why not, in the user's language.
    QString validate() const;
    client::ClientConfig toClientConfig() const;
    // "a, b" endpoint text for the dialog; parse splits on commas, spaces and newlines.
    static QStringList parseEndpointText(const QString &text);

    bool operator==(const ConnectionProfile &o) const;
    bool operator!=(const ConnectionProfile &o) const { return !(*this == o); }
};

} // namespace admin
