// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "Config.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QUrl>
#include <optional>

namespace server::config {

// FlagValue: turns the text of one flag value into a typed value, with etcd 2.2's rules.
//
// Every function returns an empty string on success and otherwise a translated reason that does
// not name the flag (callers know which flag or variable the text came from). Outputs are only
// written on success. Stateless; any thread.
class FlagValue
{
    Q_DECLARE_TR_FUNCTIONS(server::config::FlagValue)

public:
    // Decimal unsigned integer no larger than `max`.
    static QString parseUnsigned(const QString &text, quint64 max, quint64 *out);
    // One peer or client URL: http or https, a host and a port, nothing after the port.
    static QString parseUrl(const QString &text, QUrl *out);
    // Comma-separated URLs (etcd's types.NewURLs); at least one, order kept.
    static QString parseUrlList(const QString &text, QList<QUrl> *out);
    // Comma-separated `name=url` entries (etcd's types.NewURLsMap); order kept, empty entries
    // skipped, at least one entry.
    static QString parseInitialCluster(const QString &text, QList<Config::ClusterMember> *out);
    // Comma-separated CORS origins: "*" or an http(s) origin; blanks skipped.
    static QString parseCors(const QString &text, QStringList *out);
    // "new" or "existing".
    static QString parseClusterState(const QString &text, Config::ClusterState *out);

    // etcd 3.4's --log-level: debug, info, warn or error.
    static QString parseLogLevel(const QString &text, Config::LogLevel *out);
    // etcd 3.4's --log-outputs: comma-separated stderr, stdout, default (= stderr),
    // systemd/journal or file paths; at least one, duplicates dropped, order kept.
    static QString parseLogOutputs(const QString &text, QStringList *out);

    // The comma-joined text form of a URL list, as etcd prints it.
    static QString joinUrls(const QList<QUrl> &urls);
};

} // namespace server::config
