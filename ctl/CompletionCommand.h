#pragma once

#include "ctl/Command.h"

// completion bash: prints a bash completion script generated from the
// command table, so it always matches the commands and flags qetcdctl has.
namespace CompletionCommand {
Command command(const QString &appName, std::function<QList<Command>()> commands,
                std::function<QList<Flag>()> globalFlags);
QByteArray bashScript(const QString &appName, const QList<Command> &commands,
                      const QList<Flag> &globalFlags);
} // namespace CompletionCommand
