// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QLoggingCategory>

namespace admin {

// Logging category of the administration app ("qetcd.admin").
Q_DECLARE_LOGGING_CATEGORY(lcAdmin)

} // namespace admin
