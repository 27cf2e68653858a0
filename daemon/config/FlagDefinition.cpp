// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "FlagDefinition.h"

namespace server::config {

QString FlagDefinition::environmentName() const
{
    QString key = name.toUpper();
    key.replace(QLatin1Char('-'), QLatin1Char('_'));
    return QStringLiteral("ETCD_") + key;
}

} // namespace server::config
