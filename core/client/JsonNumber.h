// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QJsonValue>

#include <limits>
#include <optional>

// Integers in JSON from a server (indexes, TTLs, counters). JSON numbers arrive
// as doubles, and converting a double outside the target type's range (negative,
// too large, NaN, which a hostile or broken server may send) to an integer is
// undefined behaviour in C++, so every such value goes through here. Out of range
// or not a number: nullopt. Pure functions; thread-safe.
namespace client::json {

inline std::optional<quint64> toUint64(const QJsonValue &v)
{
    const double d = v.toDouble();
    if (!v.isDouble() || !(d >= 0 && d < 18446744073709551616.0)) // 2^64; false for NaN
        return std::nullopt;
    return static_cast<quint64>(d);
}

inline std::optional<qint64> toInt64(const QJsonValue &v)
{
    const double d = v.toDouble();
    if (!v.isDouble() || !(d >= -9223372036854775808.0 && d < 9223372036854775808.0)) // 2^63
        return std::nullopt;
    return static_cast<qint64>(d);
}

} // namespace client::json
