// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QString>
#include <QStringList>

namespace ctl {

// One command-line flag as etcdctl (urfave/cli v1) declares it: all its
// names ("recursive", "r"), its kind, help text and default. Value type.
struct Flag
{
    enum class Type { Bool, String, Int, Duration, StringSlice };

    QStringList names;
    Type type = Type::Bool;
    QString usage;
    QString defaultValue; // as text; shown in help as (default: ...) where urfave shows it
    bool hidden = false;  // parsed but not listed in help (urfave's help flag of commands)

    static Flag boolean(const QStringList &names, const QString &usage, bool hidden = false)
    {
        return Flag{names, Type::Bool, usage, QString(), hidden};
    }
    static Flag string(const QStringList &names, const QString &usage, const QString &def = {})
    {
        return Flag{names, Type::String, usage, def, false};
    }
    static Flag integer(const QStringList &names, const QString &usage,
                        const QString &def = QStringLiteral("0"))
    {
        return Flag{names, Type::Int, usage, def, false};
    }
    static Flag duration(const QStringList &names, const QString &usage, const QString &def)
    {
        return Flag{names, Type::Duration, usage, def, false};
    }
    static Flag stringSlice(const QStringList &names, const QString &usage)
    {
        return Flag{names, Type::StringSlice, usage, QString(), false};
    }
};

} // namespace ctl
