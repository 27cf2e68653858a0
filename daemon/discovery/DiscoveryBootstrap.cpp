// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "DiscoveryBootstrap.h"

#include "DiscoveryLogic.h"
#include "SrvDiscovery.h"
#include "TokenDiscovery.h"
#include "node/ClusterIdentity.h"
#include "storage/DataDir.h"
#include "storage/Wal.h"

#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QLoggingCategory>

namespace server::discovery {

Q_DECLARE_LOGGING_CATEGORY(lcDiscovery)

namespace {

using config::Config;

bool hasWal(const Config &config)
{
    return storage::Wal::exists(storage::DataDir(config.dataDir, config.walDir).walDir());
}

QStringList texts(const QList<QUrl> &urls)
{
    QStringList list;
    for (const QUrl &url : urls)
        list.append(url.toString());
    return list;
}

// Runs `discovery` on a local event loop until it reports its outcome.
template <typename Discovery> typename Discovery::Outcome await(Discovery &discovery)
{
    typename Discovery::Outcome outcome;
    QEventLoop loop;
    QObject::connect(&discovery, &Discovery::finished, &loop,
                     [&](const typename Discovery::Outcome &o) {
                         outcome = o;
                         loop.quit();
                     });
    discovery.start();
    loop.exec();
    return outcome;
}

DiscoveryBootstrap::Result failed(const Config &config)
{
    return {1, config};
}

DiscoveryBootstrap::Result runToken(const Config &config)
{
    const bool proxyMode = config.proxy != Config::ProxyMode::Off;
    TokenDiscovery::Options options;
    options.discoveryUrl = config.discovery;
    options.proxy = config.discoveryProxy;
    options.join = !proxyMode;
    options.memberId =
        node::ClusterIdentity::memberId(texts(config.initialAdvertisePeerUrls), config.discovery);
    options.registration =
        DiscoveryLogic::registrationValue(config.name, config.initialAdvertisePeerUrls);
    options.maxRetries = DiscoveryBootstrap::maxRetries();

    TokenDiscovery discovery(options);
    const TokenDiscovery::Outcome outcome = await(discovery);

    Config result = config;
    using Failure = DiscoveryLogic::Failure;
    switch (outcome.failure) {
    case Failure::None:
        break;
    case Failure::FullCluster:
        if (config.discoveryFallback == Config::DiscoveryFallback::Proxy) {
            qCInfo(lcDiscovery, "discovery cluster full, falling back to proxy");
            result.proxy = Config::ProxyMode::On;
            break;
        }
        [[fallthrough]];
    default:
        if (outcome.failure == Failure::DuplicateId) {
            qCCritical(lcDiscovery,
                       "member \"%s\" has previously registered with discovery service token "
                       "(%s).",
                       qPrintable(config.name), qPrintable(config.discovery));
            qCCritical(lcDiscovery,
                       "But etcd could not find valid cluster configuration in the given data "
                       "dir (%s).",
                       qPrintable(config.dataDir));
            qCInfo(lcDiscovery,
                   "Please check the given data dir path if the previous bootstrap succeeded");
            qCInfo(lcDiscovery, "or use a new discovery token if the previous bootstrap failed.");
        } else if (outcome.failure == Failure::DuplicateName) {
            qCCritical(lcDiscovery,
                       "member with duplicated name has registered with discovery service "
                       "token(%s).",
                       qPrintable(config.discovery));
            qCCritical(lcDiscovery, "please check (cURL) the discovery token for more "
                                    "information.");
            qCCritical(lcDiscovery, "please do not reuse the discovery token and generate a new "
                                    "one to bootstrap the cluster.");
        } else {
            qCCritical(lcDiscovery, "failed to %s discovery cluster (%s)",
                       proxyMode ? "get" : "join", qPrintable(outcome.error));
            qCInfo(lcDiscovery, "discovery token %s was used, but failed to bootstrap the cluster.",
                   qPrintable(config.discovery));
            qCInfo(lcDiscovery, "please generate a new discovery token and try to bootstrap "
                                "again.");
        }
        return failed(config);
    }
    if (const QString url = DiscoveryLogic::duplicateUrl(outcome.cluster.members); !url.isEmpty()) {
        qCCritical(lcDiscovery, "discovery cluster %s has duplicate url",
                   qPrintable(outcome.cluster.text));
        return failed(config);
    }
    result.initialCluster = outcome.cluster.text;
    result.initialClusterMembers = outcome.cluster.members;
    // etcd: a cluster found by discovery has the discovery URL as its token, so every member
    // computes the same ids.
    result.initialClusterToken = config.discovery;
    qCInfo(lcDiscovery, "initial cluster from discovery: %s", qPrintable(result.initialCluster));
    return {0, result};
}

DiscoveryBootstrap::Result runSrv(const Config &config)
{
    SrvDiscovery discovery(config.discoverySrv, config.name, config.initialAdvertisePeerUrls,
                           DiscoveryLogic::nameserverFromEnvironment(),
                           config.proxy == Config::ProxyMode::Off);
    const SrvDiscovery::Outcome outcome = await(discovery);
    if (!outcome.error.isEmpty()) {
        qCCritical(lcDiscovery).noquote() << outcome.error;
        return failed(config);
    }
    if (const QString url = DiscoveryLogic::duplicateUrl(outcome.members); !url.isEmpty()) {
        qCCritical(lcDiscovery, "--initial-cluster %s has duplicate url %s",
                   qPrintable(outcome.clusterText), qPrintable(url));
        return failed(config);
    }
    Config result = config;
    result.initialCluster = outcome.clusterText;
    result.initialClusterMembers = outcome.members;
    qCInfo(lcDiscovery, "initial cluster from DNS SRV records of %s: %s",
           qPrintable(config.discoverySrv), qPrintable(result.initialCluster));
    return {0, result};
}

} // namespace

uint DiscoveryBootstrap::maxRetries()
{
    bool ok = false;
    const uint n = qEnvironmentVariable("QETCD_DISCOVERY_RETRIES").toUInt(&ok);
    return ok ? n : DiscoveryLogic::kDefaultRetries;
}

bool DiscoveryBootstrap::needed(const Config &config)
{
    if (config.discovery.isEmpty() && config.discoverySrv.isEmpty())
        return false;
    if (config.proxy != Config::ProxyMode::Off)
        // A proxy learns its cluster once; afterwards from its cluster file.
        return !QFile::exists(QDir(config.dataDir).filePath(QStringLiteral("proxy/cluster")));
    if (!config.discovery.isEmpty() && config.initialClusterState == Config::ClusterState::Existing)
        return false;
    if (hasWal(config)) {
        qCInfo(lcDiscovery, "the data dir %s holds a member already: discovery skipped",
               qPrintable(config.dataDir));
        return false;
    }
    return true;
}

DiscoveryBootstrap::Result DiscoveryBootstrap::run(const Config &config)
{
    if (!config.discovery.isEmpty())
        return runToken(config);
    return runSrv(config);
}

} // namespace server::discovery
