// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "ConfigValidator.h"

#include "FlagValue.h"

#include <algorithm>

namespace server::config {

namespace {

// etcd 2.2 refuses longer election timeouts: a dead leader would go unnoticed for too long.
constexpr uint kMaxElectionTimeoutMs = 50000;

QStringList sortedTexts(const QList<QUrl> &urls)
{
    QStringList texts;
    for (const QUrl &url : urls)
        texts.append(url.toString());
    std::sort(texts.begin(), texts.end());
    return texts;
}

// --discovery, --discovery-proxy and --discovery-srv must be usable before anything starts.
QString validateDiscovery(const Config &config)
{
    if (!config.discovery.isEmpty()) {
        const QUrl url(config.discovery, QUrl::StrictMode);
        const QString path = url.path();
        if (!url.isValid() || url.host().isEmpty() ||
            (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
            path.isEmpty() || path == QLatin1String("/"))
            return ConfigValidator::tr(
                       "--discovery %1 is not a discovery URL (expected http[s]://host[:port]/"
                       "path-of-the-token, e.g. https://discovery.etcd.io/<token>)")
                .arg(config.discovery);
    }
    if (!config.discoveryProxy.isEmpty()) {
        // etcd's sanitization: a value without an http(s) scheme is taken as host:port.
        QUrl url(config.discoveryProxy, QUrl::StrictMode);
        if (!url.isValid() || !url.scheme().startsWith(QLatin1String("http")) ||
            url.host().isEmpty())
            url = QUrl(QStringLiteral("http://") + config.discoveryProxy, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty())
            return ConfigValidator::tr("invalid proxy address \"%1\" given for --discovery-proxy")
                .arg(config.discoveryProxy);
    }
    if (!config.discoverySrv.isEmpty() && (config.discoverySrv.contains(QLatin1Char('/')) ||
                                           config.discoverySrv.contains(QLatin1Char(' '))))
        return ConfigValidator::tr("--discovery-srv %1 is not a DNS domain")
            .arg(config.discoverySrv);
    return {};
}

} // namespace

QString ConfigValidator::validate(Config &config, const QSet<QString> &explicitlySet)
{
    if (config.name.isEmpty())
        return tr("--name must not be empty");
    if (config.dataDir.isEmpty())
        return tr("--data-dir must not be empty");
    if (config.snapshotCount == 0)
        return tr("--snapshot-count must be positive");
    if (config.maxRequestBytes == 0)
        return tr("--max-request-bytes must be positive");
    if (config.clientThreads > 64)
        return tr("--client-threads must be at most 64");
    if (config.clientRequestTimeoutSeconds > 86400)
        return tr("--client-request-timeout must be at most 86400 seconds");
    if (config.clientHandshakeTimeoutSeconds > 86400)
        return tr("--client-handshake-timeout must be at most 86400 seconds");
    if (QString error = validateTiming(config); !error.isEmpty())
        return error;
    // A proxy advertises nothing (etcdmain's validate() forgives this error when shouldBeProxy()).
    if (config.proxy == Config::ProxyMode::Off &&
        explicitlySet.contains(QStringLiteral("listen-client-urls")) &&
        !explicitlySet.contains(QStringLiteral("advertise-client-urls")))
        return tr("--advertise-client-urls is required when --listen-client-urls is set "
                  "explicitly");
    // etcd 3.4's embed.Config.Validate: one way to bootstrap (ErrConflictBootstrapFlags).
    int bootstrapFlags = 0;
    for (const char *flag : {"initial-cluster", "discovery", "discovery-srv"})
        bootstrapFlags += explicitlySet.contains(QLatin1String(flag)) ? 1 : 0;
    if (bootstrapFlags > 1)
        return tr("multiple discovery or bootstrap flags are set. Choose one of "
                  "\"initial-cluster\", \"discovery\" or \"discovery-srv\"");
    if (QString error = validateDiscovery(config); !error.isEmpty())
        return error;
    if (QString error = validateInitialCluster(config); !error.isEmpty())
        return error;
    return validateTls(config);
}

QString ConfigValidator::validateTiming(const Config &config)
{
    if (config.heartbeatIntervalMs == 0)
        return tr("--heartbeat-interval must be positive");
    if (config.electionTimeoutMs == 0)
        return tr("--election-timeout must be positive");
    if (quint64(config.electionTimeoutMs) < 5 * quint64(config.heartbeatIntervalMs))
        return tr("--election-timeout[%1ms] should be at least 5 times --heartbeat-interval[%2ms]")
            .arg(config.electionTimeoutMs)
            .arg(config.heartbeatIntervalMs);
    if (config.electionTimeoutMs > kMaxElectionTimeoutMs)
        return tr("--election-timeout[%1ms] is too long, and should be set less than %2ms")
            .arg(config.electionTimeoutMs)
            .arg(kMaxElectionTimeoutMs);
    return {};
}

QString ConfigValidator::validateInitialCluster(const Config &config)
{
    QList<QUrl> ownUrls;
    QStringList seen;
    for (const Config::ClusterMember &member : config.initialClusterMembers) {
        const QString url = member.peerUrl.toString();
        if (seen.contains(url))
            return tr("--initial-cluster %1 has duplicate url %2").arg(config.initialCluster, url);
        seen.append(url);
        if (member.name == config.name)
            ownUrls.append(member.peerUrl);
    }
    // A proxy is not a member: the list only says where the cluster is (etcd's
    // PeerURLsMapAndToken("proxy") checks nothing more).
    if (config.proxy != Config::ProxyMode::Off)
        return {};
    if (ownUrls.isEmpty())
        return tr("couldn't find local name \"%1\" in the initial cluster configuration "
                  "(--initial-cluster %2)")
            .arg(config.name, config.initialCluster);
    // A member joining an existing cluster learns the membership from it; only a new cluster
    // is built from this list, so only then must it agree with what this member advertises.
    if (config.initialClusterState == Config::ClusterState::New &&
        sortedTexts(ownUrls) != sortedTexts(config.initialAdvertisePeerUrls)) {
        QStringList expected;
        for (const QUrl &url : config.initialAdvertisePeerUrls)
            expected.append(config.name + QLatin1Char('=') + url.toString());
        return tr("--initial-cluster must include %1 (the entries for --name must equal "
                  "--initial-advertise-peer-urls)")
            .arg(expected.join(QLatin1Char(',')));
    }
    return {};
}

QString ConfigValidator::validateTls(Config &config)
{
    struct Side
    {
        const char *certFlag;
        const char *keyFlag;
        const char *authFlag;
        const char *caFlag;
        const char *urlsFlag;
        const char *autoFlag;
        const char *crlFlag;
        const QString &cert;
        const QString &key;
        bool auth;
        const QString &ca;
        const QList<QUrl> &urls;
        bool autoTls;
        const QString &crl;
    };
    const Side sides[] = {
        {"--cert-file", "--key-file", "--client-cert-auth", "--trusted-ca-file",
         "--listen-client-urls", "--auto-tls", "--client-crl-file", config.certFile, config.keyFile,
         config.clientCertAuth, config.trustedCaFile, config.listenClientUrls, config.autoTls,
         config.clientCrlFile},
        {"--peer-cert-file", "--peer-key-file", "--peer-client-cert-auth", "--peer-trusted-ca-file",
         "--listen-peer-urls", "--peer-auto-tls", "--peer-crl-file", config.peerCertFile,
         config.peerKeyFile, config.peerClientCertAuth, config.peerTrustedCaFile,
         config.listenPeerUrls, config.peerAutoTls, config.peerCrlFile},
    };
    for (const Side &side : sides) {
        if (side.cert.isEmpty() != side.key.isEmpty())
            return tr("%1 and %2 must be given together")
                .arg(QLatin1String(side.certFlag), QLatin1String(side.keyFlag));
        if (side.auth && side.ca.isEmpty())
            return tr("%1 requires %2")
                .arg(QLatin1String(side.authFlag), QLatin1String(side.caFlag));
        // etcd's rule: certificate files win over auto TLS, with a note.
        if (side.autoTls && !side.cert.isEmpty())
            config.warnings.append(tr("ignoring %1 since %2 and %3 are given")
                                       .arg(QLatin1String(side.autoFlag),
                                            QLatin1String(side.certFlag),
                                            QLatin1String(side.keyFlag)));
        if (!side.crl.isEmpty() && !side.auth)
            config.warnings.append(
                tr("%1 has no effect without %2: no certificate is asked for")
                    .arg(QLatin1String(side.crlFlag), QLatin1String(side.authFlag)));
        const bool hasTls = !side.cert.isEmpty() || side.autoTls;
        bool anyHttps = false;
        for (const QUrl &url : side.urls) {
            anyHttps = anyHttps || url.scheme() == QLatin1String("https");
            if (url.scheme() == QLatin1String("https") && !hasTls)
                return tr("TLS key/cert (%1, %2) or %5 must be provided for %3 %4 with https "
                          "scheme")
                    .arg(QLatin1String(side.certFlag), QLatin1String(side.keyFlag),
                         QLatin1String(side.urlsFlag), url.toString(),
                         QLatin1String(side.autoFlag));
            if (url.scheme() == QLatin1String("http") && !side.cert.isEmpty())
                config.warnings.append(
                    tr("the scheme of %1 %2 is http while %3 and %4 are given; they are ignored "
                       "for that URL")
                        .arg(QLatin1String(side.urlsFlag), url.toString(),
                             QLatin1String(side.certFlag), QLatin1String(side.keyFlag)));
        }
        // Client certificates are asked for only in a TLS handshake. etcd 3.4 starts anyway
        // and warns per http URL; a flag that protects no URL at all is refused here (the
        // operator believes certificates are required, and nothing requires them), a flag
        // that protects some of them gets etcd's warning for the others.
        if (side.auth && !anyHttps)
            return tr("%1 has no effect: no URL of %2 is https (%3 requires TLS client "
                      "certificates only on https URLs)")
                .arg(QLatin1String(side.authFlag), QLatin1String(side.urlsFlag),
                     QLatin1String(side.authFlag));
        for (const QUrl &url : side.urls) {
            if (side.auth && url.scheme() == QLatin1String("http"))
                config.warnings.append(
                    tr("the scheme of %1 %2 is http while client cert auth (%3) is enabled; "
                       "client certificates are not checked for that URL")
                        .arg(QLatin1String(side.urlsFlag), url.toString(),
                             QLatin1String(side.authFlag)));
        }
    }
    // Without client certificates there is no certificate whose CN could be checked: every
    // peer would be refused. etcd ignores the flag on the accepting side then; say so instead.
    if (!config.peerCertAllowedCn.isEmpty() && !config.peerClientCertAuth)
        return tr("%1 requires %2")
            .arg(QLatin1String("--peer-cert-allowed-cn"), QLatin1String("--peer-client-cert-auth"));
    return {};
}

} // namespace server::config
