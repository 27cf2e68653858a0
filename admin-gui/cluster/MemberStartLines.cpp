// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "cluster/MemberStartLines.h"

#include "client/GoText.h"

#include <QStringList>

namespace admin {

namespace {

QString initialCluster(const QString &newName, const QString &newId,
                       const QList<client::Member> &members)
{
    QStringList conf;
    for (const client::Member &m : members) {
        for (const QString &u : m.peerUrls)
            conf.append((m.id == newId ? newName : m.name) + QLatin1Char('=') + u);
    }
    return conf.join(QLatin1Char(','));
}

} // namespace

QString MemberStartLines::text(const QString &newName, const QString &newId,
                               const QList<client::Member> &members)
{
    QByteArray o = "ETCD_NAME=" + client::go::quote(newName) + '\n';
    o +=
        "ETCD_INITIAL_CLUSTER=" + client::go::quote(initialCluster(newName, newId, members)) + '\n';
    o += "ETCD_INITIAL_CLUSTER_STATE=\"existing\"\n";
    return QString::fromUtf8(o);
}

QString MemberStartLines::flags(const QString &newName, const QString &newId,
                                const QList<client::Member> &members)
{
    QStringList peerUrls;
    for (const client::Member &m : members) {
        if (m.id == newId)
            peerUrls = m.peerUrls;
    }
    // Single quotes for a POSIX shell; names and URLs carry no quote.
    auto q = [](const QString &s) { return QLatin1Char('\'') + s + QLatin1Char('\''); };
    return QStringLiteral("qetcd --name %1 --initial-advertise-peer-urls %2 "
                          "--listen-peer-urls %2 --initial-cluster %3 "
                          "--initial-cluster-state existing")
        .arg(q(newName), q(peerUrls.join(QLatin1Char(','))),
             q(initialCluster(newName, newId, members)));
}

} // namespace admin
