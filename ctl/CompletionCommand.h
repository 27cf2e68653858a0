// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "ctl/Command.h"

namespace ctl {

// completion bash: prints a bash completion script generated from the
// command table, so it always matches the commands and flags qetcdctl has.
Command completionCommand(const QString &appName, std::function<QList<Command>()> commands,
                          std::function<QList<Flag>()> globalFlags);
QByteArray bashCompletionScript(const QString &appName, const QList<Command> &commands,
                                const QList<Flag> &globalFlags);

} // namespace ctl
