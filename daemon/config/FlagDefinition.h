// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "Config.h"

#include <QString>
#include <functional>

namespace server::config {

// FlagDefinition: one etcd-style command-line flag of the daemon.
//
// Knows the flag's name (without dashes), whether it takes a value, how the help shows its default,
// and how a textual value lands in a Config. `apply` parses the text and stores it, returning an
// empty string on success or the reason the value is invalid (already translated, without the
// flag's name: the caller adds where the value came from). A boolean flag given bare (`--debug`)
// is applied with "true". Value type; the table of all flags is FlagTable.
struct FlagDefinition
{
    enum class Section { Member, Clustering, Proxy, Security, Logging, Unsafe };

    QString name;
    bool isBool = false;
    // Takes a comma-separated list: a configuration file may give it as a YAML sequence too.
    bool isList = false;
    QString defaultText;     // shown in --help between quotes
    const char *description; // untranslated; translated with the "FlagTable" context
    Section section = Section::Member;
    std::function<QString(Config &, const QString &)> apply;

    // "ETCD_" + upper-cased name with '-' replaced by '_'.
    QString environmentName() const;
};

} // namespace server::config
