// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "ctl/Command.h"

namespace ctl {

// member list|add|remove|update and cluster-health, worded like etcdctl v2.
Command memberCommand();
Command clusterHealthCommand();

} // namespace ctl
