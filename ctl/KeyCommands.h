// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "ctl/Command.h"

namespace ctl {

// etcdctl's key commands: set, mk, mkdir, setdir, update, updatedir, rm,
// rmdir, get, ls. Each is a thin mapping from flags to one client call and
// from the response to etcdctl's output.
QList<Command> keyCommands();

} // namespace ctl
