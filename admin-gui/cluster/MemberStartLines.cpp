// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "cluster/MemberStartLines.h"

#include "client/MemberStartLines.h"

#include <QStringList>

namespace admin {

QString MemberStartLines::text(const QString &newName, const QString &newId,
                               const QList<client::Member> &members)
{
    return QString::fromUtf8(client::MemberStartLines::environment(newName, newId, members));
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
             q(client::MemberStartLines::initialCluster(newName, newId, members)));
}

} // namespace admin
