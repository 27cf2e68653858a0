// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "ctl/Flag.h"
#include "go/GoFlags.h"

#include <QHash>
#include <QList>
#include <QStringList>

namespace ctl {

// etcdctl's flags of one command level: parses arguments exactly like Go's
// flag package, which etcdctl uses through urfave/cli (the grammar is
// go/GoFlags; this class adds the flag types' values, Go's value checks and
// Go's error texts: "flag provided but not defined: -x", ...).
// Commands first reorder their arguments the way urfave/cli v1.22 does, so
// known flags may follow the positional arguments.
// Value type; not thread-safe.
class FlagSet
{
public:
    explicit FlagSet(QList<Flag> flags = {});

    // Returns false with Go's message in *error.
    bool parse(const QStringList &arguments, QString *error);
    QStringList args() const { return m_args; }

    bool isSet(const QString &name) const;
    bool boolValue(const QString &name) const;
    QString stringValue(const QString &name) const;
    qint64 intValue(const QString &name) const;
    qint64 durationMs(const QString &name) const;
    QStringList sliceValue(const QString &name) const;

    const QList<Flag> &flags() const { return m_flags; }

    // urfave/cli v1.22 reorderArgs: known flags (and the value after a flag
    // without '=') move before the other arguments; "--" stops reordering.
    static QStringList reorder(const QList<Flag> &flags, const QStringList &arguments);

    // The grammar's view of `flags`: one definition per name, with Go's value
    // check of the flag's type (strconv.ParseBool, ParseInt, time.ParseDuration).
    static QList<go::GoFlags::Definition> definitions(const QList<Flag> &flags);
    // Go's flag package text for a parse error.
    static QString goMessage(const go::GoFlags::Error &error);

    // Go syntax helpers, public for tests.
    static bool parseGoInt(const QString &text, qint64 *value, QString *why);
    static bool parseGoBool(const QString &text, bool *value);
    static bool parseGoDuration(const QString &text, qint64 *ms);

private:
    int indexOf(const QString &name) const;

    QList<Flag> m_flags;
    QHash<QString, int> m_byName;
    QHash<int, QStringList> m_values; // flag index -> values given (last wins, slices keep all)
    QStringList m_args;
};

} // namespace ctl
