// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "api/ClusterTypes.h"

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QSet>

#include <optional>

namespace node {

// Who is in the cluster: every member's id, name, peer and client URLs, plus
// the ids removed for good (a removed id may never come back, as in etcd).
// Changed only by applying committed Raft entries, so every member holds the
// same view at the same index; saved in snapshots and served to members that
// join an existing cluster. Plain value, not thread-safe.
class ClusterMembership
{
public:
    quint64 clusterId() const { return m_clusterId; }
    void setClusterId(quint64 id) { m_clusterId = id; }

    QList<api::MemberInfo> members() const; // ordered by id
    std::optional<api::MemberInfo> member(quint64 id) const;
    bool contains(quint64 id) const { return m_members.contains(id); }
    bool isRemoved(quint64 id) const { return m_removed.contains(id); }
    QList<quint64> ids() const { return m_members.keys(); }
    // The member owning one of these peer URLs, if any (other than `except`).
    std::optional<quint64> findByPeerUrls(const QStringList &urls, quint64 except = 0) const;

    enum class Change { Ok, IdExists, IdRemoved, NotFound, PeerUrlExists };
    Change add(const api::MemberInfo &member);
    Change remove(quint64 id);
    Change updatePeerUrls(quint64 id, const QStringList &peerUrls);
    Change setAttributes(quint64 id, const QString &name, const QStringList &clientUrls);

    QByteArray toJson() const;
    static std::optional<ClusterMembership> fromJson(const QByteArray &json);

    static QByteArray memberToJson(const api::MemberInfo &member);
    static std::optional<api::MemberInfo> memberFromJson(const QByteArray &json);

private:
    quint64 m_clusterId = 0;
    QMap<quint64, api::MemberInfo> m_members;
    QSet<quint64> m_removed;
};

} // namespace node
