// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "ctl/Command.h"

namespace ctl {

// backup: copies a stopped member's data directory (member/snap and the WAL)
// to a backup directory. Unlike etcdctl it does not rewrite the WAL with new
// member and cluster IDs; restore it with --force-new-cluster.
Command backupCommand();

} // namespace ctl
