// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "ctl/CompletionCommand.h"

#include "ctl/Invocation.h"

namespace ctl {

namespace {

QStringList spellings(const QList<Flag> &flags, bool valuesOnly)
{
    QStringList out;
    for (const Flag &f : flags) {
        if (valuesOnly && f.type == Flag::Type::Bool)
            continue;
        for (const QString &n : f.names)
            out.append((n.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + n);
    }
    return out;
}

QString functionName(const QString &appName)
{
    QString f = appName;
    for (QChar &c : f) {
        if (!c.isLetterOrNumber())
            c = QLatin1Char('_');
    }
    return QStringLiteral("_") + f;
}

} // namespace

QByteArray bashCompletionScript(const QString &appName, const QList<Command> &commands,
                                const QList<Flag> &globalFlags)
{
    QStringList names;
    QString cases;
    QStringList valueFlags = spellings(globalFlags, true);
    for (const Command &c : commands) {
        names += c.names;
        const QString pattern = c.names.join(QLatin1Char('|'));
        if (!c.subcommands.isEmpty()) {
            QStringList subs;
            QString subCases;
            for (const Command &s : c.subcommands) {
                subs += s.names;
                subCases += QStringLiteral("                %1) words=\"%2\" ;;\n")
                                .arg(s.names.join(QLatin1Char('|')),
                                     (spellings(s.flags, false) << QStringLiteral("--help"))
                                         .join(QLatin1Char(' ')));
                valueFlags += spellings(s.flags, true);
            }
            cases += QStringLiteral("        %1)\n"
                                    "            if [[ -z $sub ]]; then words=\"%2\"; else\n"
                                    "            case \"$sub\" in\n%3"
                                    "                *) words=\"\" ;;\n"
                                    "            esac; fi ;;\n")
                         .arg(pattern, subs.join(QLatin1Char(' ')), subCases);
        } else {
            QString extra;
            if (c.name() == QLatin1String("completion"))
                extra = QStringLiteral(" bash");
            cases += QStringLiteral("        %1) words=\"%2%3\" ;;\n")
                         .arg(pattern,
                              (spellings(c.flags, false) << QStringLiteral("--help"))
                                  .join(QLatin1Char(' ')),
                              extra);
            valueFlags += spellings(c.flags, true);
        }
    }
    valueFlags.removeDuplicates();
    const QString fn = functionName(appName);
    QString s;
    s += QStringLiteral("# bash completion for %1; load with: source <(%1 completion bash)\n")
             .arg(appName);
    s += QStringLiteral("%1() {\n").arg(fn);
    s += QStringLiteral(
        "    local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n");
    s += QStringLiteral("    local globals=\"%1\"\n")
             .arg(spellings(globalFlags, false).join(QLatin1Char(' ')));
    s += QStringLiteral("    local takes_value=\" %1 \"\n").arg(valueFlags.join(QLatin1Char(' ')));
    s += QStringLiteral("    local cmd=\"\" sub=\"\" words=\"\" i w\n");
    s += QStringLiteral("    for ((i = 1; i < COMP_CWORD; i++)); do\n"
                        "        w=\"${COMP_WORDS[i]}\"\n"
                        "        case \"$w\" in\n"
                        "            --) break ;;\n"
                        "            -*=*) ;;\n"
                        "            -*) [[ $takes_value == *\" $w \"* ]] && ((i++)) ;;\n"
                        "            *) if [[ -z $cmd ]]; then cmd=\"$w\"; elif [[ -z $sub ]]; "
                        "then sub=\"$w\"; fi ;;\n"
                        "        esac\n"
                        "    done\n");
    s += QStringLiteral(
        "    case \"$prev\" in\n"
        "        -o|--output) COMPREPLY=($(compgen -W \"simple extended json\" -- \"$cur\")); "
        "return ;;\n"
        "        "
        "--cert-file|--key-file|--ca-file|--data-dir|--wal-dir|--backup-dir|--backup-wal-dir)\n"
        "            COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"
        "    esac\n");
    s += QStringLiteral("    case \"$cmd\" in\n");
    s += QStringLiteral("        \"\") words=\"$globals %1\" ;;\n")
             .arg(names.join(QLatin1Char(' ')));
    s += cases;
    s += QStringLiteral("    esac\n");
    s += QStringLiteral("    COMPREPLY=($(compgen -W \"$words\" -- \"$cur\"))\n}\n");
    s += QStringLiteral("complete -F %1 %2\n").arg(fn, appName);
    return s.toUtf8();
}

Command completionCommand(const QString &appName, std::function<QList<Command>()> commands,
                          std::function<QList<Flag>()> globalFlags)
{
    Command c;
    c.names = {QStringLiteral("completion")};
    c.usage = Invocation::tr("print a shell completion script (bash)");
    c.argsUsage = QStringLiteral("bash");
    c.action = [appName, commands, globalFlags](Invocation &inv) {
        const QString shell = inv.args().value(0, QStringLiteral("bash"));
        if (shell != QLatin1String("bash"))
            inv.handleError(Invocation::BadArgs,
                            Invocation::tr("unsupported shell %1 (only bash)").arg(shell));
        Invocation::out(bashCompletionScript(appName, commands(), globalFlags()));
        return int(Invocation::Success);
    };
    return c;
}

} // namespace ctl
