// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Logging category of the storage module ("qetcd.storage"): WAL recovery warnings, segment
// rotation and purges. Enable debug output with QT_LOGGING_RULES="qetcd.storage.debug=true".
#pragma once

#include <QLoggingCategory>

namespace storage {

Q_DECLARE_LOGGING_CATEGORY(lcStorage)

} // namespace storage
