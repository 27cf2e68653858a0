// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QString>

#include <optional>

namespace go {

// Go's strconv parsing rules where etcd's behaviour depends on them: the
// daemon's flags, etcdctl's flags and the v2 API's boolean parameters all
// accept exactly what Go accepts. Pure functions; thread-safe.
class GoStrconv
{
public:
    // strconv.ParseBool: 1 t T TRUE true True / 0 f F FALSE false False.
    static std::optional<bool> parseBool(const QString &text);
};

} // namespace go
