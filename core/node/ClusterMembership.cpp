// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "node/ClusterMembership.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace node {

namespace {

QJsonObject toObject(const api::MemberInfo &m)
{
    return QJsonObject{{QStringLiteral("id"), QString::number(m.id, 16)},
                       {QStringLiteral("name"), m.name},
                       {QStringLiteral("peerURLs"), QJsonArray::fromStringList(m.peerUrls)},
                       {QStringLiteral("clientURLs"), QJsonArray::fromStringList(m.clientUrls)}};
}

std::optional<QStringList> stringList(const QJsonValue &v)
{
    if (!v.isArray())
        return std::nullopt;
    QStringList out;
    for (const QJsonValue &item : v.toArray()) {
        if (!item.isString())
            return std::nullopt;
        out << item.toString();
    }
    return out;
}

std::optional<api::MemberInfo> fromObject(const QJsonObject &o)
{
    bool ok = false;
    api::MemberInfo m;
    m.id = o.value(QLatin1String("id")).toString().toULongLong(&ok, 16);
    if (!ok || m.id == 0)
        return std::nullopt;
    m.name = o.value(QLatin1String("name")).toString();
    auto peers = stringList(o.value(QLatin1String("peerURLs")));
    auto clients = stringList(o.value(QLatin1String("clientURLs")));
    if (!peers || !clients)
        return std::nullopt;
    m.peerUrls = *peers;
    m.clientUrls = *clients;
    return m;
}

} // namespace

QList<api::MemberInfo> ClusterMembership::members() const
{
    return m_members.values();
}

std::optional<api::MemberInfo> ClusterMembership::member(quint64 id) const
{
    auto it = m_members.constFind(id);
    if (it == m_members.constEnd())
        return std::nullopt;
    return *it;
}

std::optional<quint64> ClusterMembership::findByPeerUrls(const QStringList &urls,
                                                         quint64 except) const
{
    for (const api::MemberInfo &m : m_members) {
        if (m.id == except)
            continue;
        for (const QString &u : urls) {
            if (m.peerUrls.contains(u))
                return m.id;
        }
    }
    return std::nullopt;
}

ClusterMembership::Change ClusterMembership::add(const api::MemberInfo &member)
{
    if (m_removed.contains(member.id))
        return Change::IdRemoved;
    if (m_members.contains(member.id))
        return Change::IdExists;
    if (findByPeerUrls(member.peerUrls))
        return Change::PeerUrlExists;
    m_members.insert(member.id, member);
    return Change::Ok;
}

ClusterMembership::Change ClusterMembership::remove(quint64 id)
{
    if (m_removed.contains(id))
        return Change::IdRemoved;
    if (!m_members.remove(id))
        return Change::NotFound;
    m_removed.insert(id);
    return Change::Ok;
}

ClusterMembership::Change ClusterMembership::updatePeerUrls(quint64 id, const QStringList &peerUrls)
{
    auto it = m_members.find(id);
    if (it == m_members.end())
        return m_removed.contains(id) ? Change::IdRemoved : Change::NotFound;
    if (findByPeerUrls(peerUrls, id))
        return Change::PeerUrlExists;
    it->peerUrls = peerUrls;
    return Change::Ok;
}

ClusterMembership::Change ClusterMembership::setAttributes(quint64 id, const QString &name,
                                                           const QStringList &clientUrls)
{
    auto it = m_members.find(id);
    if (it == m_members.end())
        return m_removed.contains(id) ? Change::IdRemoved : Change::NotFound;
    it->name = name;
    it->clientUrls = clientUrls;
    return Change::Ok;
}

QByteArray ClusterMembership::toJson() const
{
    QJsonArray members, removed;
    for (const api::MemberInfo &m : m_members)
        members.append(toObject(m));
    for (quint64 id : m_removed)
        removed.append(QString::number(id, 16));
    QJsonObject root{{QStringLiteral("clusterId"), QString::number(m_clusterId, 16)},
                     {QStringLiteral("members"), members},
                     {QStringLiteral("removed"), removed}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

std::optional<ClusterMembership> ClusterMembership::fromJson(const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject())
        return std::nullopt;
    const QJsonObject root = doc.object();
    ClusterMembership c;
    bool ok = false;
    c.m_clusterId = root.value(QLatin1String("clusterId")).toString().toULongLong(&ok, 16);
    if (!ok)
        return std::nullopt;
    for (const QJsonValue &v : root.value(QLatin1String("members")).toArray()) {
        auto m = fromObject(v.toObject());
        if (!m)
            return std::nullopt;
        c.m_members.insert(m->id, *m);
    }
    for (const QJsonValue &v : root.value(QLatin1String("removed")).toArray()) {
        const quint64 id = v.toString().toULongLong(&ok, 16);
        if (!ok)
            return std::nullopt;
        c.m_removed.insert(id);
    }
    return c;
}

QByteArray ClusterMembership::memberToJson(const api::MemberInfo &member)
{
    return QJsonDocument(toObject(member)).toJson(QJsonDocument::Compact);
}

std::optional<api::MemberInfo> ClusterMembership::memberFromJson(const QByteArray &json)
{
    const QJsonDocument doc = QJsonDocument::fromJson(json);
    if (!doc.isObject())
        return std::nullopt;
    return fromObject(doc.object());
}

} // namespace node
