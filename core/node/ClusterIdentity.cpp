// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "node/ClusterIdentity.h"

#include <QCryptographicHash>
#include <QtEndian>

#include <algorithm>

namespace node {

namespace {

quint64 first8BigEndian(const QByteArray &hash)
{
    return qFromBigEndian<quint64>(hash.constData());
}

} // namespace

quint64 ClusterIdentity::memberId(QStringList peerUrls, const QString &clusterToken,
                                  std::optional<qint64> unixSeconds)
{
    std::sort(peerUrls.begin(), peerUrls.end());
    QByteArray data;
    for (const QString &url : peerUrls)
        data += url.toUtf8();
    data += clusterToken.toUtf8();
    if (unixSeconds)
        data += QByteArray::number(*unixSeconds);
    return first8BigEndian(QCryptographicHash::hash(data, QCryptographicHash::Sha1));
}

quint64 ClusterIdentity::clusterId(QList<quint64> memberIds)
{
    std::sort(memberIds.begin(), memberIds.end());
    QByteArray data(memberIds.size() * 8, Qt::Uninitialized);
    for (qsizetype i = 0; i < memberIds.size(); ++i)
        qToBigEndian<quint64>(memberIds.at(i), data.data() + 8 * i);
    return first8BigEndian(QCryptographicHash::hash(data, QCryptographicHash::Sha1));
}

} // namespace node
