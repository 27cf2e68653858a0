// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "Config.h"

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QSet>
#include <QStringList>

namespace server::config {

// ConfigParser: turns the daemon's command line and ETCD_* environment into a Config.
//
// Accepts what etcd 2.2 accepts: flags with one dash or two, values as `--flag value` or
// `--flag=value`, booleans bare or as `--flag=true|false` (Go's boolean spellings), each flag
// also as ETCD_<FLAG> in the environment with the command line winning. The grammar is Go's
// flag package (go/GoFlags), as qetcdctl's, but flags may also follow a stray argument and a
// malformed command line is reported in QCommandLineParser's words, as qetcd always has. It never
// prints or exits: the outcome says what the caller should do, `text` holds what to print,
// `exitCode` what to exit with, matching etcd: 2 for a malformed command line (unknown flag,
// missing or unparsable value), 1 for a configuration that parses but cannot work (stray argument,
// bad environment value, inconsistent flags), 0 for help and version. Stateless; any thread.
class ConfigParser
{
    Q_DECLARE_TR_FUNCTIONS(server::config::ConfigParser)

public:
    enum class Outcome {
        Run,         // start a member with `config`; log config.warnings
        ShowHelp,    // print `text` to stdout, exit 0
        ShowVersion, // print `text` to stdout, exit 0
        Error,       // print `text` to stderr, exit with `exitCode`
    };

    struct Result
    {
        Outcome outcome = Outcome::Error;
        Config config;
        QString text;
        int exitCode = 0;
    };

    // `args` as QCoreApplication::arguments(): the first element is the program and is ignored.
    static Result parse(const QStringList &args, const QProcessEnvironment &env);

private:
    // Defaults that depend on other fields, then ConfigValidator: the same for flags and a file.
    static Result finish(Config config, const QSet<QString> &explicitlySet);
};

} // namespace server::config
