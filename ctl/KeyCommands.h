#pragma once

#include "ctl/Command.h"

// etcdctl's key commands: set, mk, mkdir, setdir, update, updatedir, rm,
// rmdir, get, ls. Each is a thin mapping from flags to one client call and
// from the response to etcdctl's output.
namespace KeyCommands {
QList<Command> commands();
}
