// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QCoreApplication>
#include <QString>

namespace server::config {

// UsageText: what `qetcd --help` and `qetcd --version` print.
//
// The help follows etcd 2.2's usage layout: a usage block, then every flag of FlagTable grouped
// by section with its default in quotes and a one-line description. Stateless; any thread.
class UsageText
{
    Q_DECLARE_TR_FUNCTIONS(server::config::UsageText)

public:
    static QString help();
    static QString version();
};

} // namespace server::config
