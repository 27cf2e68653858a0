// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The logging category of the Raft core; debug output off unless enabled by rules.
#include "raft/RaftLogging.h"

namespace raft {

Q_LOGGING_CATEGORY(lcRaft, "qetcd.raft", QtInfoMsg)

} // namespace raft
