// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "ctl/Command.h"
#include "ctl/Flag.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace ctl {

class Invocation;

// The qetcdctl program: etcdctl v2's global flags and command table, and the
// dispatch urfave/cli performs (global flags, command, command group,
// "help", usage errors with exit code 1, unknown commands with exit code 3).
// Named after argv[0] so that a copy or link called "etcdctl" prints
// etcdctl's help texts exactly. Main thread only.
class App
{
    Q_DECLARE_TR_FUNCTIONS(ctl::App)
public:
    explicit App(const QString &name);

    // Runs one command line (without argv[0]); returns the exit code.
    int run(const QStringList &arguments);

    QList<Flag> globalFlags() const;
    QList<Command> commands() const;

private:
    int runGroup(Invocation &inv, const Command &group, const QStringList &arguments);
    int runCommand(Invocation &inv, const Command &command, const QStringList &arguments,
                   const QString &helpName);
    int helpFor(const QList<Command> &commands, const QString &name, const QString &prefix);
    const Command *find(const QList<Command> &commands, const QString &name) const;

    QString m_name;
    QList<Command> m_commands;
};

} // namespace ctl
