#pragma once

#include "ctl/Command.h"

// member list|add|remove|update and cluster-health, worded like etcdctl v2.
namespace MemberCommands {
Command member();
Command clusterHealth();
} // namespace MemberCommands
