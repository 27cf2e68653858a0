#pragma once

#include "ctl/Command.h"

// user, role and auth command groups of etcdctl v2 (/v2/auth).
namespace AuthCommands {
Command user();
Command role();
Command auth();
} // namespace AuthCommands
