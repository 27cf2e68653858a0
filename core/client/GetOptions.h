// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

namespace client {

// Options of a keys GET (etcd-v2-api.md): whole subtree, children ordered by
// key, linearizable read through consensus.
struct GetOptions
{
    bool recursive = false;
    bool sorted = false;
    bool quorum = false;
};

} // namespace client
