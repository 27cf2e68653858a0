// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "store/EtcdError.h"
#include "store/Event.h"

#include <optional>

namespace store {

// StoreResult: either an error (nothing changed) or the event of a successful operation.
struct StoreResult
{
    std::optional<EtcdError> error;
    Event event;
    bool ok() const { return !error; }
};

} // namespace store
