// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "ctl/App.h"

#include "ctl/AuthCommands.h"
#include "ctl/BackupCommand.h"
#include "ctl/CompletionCommand.h"
#include "ctl/FlagSet.h"
#include "ctl/HelpPrinter.h"
#include "ctl/Invocation.h"
#include "ctl/KeyCommands.h"
#include "ctl/MemberCommands.h"
#include "ctl/MirrorCommand.h"
#include "ctl/TransferCommands.h"
#include "ctl/WatchCommands.h"

namespace ctl {

namespace {

Flag helpFlag()
{
    return Flag::boolean({QStringLiteral("help"), QStringLiteral("h")}, App::tr("show help"));
}

QString usageText()
{
    return App::tr("A simple command line client for etcd.");
}

QString version()
{
    return QStringLiteral(QETCD_VERSION);
}

} // namespace

App::App(const QString &name) : m_name(name)
{
    m_commands.append(backupCommand());
    m_commands.append(clusterHealthCommand());
    m_commands += keyCommands();
    m_commands += watchCommands();
    m_commands.append(memberCommand());
    m_commands.append(userCommand());
    m_commands.append(roleCommand());
    m_commands.append(authCommand());
    m_commands += transferCommands();
    m_commands.append(mirrorCommand());
    const QString appName = m_name;
    m_commands.append(completionCommand(
        appName, [appName] { return App(appName).commands(); },
        [appName] { return App(appName).globalFlags(); }));
    Command help;
    help.names = {QStringLiteral("help"), QStringLiteral("h")};
    help.usage = tr("Shows a list of commands or help for one command");
    help.argsUsage = QStringLiteral("[command]");
    m_commands.append(help);
}

QList<Command> App::commands() const
{
    return m_commands;
}

QList<Flag> App::globalFlags() const
{
    return {
        Flag::boolean({QStringLiteral("debug")},
                      tr("output cURL commands which can be used to reproduce the request")),
        Flag::boolean({QStringLiteral("no-sync")},
                      tr("don't synchronize cluster information before sending request")),
        Flag::string({QStringLiteral("output"), QStringLiteral("o")},
                     tr("output response in the given format (`simple`, `extended` or `json`)"),
                     QStringLiteral("simple")),
        Flag::string({QStringLiteral("discovery-srv"), QStringLiteral("D")},
                     tr("domain name to query for SRV records describing cluster endpoints")),
        Flag::boolean({QStringLiteral("insecure-discovery")},
                      tr("accept insecure SRV records describing cluster endpoints")),
        Flag::string({QStringLiteral("peers"), QStringLiteral("C")},
                     tr("DEPRECATED - \"--endpoints\" should be used instead")),
        Flag::string({QStringLiteral("endpoint")},
                     tr("DEPRECATED - \"--endpoints\" should be used instead")),
        Flag::string({QStringLiteral("endpoints")},
                     tr("a comma-delimited list of machine addresses in the cluster (default: "
                        "\"http://127.0.0.1:2379,http://127.0.0.1:4001\")")),
        Flag::string({QStringLiteral("cert-file")},
                     tr("identify HTTPS client using this SSL certificate file")),
        Flag::string({QStringLiteral("key-file")},
                     tr("identify HTTPS client using this SSL key file")),
        Flag::string({QStringLiteral("ca-file")},
                     tr("verify certificates of HTTPS-enabled servers using this CA bundle")),
        Flag::string({QStringLiteral("username"), QStringLiteral("u")},
                     tr("provide username[:password] and prompt if password is not supplied.")),
        Flag::duration({QStringLiteral("timeout")}, tr("connection timeout per request"),
                       QStringLiteral("2s")),
        Flag::duration({QStringLiteral("total-timeout")},
                       tr("timeout for the command execution (except watch)"),
                       QStringLiteral("5s")),
        helpFlag(),
        Flag::boolean({QStringLiteral("version"), QStringLiteral("v")}, tr("print the version")),
    };
}

const Command *App::find(const QList<Command> &commands, const QString &name) const
{
    for (const Command &c : commands) {
        if (c.names.contains(name))
            return &c;
    }
    return nullptr;
}

int App::helpFor(const QList<Command> &commands, const QString &name, const QString &prefix)
{
    const Command *c = find(commands, name);
    if (!c) {
        Invocation::err(tr("No help topic for '%1'\n").arg(name));
        return 3;
    }
    Invocation::out(commandHelp(prefix + QLatin1Char(' ') + c->name(), *c));
    return 0;
}

int App::run(const QStringList &arguments)
{
    const QList<Flag> globals = globalFlags();
    FlagSet flags(globals);
    QString error;
    const QByteArray appHelp = ctl::appHelp(m_name, usageText(), version(), m_commands, globals);
    if (!flags.parse(arguments, &error)) {
        Invocation::out(QStringLiteral("Incorrect Usage. %1\n\n").arg(error).toUtf8() + appHelp);
        Invocation::err(error + QLatin1Char('\n'));
        return 1;
    }
    if (flags.boolValue(QStringLiteral("help"))) {
        Invocation::out(appHelp);
        return 0;
    }
    if (flags.boolValue(QStringLiteral("version"))) {
        Invocation::out(tr("%1 version: %2\nAPI version: 2\n").arg(m_name, version()));
        return 0;
    }
    const QStringList rest = flags.args();
    if (rest.isEmpty()) {
        Invocation::out(appHelp);
        return 0;
    }
    const QString name = rest.first();
    Invocation inv(m_name, flags);
    if (name == QLatin1String("help") || name == QLatin1String("h")) {
        if (rest.size() < 2) {
            Invocation::out(appHelp);
            return 0;
        }
        return helpFor(m_commands, rest[1], m_name);
    }
    const Command *command = find(m_commands, name);
    if (!command) {
        Invocation::err(tr("No help topic for '%1'\n").arg(name));
        return 3;
    }
    if (!command->subcommands.isEmpty())
        return runGroup(inv, *command, rest.mid(1));
    return runCommand(inv, *command, rest.mid(1), m_name + QLatin1Char(' ') + command->name());
}

int App::runGroup(Invocation &inv, const Command &group, const QStringList &arguments)
{
    const QString helpName = m_name + QLatin1Char(' ') + group.name();
    const QByteArray help = groupHelp(helpName, group);
    FlagSet flags({helpFlag()});
    QString error;
    if (!flags.parse(arguments, &error)) {
        Invocation::out(QStringLiteral("Incorrect Usage. %1\n\n").arg(error).toUtf8() + help);
        Invocation::err(error + QLatin1Char('\n'));
        return 1;
    }
    const QStringList rest = flags.args();
    if (flags.boolValue(QStringLiteral("help")) || rest.isEmpty()) {
        Invocation::out(help);
        return 0;
    }
    const QString name = rest.first();
    if (name == QLatin1String("help") || name == QLatin1String("h")) {
        if (rest.size() < 2) {
            // urfave/cli shows the group as an application of its own here.
            Invocation::out(
                appHelp(helpName, group.usage, version(), group.subcommands, {helpFlag()}));
            return 0;
        }
        return helpFor(group.subcommands, rest[1], helpName);
    }
    const Command *command = find(group.subcommands, name);
    if (!command) {
        Invocation::err(tr("No help topic for '%1'\n").arg(name));
        return 3;
    }
    return runCommand(inv, *command, rest.mid(1), helpName + QLatin1Char(' ') + command->name());
}

int App::runCommand(Invocation &inv, const Command &command, const QStringList &arguments,
                    const QString &helpName)
{
    QList<Flag> defs = command.flags;
    Flag help = helpFlag();
    help.hidden = true;
    defs.append(help);
    FlagSet flags(defs);
    QString error;
    if (!flags.parse(FlagSet::reorder(defs, arguments), &error)) {
        Invocation::out(QStringLiteral("Incorrect Usage: %1\n\n").arg(error).toUtf8() +
                        commandHelp(helpName, command));
        Invocation::err(error + QLatin1Char('\n'));
        return 1;
    }
    if (flags.boolValue(QStringLiteral("help")) || !command.action) {
        Invocation::out(commandHelp(helpName, command));
        return 0;
    }
    inv.setCommand(flags, helpName);
    return command.action(inv);
}

} // namespace ctl
