// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "ctl/FlagSet.h"

#include "client/GoText.h"
#include "go/GoStrconv.h"

#include <QRegularExpression>

#include <cmath>
#include <limits>

namespace ctl {

FlagSet::FlagSet(QList<Flag> flags) : m_flags(std::move(flags))
{
    for (int i = 0; i < m_flags.size(); ++i) {
        for (const QString &n : m_flags[i].names)
            m_byName.insert(n, i);
    }
}

int FlagSet::indexOf(const QString &name) const
{
    return m_byName.value(name, -1);
}

QStringList FlagSet::reorder(const QList<Flag> &flags, const QStringList &arguments)
{
    return go::GoFlags::reorder(definitions(flags), arguments);
}

QList<go::GoFlags::Definition> FlagSet::definitions(const QList<Flag> &flags)
{
    QList<go::GoFlags::Definition> out;
    for (const Flag &f : flags) {
        std::function<QString(const QString &)> check;
        switch (f.type) {
        case Flag::Type::Bool:
            check = [](const QString &v) {
                bool b = false;
                return parseGoBool(v, &b) ? QString() : QStringLiteral("parse error");
            };
            break;
        case Flag::Type::Int:
            check = [](const QString &v) {
                qint64 n = 0;
                QString why;
                return parseGoInt(v, &n, &why) ? QString() : why;
            };
            break;
        case Flag::Type::Duration:
            check = [](const QString &v) {
                qint64 ms = 0;
                return parseGoDuration(v, &ms) ? QString() : QStringLiteral("parse error");
            };
            break;
        case Flag::Type::String:
        case Flag::Type::StringSlice:
            break;
        }
        for (const QString &name : f.names)
            out.append({name, f.type == Flag::Type::Bool, check});
    }
    return out;
}

QString FlagSet::goMessage(const go::GoFlags::Error &e)
{
    const QString quoted = QString::fromUtf8(client::go::quote(e.value));
    switch (e.kind) {
    case go::GoFlags::Error::Kind::BadSyntax:
        return QStringLiteral("bad flag syntax: %1").arg(e.argument);
    case go::GoFlags::Error::Kind::NotDefined:
        return QStringLiteral("flag provided but not defined: -%1").arg(e.name);
    case go::GoFlags::Error::Kind::NeedsArgument:
        return QStringLiteral("flag needs an argument: -%1").arg(e.name);
    case go::GoFlags::Error::Kind::InvalidBool:
        return QStringLiteral("invalid boolean value %1 for -%2: %3").arg(quoted, e.name, e.reason);
    case go::GoFlags::Error::Kind::InvalidValue:
        return QStringLiteral("invalid value %1 for flag -%2: %3").arg(quoted, e.name, e.reason);
    }
    return {};
}

bool FlagSet::parseGoBool(const QString &text, bool *value)
{
    const std::optional<bool> parsed = go::GoStrconv::parseBool(text);
    if (parsed)
        *value = *parsed;
    return parsed.has_value();
}

bool FlagSet::parseGoInt(const QString &text, qint64 *value, QString *why)
{
    // strconv.ParseInt(s, 0, 64): sign, then 0x / 0o / 0b / leading-0 octal.
    QString s = text;
    bool negative = false;
    if (s.startsWith(QLatin1Char('+')) || s.startsWith(QLatin1Char('-'))) {
        negative = s.startsWith(QLatin1Char('-'));
        s = s.mid(1);
    }
    int base = 10;
    if (s.size() > 1 && s[0] == QLatin1Char('0')) {
        const QChar p = s[1].toLower();
        if (p == QLatin1Char('x')) {
            base = 16;
            s = s.mid(2);
        } else if (p == QLatin1Char('o')) {
            base = 8;
            s = s.mid(2);
        } else if (p == QLatin1Char('b')) {
            base = 2;
            s = s.mid(2);
        } else {
            base = 8;
            s = s.mid(1);
        }
        s.remove(QLatin1Char('_'));
    }
    if (s.isEmpty()) {
        *why = QStringLiteral("parse error");
        return false;
    }
    quint64 magnitude = 0;
    bool overflow = false;
    for (QChar c : s) {
        const int d = c.isDigit() ? c.digitValue()
                      : (c.toLower() >= QLatin1Char('a') && c.toLower() <= QLatin1Char('z'))
                          ? c.toLower().unicode() - 'a' + 10
                          : 99;
        if (d >= base) {
            *why = QStringLiteral("parse error");
            return false;
        }
        if (magnitude > (std::numeric_limits<quint64>::max() - quint64(d)) / quint64(base))
            overflow = true;
        else
            magnitude = magnitude * quint64(base) + quint64(d);
    }
    const quint64 limit = negative ? quint64(std::numeric_limits<qint64>::max()) + 1
                                   : quint64(std::numeric_limits<qint64>::max());
    if (overflow || magnitude > limit) {
        *why = QStringLiteral("value out of range");
        return false;
    }
    *value = negative ? qint64(0 - magnitude) : qint64(magnitude);
    return true;
}

bool FlagSet::parseGoDuration(const QString &text, qint64 *ms)
{
    // time.ParseDuration: [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+, or "0".
    QString s = text;
    bool negative = false;
    if (s.startsWith(QLatin1Char('-')) || s.startsWith(QLatin1Char('+'))) {
        negative = s.startsWith(QLatin1Char('-'));
        s = s.mid(1);
    }
    if (s == QLatin1String("0")) {
        *ms = 0;
        return true;
    }
    if (s.isEmpty())
        return false;
    static const QRegularExpression part(
        QStringLiteral("^([0-9]*)(\\.[0-9]*)?(ns|us|\u00b5s|\u03bcs|ms|s|m|h)"));
    double totalNs = 0;
    while (!s.isEmpty()) {
        const auto m = part.match(s);
        if (!m.hasMatch())
            return false;
        const QString whole = m.captured(1);
        const QString frac = m.captured(2);
        if (whole.isEmpty() && frac.size() <= 1)
            return false;
        const double number = (whole + (frac.isEmpty() ? QString() : frac)).toDouble();
        const QString unit = m.captured(3);
        double scale = 1;
        if (unit == QLatin1String("us") || unit == QStringLiteral("\u00b5s") ||
            unit == QStringLiteral("\u03bcs"))
            scale = 1e3;
        else if (unit == QLatin1String("ms"))
            scale = 1e6;
        else if (unit == QLatin1String("s"))
            scale = 1e9;
        else if (unit == QLatin1String("m"))
            scale = 60e9;
        else if (unit == QLatin1String("h"))
            scale = 3600e9;
        totalNs += number * scale;
        s = s.mid(m.capturedLength());
    }
    *ms = qint64(std::llround(totalNs / 1e6)) * (negative ? -1 : 1);
    return true;
}

bool FlagSet::parse(const QStringList &arguments, QString *error)
{
    m_values.clear();
    m_args.clear();
    const go::GoFlags::Result parsed = go::GoFlags::parse(definitions(m_flags), arguments);
    for (const go::GoFlags::Setting &s : parsed.settings) {
        const int index = indexOf(s.name);
        const Flag &flag = m_flags[index];
        if (flag.type == Flag::Type::Bool) {
            bool b = true;
            if (s.explicitValue)
                parseGoBool(s.value, &b);
            m_values[index] = {b ? QStringLiteral("true") : QStringLiteral("false")};
        } else if (flag.type == Flag::Type::StringSlice) {
            m_values[index].append(s.value);
        } else {
            m_values[index] = {s.value};
        }
    }
    if (!parsed.ok()) { // the flags before the bad one keep their values, as in Go
        *error = goMessage(parsed.errors.first());
        return false;
    }
    m_args = parsed.arguments;
    return true;
}

bool FlagSet::isSet(const QString &name) const
{
    return m_values.contains(indexOf(name));
}

bool FlagSet::boolValue(const QString &name) const
{
    const auto v = m_values.value(indexOf(name));
    return !v.isEmpty() && v.last() == QLatin1String("true");
}

QString FlagSet::stringValue(const QString &name) const
{
    const int i = indexOf(name);
    const auto v = m_values.value(i);
    if (!v.isEmpty())
        return v.last();
    return i >= 0 ? m_flags[i].defaultValue : QString();
}

qint64 FlagSet::intValue(const QString &name) const
{
    qint64 v = 0;
    QString why;
    parseGoInt(stringValue(name), &v, &why);
    return v;
}

qint64 FlagSet::durationMs(const QString &name) const
{
    qint64 v = 0;
    parseGoDuration(stringValue(name), &v);
    return v;
}

QStringList FlagSet::sliceValue(const QString &name) const
{
    return m_values.value(indexOf(name));
}

} // namespace ctl
