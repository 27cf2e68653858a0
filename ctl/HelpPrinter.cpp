// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "ctl/HelpPrinter.h"

#include <QStringList>

namespace ctl {

namespace {

QString prefixed(const QStringList &names, const QString &placeholder)
{
    QStringList parts;
    for (const QString &n : names) {
        QString p = (n.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + n;
        if (!placeholder.isEmpty())
            p += QLatin1Char(' ') + placeholder;
        parts.append(p);
    }
    return parts.join(QStringLiteral(", "));
}

// urfave's unquoteUsage: the first `word` in the usage names the placeholder.
void unquoteUsage(const QString &usage, QString *placeholder, QString *text)
{
    *text = usage;
    placeholder->clear();
    const int i = usage.indexOf(QLatin1Char('`'));
    if (i < 0)
        return;
    const int j = usage.indexOf(QLatin1Char('`'), i + 1);
    if (j < 0)
        return;
    *placeholder = usage.mid(i + 1, j - i - 1);
    *text = usage.left(i) + *placeholder + usage.mid(j + 1);
}

QList<Flag> visible(const QList<Flag> &flags)
{
    QList<Flag> out;
    for (const Flag &f : flags) {
        if (!f.hidden)
            out.append(f);
    }
    return out;
}

} // namespace

QString flagLine(const Flag &flag)
{
    QString placeholder;
    QString usage;
    unquoteUsage(flag.usage, &placeholder, &usage);
    QString def;
    switch (flag.type) {
    case Flag::Type::Bool:
        break;
    case Flag::Type::StringSlice:
        if (placeholder.isEmpty())
            placeholder = QStringLiteral("value");
        break;
    case Flag::Type::String:
        if (!flag.defaultValue.isEmpty())
            def = QStringLiteral(" (default: \"%1\")").arg(flag.defaultValue);
        if (placeholder.isEmpty())
            placeholder = QStringLiteral("value");
        break;
    case Flag::Type::Int:
    case Flag::Type::Duration:
        def = QStringLiteral(" (default: %1)").arg(flag.defaultValue);
        if (placeholder.isEmpty())
            placeholder = QStringLiteral("value");
        break;
    }
    return prefixed(flag.names, placeholder) + QLatin1Char('\t') + (usage + def).trimmed();
}

QByteArray tabulate(const QString &text)
{
    const QStringList lines = text.split(QLatin1Char('\n'));
    QStringList out;
    for (int i = 0; i < lines.size();) {
        if (!lines[i].contains(QLatin1Char('\t'))) {
            out.append(lines[i]);
            ++i;
            continue;
        }
        int end = i;
        int width = 0;
        while (end < lines.size() && lines[end].contains(QLatin1Char('\t'))) {
            width = qMax(width, int(lines[end].indexOf(QLatin1Char('\t'))));
            ++end;
        }
        for (; i < end; ++i) {
            const int tab = lines[i].indexOf(QLatin1Char('\t'));
            out.append(lines[i].left(tab).leftJustified(width + 2, QLatin1Char(' ')) +
                       lines[i].mid(tab + 1));
        }
    }
    return out.join(QLatin1Char('\n')).toUtf8();
}

QByteArray appHelp(const QString &appName, const QString &usage, const QString &version,
                   const QList<Command> &commands, const QList<Flag> &globalFlags)
{
    QString t;
    t += QStringLiteral("NAME:\n   %1 - %2\n\n").arg(appName, usage);
    t += QStringLiteral(
             "USAGE:\n   %1 [global options] command [command options] [arguments...]\n\n")
             .arg(appName);
    t += QStringLiteral("VERSION:\n   %1\n\n").arg(version);
    t += QStringLiteral("COMMANDS:");
    for (const Command &c : commands)
        t += QStringLiteral("\n   %1\t%2").arg(c.names.join(QStringLiteral(", ")), c.usage);
    t += QStringLiteral("\n\nGLOBAL OPTIONS:\n   ");
    const QList<Flag> flags = visible(globalFlags);
    for (int i = 0; i < flags.size(); ++i) {
        if (i)
            t += QStringLiteral("\n   ");
        t += flagLine(flags[i]);
    }
    t += QLatin1Char('\n');
    return tabulate(t);
}

QByteArray commandHelp(const QString &helpName, const Command &command)
{
    const QList<Flag> flags = visible(command.flags);
    QString t = QStringLiteral("NAME:\n   %1 - %2\n\nUSAGE:\n   %1").arg(helpName, command.usage);
    if (!flags.isEmpty())
        t += QStringLiteral(" [command options]");
    t += QLatin1Char(' ') +
         (command.argsUsage.isEmpty() ? QStringLiteral("[arguments...]") : command.argsUsage);
    if (!command.description.isEmpty())
        t += QStringLiteral("\n\nDESCRIPTION:\n   ") + command.description;
    if (!flags.isEmpty()) {
        t += QStringLiteral("\n\nOPTIONS:\n   ");
        for (const Flag &f : flags)
            t += flagLine(f) + QStringLiteral("\n   ");
    }
    t += QLatin1Char('\n');
    return tabulate(t);
}

QByteArray groupHelp(const QString &helpName, const Command &group)
{
    QString t = QStringLiteral("NAME:\n   %1 - %2\n\nUSAGE:\n   %1 command [command options] "
                               "[arguments...]\n\nCOMMANDS:")
                    .arg(helpName, group.usage);
    for (const Command &c : group.subcommands)
        t += QStringLiteral("\n   %1\t%2").arg(c.names.join(QStringLiteral(", ")), c.usage);
    t += QStringLiteral("\n\nOPTIONS:\n   --help, -h\tshow help\n   \n");
    return tabulate(t);
}

} // namespace ctl
