// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Logging category of the Raft core ("qetcd.raft"). Debug output is off by default because
// the core runs thousands of steps per second in tests; enable it with
// QT_LOGGING_RULES="qetcd.raft.debug=true".
#pragma once

#include <QLoggingCategory>

namespace raft {

Q_DECLARE_LOGGING_CATEGORY(lcRaft)

} // namespace raft
