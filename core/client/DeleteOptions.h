// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QString>

namespace client {

// Options of a keys DELETE: a directory (empty unless recursive), a whole
// subtree, or compareAndDelete against the current value or index.
struct DeleteOptions
{
    bool dir = false;
    bool recursive = false;
    QString prevValue;     // sent only when not empty
    quint64 prevIndex = 0; // sent only when not 0
};

} // namespace client
