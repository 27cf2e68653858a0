// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "app/AdminLog.h"

namespace admin {

Q_LOGGING_CATEGORY(lcAdmin, "qetcd.admin", QtInfoMsg)

} // namespace admin
