// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "DiscoveryLogic.h"

#include "FlagValue.h"

#include <QSet>

#include <algorithm>
#include <limits>

namespace server::discovery {

QString DiscoveryLogic::text(Failure failure)
{
    // etcd's error values, verbatim: scripts and operators grep for them.
    switch (failure) {
    case Failure::None:
        return {};
    case Failure::InvalidUrl:
        return QStringLiteral("discovery: invalid URL");
    case Failure::BadSizeKey:
        return QStringLiteral("discovery: size key is bad");
    case Failure::SizeNotFound:
        return QStringLiteral("discovery: size key not found");
    case Failure::DuplicateId:
        return QStringLiteral("discovery: found duplicate id");
    case Failure::DuplicateName:
        return QStringLiteral("discovery: found duplicate name");
    case Failure::FullCluster:
        return QStringLiteral("discovery: cluster is full");
    case Failure::TooManyRetries:
        return QStringLiteral("discovery: too many retries");
    case Failure::BadDiscoveryEndpoint:
        return QStringLiteral("discovery: bad discovery endpoint");
    case Failure::Other:
        break;
    }
    return {};
}

std::optional<DiscoveryLogic::TokenUrl> DiscoveryLogic::parseTokenUrl(const QString &discoveryUrl)
{
    const QUrl url(discoveryUrl, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")))
        return std::nullopt;
    TokenUrl result;
    result.token = url.path();
    while (result.token.endsWith(QLatin1Char('/')))
        result.token.chop(1);
    if (result.token.isEmpty())
        return std::nullopt;
    result.service = url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
    return result;
}

QString DiscoveryLogic::selfKey(const QString &token, quint64 memberId)
{
    return token + QLatin1Char('/') + QString::number(memberId, 16);
}

QString DiscoveryLogic::registrationValue(const QString &name, const QList<QUrl> &peerUrls)
{
    QStringList pairs;
    for (const QUrl &url : peerUrls)
        pairs.append(name + QLatin1Char('=') + url.toString());
    pairs.sort();
    return pairs.join(QLatin1Char(','));
}

std::optional<int> DiscoveryLogic::parseSize(const QString &text)
{
    // strconv.Atoi: an optional sign, then decimal digits only (no spaces).
    QString digits = text;
    if (digits.startsWith(QLatin1Char('+')) || digits.startsWith(QLatin1Char('-')))
        digits.remove(0, 1);
    if (digits.isEmpty())
        return std::nullopt;
    for (const QChar c : digits)
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return std::nullopt;
    bool ok = false;
    const qlonglong value = text.toLongLong(&ok);
    if (!ok || value < 1 || value > std::numeric_limits<int>::max())
        return std::nullopt;
    return int(value);
}

QString DiscoveryLogic::baseName(const QString &key)
{
    QString k = key;
    while (k.endsWith(QLatin1Char('/')))
        k.chop(1);
    return k.mid(k.lastIndexOf(QLatin1Char('/')) + 1);
}

DiscoveryLogic::Check DiscoveryLogic::checkCluster(QList<Registration> children, int size,
                                                   const QString &selfName)
{
    std::stable_sort(children.begin(), children.end(),
                     [](const Registration &a, const Registration &b) {
                         return a.createdIndex < b.createdIndex;
                     });
    Check check;
    check.nodes = children;
    // etcd's "find self position": `size` registrations before this member's (or without it)
    // mean there is no place left.
    for (qsizetype i = 0; i < children.size(); ++i) {
        if (baseName(children.at(i).key) == selfName)
            break;
        if (i >= size - 1) {
            check.failure = Failure::FullCluster;
            check.nodes = children.mid(0, size);
            break;
        }
    }
    return check;
}

DiscoveryLogic::Cluster DiscoveryLogic::nodesToCluster(const QList<Registration> &nodes, int size)
{
    Cluster cluster;
    QStringList values;
    for (const Registration &node : nodes)
        values.append(node.value);
    cluster.text = values.join(QLatin1Char(','));
    if (!config::FlagValue::parseInitialCluster(cluster.text, &cluster.members).isEmpty()) {
        cluster.failure = Failure::InvalidUrl;
        return cluster;
    }
    QSet<QString> names;
    for (const config::Config::ClusterMember &m : cluster.members)
        names.insert(m.name);
    if (names.size() != size)
        cluster.failure = Failure::DuplicateName;
    return cluster;
}

QString DiscoveryLogic::duplicateUrl(const QList<config::Config::ClusterMember> &members)
{
    QSet<QString> seen;
    for (const config::Config::ClusterMember &m : members) {
        const QString url = m.peerUrl.toString();
        if (seen.contains(url))
            return url;
        seen.insert(url);
    }
    return {};
}

int DiscoveryLogic::backoffSeconds(uint retries)
{
    return 1 << std::min(retries, 8u);
}

std::optional<QUrl> DiscoveryLogic::proxyUrl(const QString &text, QString *error)
{
    QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || !url.scheme().startsWith(QLatin1String("http")) || url.host().isEmpty())
        url = QUrl(QStringLiteral("http://") + text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) {
        *error = QStringLiteral("invalid proxy address \"%1\"").arg(text);
        return std::nullopt;
    }
    return url;
}

DiscoveryLogic::SrvCluster DiscoveryLogic::clusterFromSrv(const QList<SrvRecord> &records,
                                                          const QString &name,
                                                          const QList<OwnUrl> &own)
{
    SrvCluster result;
    int tempName = 0;
    for (const SrvRecord &record : records) {
        QString target = record.target;
        if (target.endsWith(QLatin1Char('.')))
            target.chop(1);
        const QString urlHost =
            (target.contains(QLatin1Char(':')) ? QLatin1Char('[') + target + QLatin1Char(']')
                                               : target) +
            QLatin1Char(':') + QString::number(record.port);
        const QString url = record.scheme + QLatin1String("://") + urlHost;
        if (record.addresses.isEmpty()) {
            result.notes.append(
                QStringLiteral("couldn't resolve host %1 during SRV discovery").arg(urlHost));
            continue;
        }
        const OwnUrl *mine = nullptr;
        for (const OwnUrl &o : own) {
            if (o.url.port() != record.port)
                continue;
            for (const QHostAddress &a : record.addresses)
                if (o.addresses.contains(a))
                    mine = &o;
        }
        if (mine && mine->url.scheme() != record.scheme) {
            result.error =
                QStringLiteral("bootstrap at %1 from DNS has scheme mismatch with expected peer %2")
                    .arg(url, mine->url.toString());
            continue;
        }
        const QString n = mine ? name : QString::number(tempName++);
        result.entries.append(n + QLatin1Char('=') + url);
    }
    return result;
}

QHostAddress DiscoveryLogic::nameserverFromEnvironment()
{
    return QHostAddress(qEnvironmentVariable("QETCD_DNS_NAMESERVER"));
}

} // namespace server::discovery
