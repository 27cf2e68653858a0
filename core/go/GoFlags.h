// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace go {

// Go's flag package grammar (FlagSet.parseOne), the one tokenizer of command
// lines for qetcdctl (etcdctl's urfave/cli v1 over Go's flag) and the daemon
// (etcd 2.2's flag.FlagSet). Table-driven over the flags' names; what a value
// means stays with the caller.
//
// The grammar, as Go's flag package has it:
// - "-name" and "--name" are the same flag; "-name=value", "--name=value";
// - a flag that is not a bool takes the next argument as its value when it has
//   no '=' (whatever that argument looks like, "--" and "-x" included);
//   missing: "flag needs an argument";
// - a bool flag never takes a separate value: "-b" is true, "-b=false" false;
// - "--" ends the flags and is dropped; "-" and "" are arguments, not flags;
// - "---x", "-=x", "--=x" are "bad flag syntax"; an unknown name is "flag
//   provided but not defined";
// - by default the first argument that is not a flag ends the flags, and the
//   first error ends the parse.
// Go's "-h"/"-help" shortcut (ErrHelp when no such flag is defined) is not
// built in: callers that want help define it as a bool flag.
//
// Where the programs differ from Go's flag package, Options say so:
// - Interspersed::Reorder is urfave/cli v1.22's reorderArgs, which etcdctl's
//   commands run before Go's parse: flags this table knows (with the word after
//   a flag without '=', even a bool's) move before the other arguments; "--"
//   stops the reordering; unknown flags stay where they were, so one after a
//   positional argument is an argument, not an error.
// - Interspersed::Anywhere lets flags follow positional arguments (until "--"),
//   as QCommandLineParser did for the daemon, whose error reporting it keeps;
//   with keepGoing an error does not end the parse (the bad argument is
//   skipped), so all of them are reported at once.
// Pure functions; thread-safe.
class GoFlags
{
public:
    struct Definition
    {
        QString name; // without dashes; a flag with several names has one Definition each
        bool isBool = false;
        // Go's flag.Value.Set, run on each value as it is parsed (Go stops at
        // the first that fails): an empty string accepts, anything else is the
        // reason ("parse error"). Unset: any value is accepted, also for bools.
        std::function<QString(const QString &value)> check;
    };

    enum class Interspersed {
        No,       // Go's flag: the first non-flag argument ends the flags
        Reorder,  // urfave/cli v1.22: reorder(), then as No
        Anywhere, // flags anywhere before "--"; non-flags are collected in order
    };

    struct Options
    {
        Interspersed interspersed = Interspersed::No;
        bool keepGoing = false; // record every error instead of stopping at the first
    };

    // One flag as given, in command-line order; a flag given twice appears twice.
    struct Setting
    {
        QString name;       // as written, without dashes or value
        QString value;      // "true" for a bool given bare
        bool explicitValue; // "=value" was written (always so for non-bools given "-f=v")
        QString argument;   // the argument that named the flag, as written ("-f=v", "--f")
    };

    struct Error
    {
        enum class Kind {
            BadSyntax,     // "bad flag syntax: %s" (argument)
            NotDefined,    // "flag provided but not defined: -%s" (name)
            NeedsArgument, // "flag needs an argument: -%s" (name)
            InvalidBool,   // "invalid boolean value %q for -%s: %v" (value, name, reason)
            InvalidValue,  // "invalid value %q for flag -%s: %v" (value, name, reason)
        };
        Kind kind;
        QString argument; // as written
        QString name;     // without dashes or value; empty for BadSyntax
        QString value;
        QString reason; // what check() answered
    };

    struct Result
    {
        QList<Setting> settings;
        QStringList arguments; // the positional arguments, in order
        QList<Error> errors;   // at most one unless Options::keepGoing
        bool ok() const { return errors.isEmpty(); }
    };

    static Result parse(const QList<Definition> &flags, const QStringList &arguments,
                        const Options &options);
    static Result parse(const QList<Definition> &flags, const QStringList &arguments)
    {
        return parse(flags, arguments, Options());
    }

    // urfave/cli v1.22 reorderArgs (see Interspersed::Reorder); public for tests.
    static QStringList reorder(const QList<Definition> &flags, const QStringList &arguments);
};

} // namespace go
