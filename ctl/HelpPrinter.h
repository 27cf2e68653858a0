// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "ctl/Command.h"

#include <QByteArray>
#include <QList>
#include <QString>

// Help screens in urfave/cli v1's layout (the one etcdctl v2 prints): the
// application help, one command's help, and a command group's help. Columns
// are aligned like Go's text/tabwriter (padding 2). Pure functions.

namespace ctl {

// "--ttl value\tkey time-to-live in seconds (default: 0)"
QString flagLine(const Flag &flag);

QByteArray appHelp(const QString &appName, const QString &usage, const QString &version,
                   const QList<Command> &commands, const QList<Flag> &globalFlags);
// helpName: "etcdctl get", "etcdctl member add".
QByteArray commandHelp(const QString &helpName, const Command &command);
QByteArray groupHelp(const QString &helpName, const Command &group);

// Aligns the text before the first tab of each run of lines that have one.
QByteArray tabulate(const QString &text);

} // namespace ctl
