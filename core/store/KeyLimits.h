// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "store/EtcdError.h"

#include <QString>

#include <optional>

namespace store {

// KeyLimits: how long and how deep a key may be (etcd has no such limit; issue 12).
// Without them one small request could make every member build a huge tree and answer a
// recursive GET with a reply quadratic in the depth.
//
// Two levels, both answered with 209 "Invalid field" (HTTP 400) and a cause naming the
// limit:
//  - checkRequest: what the v2 API accepts from a client, checked when the request is
//    parsed, before anything is proposed: at most maxKeyBytes UTF-8 bytes and maxKeyDepth
//    segments, counted on the key the request would create (a POST adds one segment of
//    20 digits).
//  - checkApplied: what Store::apply accepts from anyone (the WAL, a peer): at most
//    maxAppliedKeyUnits UTF-16 code units. It is a constant, the same on every member, so
//    applying stays deterministic; and it is twice the 64 KiB request-head limit, so every
//    entry an earlier version could have accepted (a key longer than 8 KiB included)
//    still applies exactly as it did. Anything longer cannot come from a client at all.
// Stateless; any thread.
class KeyLimits
{
public:
    static constexpr qsizetype maxKeyBytes = 8 * 1024;
    static constexpr qsizetype maxKeyDepth = 256;
    static constexpr qsizetype maxAppliedKeyUnits = 128 * 1024;

    // `key` is clean; `unique`: a POST, which creates key + "/" + 20 digits.
    static std::optional<EtcdError> checkRequest(const QString &key, bool unique);
    // `key` is clean; `index` is the store index the error reports.
    static std::optional<EtcdError> checkApplied(const QString &key, quint64 index);

    static qsizetype utf8Size(QStringView s);
    static qsizetype depth(QStringView cleanKey); // segments; 0 for "/"
};

} // namespace store
