// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "go/GoFlags.h"

#include <QHash>

namespace go {

namespace {

using Definition = GoFlags::Definition;
using Error = GoFlags::Error;

QHash<QString, const Definition *> byName(const QList<Definition> &flags)
{
    QHash<QString, const Definition *> index;
    for (const Definition &f : flags)
        index.insert(f.name, &f);
    return index;
}

// The argument is a flag in Go's eyes: two characters or more, a leading '-', not "--".
bool looksLikeFlag(const QString &s)
{
    return s.size() >= 2 && s[0] == QLatin1Char('-') && s != QLatin1String("--");
}

} // namespace

QStringList GoFlags::reorder(const QList<Definition> &flags, const QStringList &arguments)
{
    const auto index = byName(flags);
    auto isKnownFlag = [&index](const QString &arg) {
        if (arg == QLatin1String("-") || arg == QLatin1String("--") ||
            !arg.startsWith(QLatin1Char('-')))
            return false;
        const QString body = arg.mid(arg.startsWith(QLatin1String("--")) ? 2 : 1);
        return index.contains(body.section(QLatin1Char('='), 0, 0));
    };
    QStringList reordered;
    QStringList remaining;
    bool nextMayBeValue = false;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &arg = arguments[i];
        if (nextMayBeValue && !isKnownFlag(arg)) {
            nextMayBeValue = false;
            reordered.append(arg);
        } else if (arg == QLatin1String("--")) {
            remaining.prepend(QStringLiteral("--"));
            remaining += arguments.mid(i + 1);
            break;
        } else if (isKnownFlag(arg)) {
            reordered.append(arg);
            nextMayBeValue = !arg.contains(QLatin1Char('='));
        } else {
            remaining.append(arg);
        }
    }
    return reordered + remaining;
}

GoFlags::Result GoFlags::parse(const QList<Definition> &flags, const QStringList &arguments,
                               const Options &options)
{
    const auto index = byName(flags);
    const QStringList args =
        options.interspersed == Interspersed::Reorder ? reorder(flags, arguments) : arguments;
    Result result;
    auto fail = [&result, &options](Error error) {
        result.errors.append(std::move(error));
        return !options.keepGoing;
    };
    qsizetype i = 0;
    while (i < args.size()) {
        const QString &s = args[i];
        if (s == QLatin1String("--")) { // ends the flags
            ++i;
            break;
        }
        if (!looksLikeFlag(s)) {
            if (options.interspersed != Interspersed::Anywhere)
                break;
            result.arguments.append(s);
            ++i;
            continue;
        }
        ++i;
        const int minuses = s[1] == QLatin1Char('-') ? 2 : 1;
        QString name = s.mid(minuses);
        if (name[0] == QLatin1Char('-') || name[0] == QLatin1Char('=')) {
            if (fail({Error::Kind::BadSyntax, s, {}, {}, {}}))
                break;
            continue;
        }
        bool hasValue = false;
        QString value;
        const qsizetype eq = name.indexOf(QLatin1Char('='), 1); // '=' cannot come first
        if (eq > 0) {
            value = name.mid(eq + 1);
            name.truncate(eq);
            hasValue = true;
        }
        const Definition *flag = index.value(name);
        if (!flag) {
            if (fail({Error::Kind::NotDefined, s, name, {}, {}}))
                break;
            continue;
        }
        if (flag->isBool) {
            if (hasValue && flag->check) {
                const QString why = flag->check(value);
                if (!why.isEmpty()) {
                    if (fail({Error::Kind::InvalidBool, s, name, value, why}))
                        break;
                    continue;
                }
            }
            result.settings.append({name, hasValue ? value : QStringLiteral("true"), hasValue, s});
            continue;
        }
        if (!hasValue && i < args.size()) {
            value = args[i++];
            hasValue = true;
        }
        if (!hasValue) {
            if (fail({Error::Kind::NeedsArgument, s, name, {}, {}}))
                break;
            continue;
        }
        if (flag->check) {
            const QString why = flag->check(value);
            if (!why.isEmpty()) {
                if (fail({Error::Kind::InvalidValue, s, name, value, why}))
                    break;
                continue;
            }
        }
        result.settings.append({name, value, eq > 0, s});
    }
    if (result.errors.isEmpty() || options.keepGoing)
        result.arguments += args.mid(i);
    return result;
}

} // namespace go
