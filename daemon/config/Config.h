// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace server::config {

// Config: everything the daemon `qetcd` needs to start one member, as etcd 2.2 names it.
//
// A plain value filled by ConfigParser from flags and ETCD_* environment variables. The defaults
// below are etcd 2.2's; dataDir and initialCluster depend on other fields and are filled in by
// the parser (an untouched Config keeps them empty). After a successful parse every URL is http or
// https with a host and a port and no path, and initialClusterMembers holds the parsed form of
// initialCluster in the order the user wrote it. Copyable, no ownership, any thread.
struct Config
{
    // One `name=url` entry of --initial-cluster. A member with two peer URLs has two entries.
    struct ClusterMember
    {
        QString name;
        QUrl peerUrl;
        bool operator==(const ClusterMember &other) const
        {
            return name == other.name && peerUrl == other.peerUrl;
        }
    };

    enum class ClusterState { New, Existing };
    // etcd 3.4's --log-level; Error lets only critical messages through.
    enum class LogLevel { Debug, Info, Warn, Error };

    // member
    QString name = QStringLiteral("default");
    QString dataDir; // parser default: "<name>.etcd"
    QString walDir;  // empty: <dataDir>/member/wal
    quint64 snapshotCount = 10000;
    uint heartbeatIntervalMs = 100;
    uint electionTimeoutMs = 1000;
    QList<QUrl> listenPeerUrls{QUrl(QStringLiteral("http://localhost:2380")),
                               QUrl(QStringLiteral("http://localhost:7001"))};
    QList<QUrl> listenClientUrls{QUrl(QStringLiteral("http://localhost:2379")),
                                 QUrl(QStringLiteral("http://localhost:4001"))};
    QList<QUrl> listenMetricsUrls;           // more listeners serving only /metrics and /health
    uint maxSnapshots = 5;                   // 0: keep all
    uint maxWals = 5;                        // 0: keep all
    QStringList cors;                        // allowed origins; "*" allows all, empty allows none
    quint64 maxRequestBytes = 1572864;       // 1.5 MiB, etcd's --max-request-bytes default
    uint clientThreads = 0;                  // client threads besides the node's; 0: one per core
    uint clientRequestTimeoutSeconds = 120;  // a request incomplete after this: 408; 0: never
    uint clientHandshakeTimeoutSeconds = 10; // no TLS handshake + first byte by then: closed
    quint64 maxClientConnections = 0;        // 0: as many as the descriptor limit allows

    // clustering
    QList<QUrl> initialAdvertisePeerUrls{QUrl(QStringLiteral("http://localhost:2380")),
                                         QUrl(QStringLiteral("http://localhost:7001"))};
    QList<QUrl> advertiseClientUrls{QUrl(QStringLiteral("http://localhost:2379")),
                                    QUrl(QStringLiteral("http://localhost:4001"))};
    QString initialCluster; // parser default: "<name>=<url>" for each initial advertise peer URL
    QList<ClusterMember> initialClusterMembers;
    ClusterState initialClusterState = ClusterState::New;
    QString initialClusterToken = QStringLiteral("etcd-cluster");

    // discovery (etcd 2.2's clustering.md and discovery_protocol.md)
    enum class DiscoveryFallback { Exit, Proxy };
    QString discovery;    // --discovery: a token URL on a v2 keys API (an etcd or a qetcd)
    QString discoverySrv; // --discovery-srv: a DNS domain with _etcd-server(-ssl)._tcp records
    DiscoveryFallback discoveryFallback = DiscoveryFallback::Proxy; // etcd's default: proxy
    QString discoveryProxy; // --discovery-proxy: an HTTP proxy for reaching the service

    // proxy (etcd 2.2's proxy.md): a process that stores nothing and forwards to members
    enum class ProxyMode { Off, ReadOnly, On };
    ProxyMode proxy = ProxyMode::Off;
    uint proxyFailureWaitMs = 5000;      // a member that failed is skipped this long
    uint proxyRefreshIntervalMs = 30000; // how often /v2/members is read again
    uint proxyDialTimeoutMs = 1000;      // connecting to a member; 0: no limit
    uint proxyWriteTimeoutMs = 5000;     // sending a request to a member; 0: no limit
    uint proxyReadTimeoutMs = 0;         // waiting for an answer; 0: no limit (watches wait)

    // security
    QString certFile;
    QString keyFile;
    bool clientCertAuth = false;
    QString trustedCaFile;
    QString peerCertFile;
    QString peerKeyFile;
    bool peerClientCertAuth = false;
    QString peerTrustedCaFile;
    QString peerCertAllowedCn; // --peer-cert-allowed-cn; needs peerClientCertAuth
    QString clientCrlFile;    // --client-crl-file: PEM CRL; revoked client certificates are refused
    QString peerCrlFile;      // --peer-crl-file: the same for members
    bool autoTls = false;     // --auto-tls: self-signed client certificate when none is given
    bool peerAutoTls = false; // --peer-auto-tls: the same between members (peers not verified)
    QStringList cipherSuites; // --cipher-suites: IANA/Go names, as given; empty: OpenSSL's

    // --config-file: etcd 3.4's YAML configuration; when set, the file is the whole
    // configuration (flags and ETCD_* variables are ignored, as etcd does).
    QString configFile;

    // logging / unsafe
    bool debug = false; // same as logLevel Debug (etcd 3.4 keeps --debug as that)
    LogLevel logLevel = LogLevel::Info;
    QString logger = QStringLiteral("capnslog"); // accepted for etcd compatibility: one format
    // "stderr", "stdout", "systemd/journal" or a file path; "default" is stored as "stderr".
    QStringList logOutputs{QStringLiteral("stderr")};
    bool forceNewCluster = false;

    // Things etcd would log at warning level while reading its flags (an ETCD_* variable shadowed
    // by a flag, an unknown ETCD_* variable, the default data dir in use, TLS files ignored).
    // The daemon logs them once its logging is set up.
    QStringList warnings;
};

} // namespace server::config
