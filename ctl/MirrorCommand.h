// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "ctl/Command.h"

namespace ctl {

// `mirror`: live migration of an etcd v2 keyspace into another cluster
// (MirrorSession does the work; this maps flags to it and to two clients).
Command mirrorCommand();

} // namespace ctl
