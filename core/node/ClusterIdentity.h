// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QList>
#include <QStringList>

#include <optional>

namespace node {

// Member and cluster ids derived exactly like etcd, so that the same flags give
// the same ids as etcd would (and a restarted member keeps its identity):
// member id = first 8 bytes (big endian) of SHA-1 over the sorted peer URLs,
// the cluster token and, for members added at runtime, the Unix time; cluster
// id = first 8 bytes of SHA-1 over the sorted member ids (8 bytes each, big
// endian). Pure functions.
class ClusterIdentity
{
public:
    static quint64 memberId(QStringList peerUrls, const QString &clusterToken,
                            std::optional<qint64> unixSeconds = std::nullopt);
    static quint64 clusterId(QList<quint64> memberIds);
};

} // namespace node
