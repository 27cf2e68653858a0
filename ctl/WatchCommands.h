// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "ctl/Command.h"

namespace ctl {

// watch and exec-watch: a client::Watcher in long-poll mode (so the extended
// output's Index: is each poll's X-Etcd-Index, like etcdctl). Unlike
// etcdctl, a watch that was connected once survives member restarts and
// fails over to other endpoints without losing or repeating events.
QList<Command> watchCommands();

} // namespace ctl
