#pragma once

#include "ctl/Command.h"

namespace ctl {

// user, role and auth command groups of etcdctl v2 (/v2/auth).
Command userCommand();
Command roleCommand();
Command authCommand();

} // namespace ctl
