// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QLoggingCategory>

namespace client {

// Logging category of the v2 client library ("qetcd.client").
Q_DECLARE_LOGGING_CATEGORY(lcClient)

} // namespace client
