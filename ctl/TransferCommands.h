// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "ctl/Command.h"

namespace ctl {

// export / import (not in etcdctl): a subtree as one JSON document with
// values, directories (empty ones too) and remaining TTLs, for backups and
// for moving data between clusters. Format:
//   {"qetcdExport":1, "root":"/app", "etcdIndex":42,
//    "node":{"key":"/app","dir":true,"nodes":[{"key":"/app/a","value":"1","ttl":30}, ...]}}
// Hidden keys (names starting with '_') are not listed by the server below
// the exported key and so are not exported.
QList<Command> transferCommands();

} // namespace ctl
