#pragma once

#include <QByteArray>

#include <optional>

// The state-machine image a Raft snapshot carries: the key store (with its
// event history and stats) and the cluster membership, so that a member
// restored from it answers exactly like the others. Versioned; decode()
// rejects anything it does not fully understand.
struct NodeSnapshot
{
    QByteArray store;       // Store::save()
    QByteArray membership;  // ClusterMembership::toJson()

    QByteArray encode() const;
    static std::optional<NodeSnapshot> decode(const QByteArray &bytes);
};
