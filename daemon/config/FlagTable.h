// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "FlagDefinition.h"

#include <QList>

namespace server::config {

// FlagTable: the daemon's flags, in the order --help lists them.
//
// The single place that says which flags exist, their defaults as shown to users, and which
// Config field each one sets. Built once, immutable afterwards; any thread.
class FlagTable
{
public:
    static const QList<FlagDefinition> &all();
    // nullptr when no flag has that name (given without dashes).
    static const FlagDefinition *find(const QString &name);
};

} // namespace server::config
