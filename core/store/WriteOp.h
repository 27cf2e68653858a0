// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "store/Command.h"

#include <optional>

namespace store {

// etcd's v2 rule for which store operation a write request is (v2http's keys handler and
// v2store's applier): POST creates a unique in-order key; PUT with prevExist=false creates,
// with prevExist=true updates or, with a prevValue/prevIndex condition, compares-and-swaps,
// and without prevExist sets or compares-and-swaps; DELETE deletes or compares-and-deletes.
// Shared by the HTTP parser (api::KeysRequest) and the import of etcd's log. Pure.
struct WriteOp
{
    enum class Method { Post, Put, Delete };
    // `compare`: the request carries a prevValue or a non-zero prevIndex.
    static Command::Op of(Method method, std::optional<bool> prevExist, bool compare);
};

} // namespace store
