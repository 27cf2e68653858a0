// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "client/MemberStartLines.h"

#include "client/GoText.h"

#include <QStringList>

namespace client {

QString MemberStartLines::initialCluster(const QString &newName, const QString &newId,
                                         const QList<Member> &members)
{
    QStringList conf;
    for (const Member &m : members) {
        for (const QString &u : m.peerUrls)
            conf.append((m.id == newId ? newName : m.name) + QLatin1Char('=') + u);
    }
    return conf.join(QLatin1Char(','));
}

QByteArray MemberStartLines::environment(const QString &newName, const QString &newId,
                                         const QList<Member> &members)
{
    QByteArray o = "ETCD_NAME=" + go::quote(newName) + '\n';
    o += "ETCD_INITIAL_CLUSTER=" + go::quote(initialCluster(newName, newId, members)) + '\n';
    o += "ETCD_INITIAL_CLUSTER_STATE=\"existing\"\n";
    return o;
}

} // namespace client
