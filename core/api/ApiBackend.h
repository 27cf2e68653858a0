// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "api/AuthBackend.h"
#include "api/ClusterBackend.h"
#include "api/KeysBackend.h"
#include "api/StatsBackend.h"

namespace api {

// Everything the v2 HTTP contract needs from the member it runs on, one
// interface per API: keys, cluster (members), auth and stats. The member
// (EtcdNode) implements them all; tests implement them over a bare Store.
// Threading and callback rules: see each interface.
class ApiBackend : public KeysBackend,
                   public ClusterBackend,
                   public AuthBackend,
                   public StatsBackend
{
public:
    using KeysBackend::ResultCallback;
};

} // namespace api
