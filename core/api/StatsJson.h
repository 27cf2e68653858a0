// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "api/ClusterTypes.h"

#include <QByteArray>

namespace store {
struct StoreStats;
} // namespace store

namespace api {

class ApiBackend;

// JSON for the cluster endpoints, with etcd's field
// order so byte-comparing tools and eyes see the same thing as with etcd.
class StatsJson
{
public:
    static QByteArray store(const store::StoreStats &stats);
    static QByteArray self(const SelfStats &stats);
    static QByteArray leader(const LeaderStats &stats);
    static QByteArray member(const MemberInfo &member);
    static QByteArray members(const QList<MemberInfo> &members); // with trailing newline
    // Go's time.Duration.String(), e.g. "7h10m25.17655575s".
    static QByteArray goDuration(qint64 ns);
    // Go's encoding of a float64 (shortest representation).
    static QByteArray goFloat(double v);
};

} // namespace api
