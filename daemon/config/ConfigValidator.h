// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "Config.h"

#include <QCoreApplication>
#include <QSet>
#include <QString>

namespace server::config {

// ConfigValidator: checks that need more than one flag, after every flag and variable is applied.
//
// Mirrors what etcd 2.2 refuses before it starts a member: timing that cannot elect a leader,
// listening on client URLs without advertising any, an --initial-cluster that does not contain
// this member with exactly its --initial-advertise-peer-urls, duplicate peer URLs, https URLs
// without a cert and key. Beyond etcd, it refuses --client-cert-auth / --peer-client-cert-auth
// when no URL of their side is https (etcd only warns: the flag would silently protect
// nothing). Warnings (for example cert files given with http URLs) are appended to
// config.warnings. Stateless; any thread.
class ConfigValidator
{
    Q_DECLARE_TR_FUNCTIONS(server::config::ConfigValidator)

public:
    // `explicitlySet` names (without dashes) the flags given on the command line or through the
    // environment. Returns the first problem found, translated and naming the flag, or "" if none.
    static QString validate(Config &config, const QSet<QString> &explicitlySet);

private:
    static QString validateTiming(const Config &config);
    static QString validateInitialCluster(const Config &config);
    static QString validateTls(Config &config);
};

} // namespace server::config
