// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "ctl/Flag.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace ctl {

class Invocation;

// One command of the CLI as urfave/cli describes it: names (first is the
// main one), one-line usage, argument synopsis, long description, flags, and
// either an action or subcommands (member, user, role, auth). Value type.
struct Command
{
    QStringList names;
    QString usage;
    QString argsUsage;
    QString description;
    QList<Flag> flags;
    QList<Command> subcommands;
    // Returns the process exit code. May also end the process itself.
    std::function<int(Invocation &)> action;

    QString name() const { return names.value(0); }
};

} // namespace ctl
