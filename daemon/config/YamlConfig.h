// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "Config.h"

#include <QCoreApplication>
#include <QSet>
#include <QString>

namespace server::config {

// YamlConfig: reads etcd 3.4's YAML configuration file (--config-file) into a Config.
//
// Each key stands for one flag (mostly the flag's own name; the TLS settings sit in the
// client-transport-security and peer-transport-security mappings, as in etcd's
// etcd.conf.yml.sample) and its value goes through that flag's FlagDefinition::apply, so a file
// and a command line accept and refuse exactly the same values. A null or empty value leaves the
// flag unset, as an empty ETCD_* variable does; a YAML boolean (yes/no/on/off too) is given to a
// boolean flag as true/false; a list flag takes a comma-separated string or a sequence. Keys
// qetcd does not know are ignored with a warning (etcd ignores them silently). The file is
// refused before parsing when it is larger than kMaxFileBytes. Stateless; any thread.
class YamlConfig
{
    Q_DECLARE_TR_FUNCTIONS(server::config::YamlConfig)

public:
    static constexpr qint64 kMaxFileBytes = 1024 * 1024;

    // Applies the file at `path` to `config` and adds the flags it set to `explicitlySet`.
    // Returns "" on success, else the first problem, translated, naming the file, the line and
    // the key. Warnings (unknown keys) are appended to config.warnings.
    static QString apply(const QString &path, Config &config, QSet<QString> &explicitlySet);

    // The flag a key (top-level, or "section.key" inside a transport-security mapping) stands
    // for, or "" when qetcd has no such flag.
    static QString flagForKey(const QString &key);
};

} // namespace server::config
