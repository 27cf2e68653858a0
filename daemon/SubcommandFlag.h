// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QString>
#include <QStringList>

namespace server {

// The value of `flag` at arguments[i] for the daemon's subcommands (`qetcd wal`, `qetcd
// import-etcd`), written `--flag value` or `--flag=value`, into *into; i moves past a separate
// value. False when arguments[i] is not that flag (or lacks its value). Pure.
inline bool takeFlagValue(const QStringList &arguments, qsizetype &i, const QString &flag,
                          QString *into)
{
    const QString &a = arguments[i];
    if (a == flag && i + 1 < arguments.size()) {
        *into = arguments[++i];
        return true;
    }
    if (a.startsWith(flag + u'=')) {
        *into = a.mid(flag.size() + 1);
        return true;
    }
    return false;
}

} // namespace server
