// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QLoggingCategory>

namespace node {

// The member's log category ("qetcd.node"), shared by the parts of core/node
// so an operator filters one member's story with one rule.
Q_DECLARE_LOGGING_CATEGORY(lcNode)

} // namespace node
