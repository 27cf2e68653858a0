// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "ctl/Command.h"

namespace ctl {

// user, role and auth command groups of etcdctl v2 (/v2/auth).
Command userCommand();
Command roleCommand();
Command authCommand();

} // namespace ctl
