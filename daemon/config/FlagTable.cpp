// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "FlagTable.h"

#include "CipherSuites.h"
#include "FlagValue.h"
#include "go/GoStrconv.h"

#include <limits>

namespace server::config {

namespace {

using Section = FlagDefinition::Section;

QString applyString(QString *field, const QString &text)
{
    *field = text;
    return {};
}

QString applyBool(bool *field, const QString &text)
{
    const std::optional<bool> value = go::GoStrconv::parseBool(text);
    if (!value)
        return QCoreApplication::translate("FlagTable", "not a boolean (use true or false)");
    *field = *value;
    return {};
}

template <typename T> QString applyUnsigned(T *field, const QString &text)
{
    quint64 value = 0;
    const QString error =
        FlagValue::parseUnsigned(text, quint64(std::numeric_limits<T>::max()), &value);
    if (error.isEmpty())
        *field = T(value);
    return error;
}

FlagDefinition flag(const char *name, const char *defaultText, Section section,
                    const char *description,
                    std::function<QString(Config &, const QString &)> apply, bool isBool = false)
{
    FlagDefinition f;
    f.name = QLatin1String(name);
    f.isBool = isBool;
    f.defaultText = QLatin1String(defaultText);
    f.description = description;
    f.section = section;
    f.apply = std::move(apply);
    return f;
}

FlagDefinition boolFlag(const char *name, Section section, const char *description,
                        bool Config::*field)
{
    return flag(
        name, "false", section, description,
        [field](Config &c, const QString &t) { return applyBool(&(c.*field), t); }, true);
}

FlagDefinition stringFlag(const char *name, const char *defaultText, Section section,
                          const char *description, QString Config::*field)
{
    return flag(name, defaultText, section, description,
                [field](Config &c, const QString &t) { return applyString(&(c.*field), t); });
}

FlagDefinition urlsFlag(const char *name, const char *defaultText, Section section,
                        const char *description, QList<QUrl> Config::*field)
{
    FlagDefinition f =
        flag(name, defaultText, section, description, [field](Config &c, const QString &t) {
            return FlagValue::parseUrlList(t, &(c.*field));
        });
    f.isList = true;
    return f;
}

FlagDefinition listFlag(FlagDefinition f)
{
    f.isList = true;
    return f;
}

template <typename T>
FlagDefinition numberFlag(const char *name, const char *defaultText, Section section,
                          const char *description, T Config::*field)
{
    return flag(name, defaultText, section, description,
                [field](Config &c, const QString &t) { return applyUnsigned(&(c.*field), t); });
}

QList<FlagDefinition> buildTable()
{
    return {
        // member
        stringFlag("config-file", "", Section::Member,
                   QT_TRANSLATE_NOOP("FlagTable",
                                     "path to a configuration file in etcd 3.4's YAML format. "
                                     "When given, the file is the whole configuration: other "
                                     "command-line flags and environment variables are ignored."),
                   &Config::configFile),
        stringFlag("name", "default", Section::Member,
                   QT_TRANSLATE_NOOP("FlagTable", "human-readable name for this member."),
                   &Config::name),
        stringFlag("data-dir", "${name}.etcd", Section::Member,
                   QT_TRANSLATE_NOOP("FlagTable", "path to the data directory."), &Config::dataDir),
        stringFlag("wal-dir", "", Section::Member,
                   QT_TRANSLATE_NOOP("FlagTable", "path to a dedicated write-ahead log directory "
                                                  "(default: <data-dir>/member/wal)."),
                   &Config::walDir),
        numberFlag("snapshot-count", "10000", Section::Member,
                   QT_TRANSLATE_NOOP("FlagTable",
                                     "number of committed transactions that triggers a snapshot "
                                     "to disk."),
                   &Config::snapshotCount),
        numberFlag(
            "heartbeat-interval", "100", Section::Member,
            QT_TRANSLATE_NOOP("FlagTable", "time (in milliseconds) of a heartbeat interval."),
            &Config::heartbeatIntervalMs),
        numberFlag("election-timeout", "1000", Section::Member,
                   QT_TRANSLATE_NOOP("FlagTable",
                                     "time (in milliseconds) after which a follower that heard "
                                     "no leader starts an election."),
                   &Config::electionTimeoutMs),
        urlsFlag("listen-peer-urls", "http://localhost:2380,http://localhost:7001", Section::Member,
                 QT_TRANSLATE_NOOP("FlagTable", "list of URLs to listen on for peer traffic."),
                 &Config::listenPeerUrls),
        urlsFlag("listen-client-urls", "http://localhost:2379,http://localhost:4001",
                 Section::Member,
                 QT_TRANSLATE_NOOP("FlagTable", "list of URLs to listen on for client traffic."),
                 &Config::listenClientUrls),
        // etcd 3.4: empty (the default) means none, unlike the other URL lists.
        listFlag(flag("listen-metrics-urls", "", Section::Member,
                      QT_TRANSLATE_NOOP("FlagTable",
                                        "list of additional URLs to listen on that answer only "
                                        "/metrics and /health (https ones with the client "
                                        "certificate)."),
                      [](Config &c, const QString &t) {
                          if (t.isEmpty()) {
                              c.listenMetricsUrls.clear();
                              return QString();
                          }
                          return FlagValue::parseUrlList(t, &c.listenMetricsUrls);
                      })),
        numberFlag("max-snapshots", "5", Section::Member,
                   QT_TRANSLATE_NOOP("FlagTable",
                                     "maximum number of snapshot files to keep (0 is unlimited)."),
                   &Config::maxSnapshots),
        numberFlag("max-wals", "5", Section::Member,
                   QT_TRANSLATE_NOOP("FlagTable",
                                     "maximum number of write-ahead log files to keep (0 is "
                                     "unlimited)."),
                   &Config::maxWals),
        listFlag(
            flag("cors", "", Section::Member,
                 QT_TRANSLATE_NOOP("FlagTable",
                                   "comma-separated list of origins allowed for CORS (cross-origin "
                                   "resource sharing); * allows every origin."),
                 [](Config &c, const QString &t) { return FlagValue::parseCors(t, &c.cors); })),
        numberFlag(
            "max-request-bytes", "1572864", Section::Member,
            QT_TRANSLATE_NOOP("FlagTable", "maximum size in bytes of a client request body."),
            &Config::maxRequestBytes),
        numberFlag("client-threads", "0", Section::Member,
                   QT_TRANSLATE_NOOP("FlagTable",
                                     "threads, besides the member's own, that read, parse and "
                                     "answer client requests (plain reads are served on them; "
                                     "writes and watches go to the member's thread); 0 is one per "
                                     "CPU core (qetcd only)."),
                   &Config::clientThreads),
        numberFlag("client-request-timeout", "120", Section::Member,
                   QT_TRANSLATE_NOOP("FlagTable",
                                     "seconds a client may take to send a whole request before it "
                                     "is answered 408 and disconnected; idle connections and "
                                     "watches are not affected; 0 waits for ever (qetcd only)."),
                   &Config::clientRequestTimeoutSeconds),
        numberFlag("client-handshake-timeout", "10", Section::Member,
                   QT_TRANSLATE_NOOP("FlagTable",
                                     "seconds a new client connection may take to finish its TLS "
                                     "handshake and send the first byte of its first request "
                                     "before it is closed; 0 waits for ever (qetcd only)."),
                   &Config::clientHandshakeTimeoutSeconds),
        numberFlag("max-client-connections", "0", Section::Member,
                   QT_TRANSLATE_NOOP("FlagTable",
                                     "client connections open at once; more are closed as soon as "
                                     "they are accepted. Never more than the open-file limit "
                                     "minus a reserve for storage and peers; 0 is that many "
                                     "(qetcd only)."),
                   &Config::maxClientConnections),
        // etcd 3.4 serves v2 only with --enable-v2=true, so v2 deployments carry the flag (or
        // ETCD_ENABLE_V2): accepted with a note; false would leave qetcd nothing to serve.
        flag(
            "enable-v2", "true", Section::Member,
            QT_TRANSLATE_NOOP("FlagTable", "accept etcd V2 client requests (qetcd serves only the "
                                           "v2 API: false is refused)."),
            [](Config &c, const QString &t) {
                bool enabled = true;
                if (const QString error = applyBool(&enabled, t); !error.isEmpty())
                    return error;
                if (!enabled)
                    return QCoreApplication::translate(
                        "FlagTable", "qetcd serves only the v2 API; with it turned off there is "
                                     "nothing left to serve (use etcd for the v3 API)");
                c.warnings.append(QCoreApplication::translate(
                    "FlagTable", "--enable-v2 is accepted for etcd compatibility; qetcd always "
                                 "serves the v2 API"));
                return QString();
            },
            true),
        // clustering
        urlsFlag("initial-advertise-peer-urls", "http://localhost:2380,http://localhost:7001",
                 Section::Clustering,
                 QT_TRANSLATE_NOOP("FlagTable",
                                   "list of this member's peer URLs to advertise to the rest of "
                                   "the cluster."),
                 &Config::initialAdvertisePeerUrls),
        flag("initial-cluster", "default=http://localhost:2380,default=http://localhost:7001",
             Section::Clustering,
             QT_TRANSLATE_NOOP("FlagTable",
                               "initial cluster configuration for bootstrapping, as "
                               "name=peer-url[,name=peer-url...] (default: ${name}=url for each "
                               "URL of --initial-advertise-peer-urls)."),
             [](Config &c, const QString &t) {
                 const QString error = FlagValue::parseInitialCluster(t, &c.initialClusterMembers);
                 if (error.isEmpty())
                     c.initialCluster = t;
                 return error;
             }),
        flag("initial-cluster-state", "new", Section::Clustering,
             QT_TRANSLATE_NOOP("FlagTable", "initial cluster state ('new' or 'existing')."),
             [](Config &c, const QString &t) {
                 return FlagValue::parseClusterState(t, &c.initialClusterState);
             }),
        stringFlag("initial-cluster-token", "etcd-cluster", Section::Clustering,
                   QT_TRANSLATE_NOOP("FlagTable",
                                     "initial cluster token for the cluster during bootstrap; "
                                     "keeps clusters made from the same configuration apart."),
                   &Config::initialClusterToken),
        urlsFlag("advertise-client-urls", "http://localhost:2379,http://localhost:4001",
                 Section::Clustering,
                 QT_TRANSLATE_NOOP("FlagTable",
                                   "list of this member's client URLs to advertise to clients; "
                                   "required when --listen-client-urls is set."),
                 &Config::advertiseClientUrls),
        // discovery (etcd 2.2's clustering.md)
        stringFlag("discovery", "", Section::Clustering,
                   QT_TRANSLATE_NOOP("FlagTable", "discovery URL used to bootstrap the cluster."),
                   &Config::discovery),
        flag("discovery-fallback", "proxy", Section::Clustering,
             QT_TRANSLATE_NOOP("FlagTable", "expected behavior ('exit' or 'proxy') when "
                                            "discovery services fails."),
             [](Config &c, const QString &t) {
                 if (t == QLatin1String("exit"))
                     c.discoveryFallback = Config::DiscoveryFallback::Exit;
                 else if (t == QLatin1String("proxy"))
                     c.discoveryFallback = Config::DiscoveryFallback::Proxy;
                 else
                     return QCoreApplication::translate("FlagTable",
                                                        "unrecognized value '%1': valid values are "
                                                        "'exit' and 'proxy'")
                         .arg(t);
                 return QString();
             }),
        stringFlag(
            "discovery-proxy", "", Section::Clustering,
            QT_TRANSLATE_NOOP("FlagTable", "HTTP proxy to use for traffic to discovery service."),
            &Config::discoveryProxy),
        stringFlag("discovery-srv", "", Section::Clustering,
                   QT_TRANSLATE_NOOP("FlagTable", "DNS domain used to bootstrap initial "
                                                  "cluster."),
                   &Config::discoverySrv),
        // proxy (etcd 2.2's proxy.md)
        flag("proxy", "off", Section::Proxy,
             QT_TRANSLATE_NOOP("FlagTable", "proxy mode setting ('off', 'readonly' or 'on')."),
             [](Config &c, const QString &t) {
                 if (t == QLatin1String("off"))
                     c.proxy = Config::ProxyMode::Off;
                 else if (t == QLatin1String("readonly"))
                     c.proxy = Config::ProxyMode::ReadOnly;
                 else if (t == QLatin1String("on"))
                     c.proxy = Config::ProxyMode::On;
                 else
                     return QCoreApplication::translate(
                                "FlagTable", "unrecognized value '%1': valid values are 'off', "
                                             "'readonly' and 'on'")
                         .arg(t);
                 return QString();
             }),
        numberFlag("proxy-failure-wait", "5000", Section::Proxy,
                   QT_TRANSLATE_NOOP("FlagTable", "time (in milliseconds) an endpoint will be "
                                                  "held in a failed state."),
                   &Config::proxyFailureWaitMs),
        numberFlag("proxy-refresh-interval", "30000", Section::Proxy,
                   QT_TRANSLATE_NOOP("FlagTable",
                                     "time (in milliseconds) of the endpoints refresh interval."),
                   &Config::proxyRefreshIntervalMs),
        numberFlag("proxy-dial-timeout", "1000", Section::Proxy,
                   QT_TRANSLATE_NOOP("FlagTable", "time (in milliseconds) for a dial to timeout "
                                                  "or 0 to disable the timeout."),
                   &Config::proxyDialTimeoutMs),
        numberFlag("proxy-write-timeout", "5000", Section::Proxy,
                   QT_TRANSLATE_NOOP("FlagTable", "time (in milliseconds) for a write to "
                                                  "timeout or 0 to disable the timeout."),
                   &Config::proxyWriteTimeoutMs),
        numberFlag("proxy-read-timeout", "0", Section::Proxy,
                   QT_TRANSLATE_NOOP("FlagTable", "time (in milliseconds) for a read to timeout "
                                                  "or 0 to disable the timeout."),
                   &Config::proxyReadTimeoutMs),
        // security
        stringFlag("cert-file", "", Section::Security,
                   QT_TRANSLATE_NOOP("FlagTable", "path to the client server TLS cert file."),
                   &Config::certFile),
        stringFlag("key-file", "", Section::Security,
                   QT_TRANSLATE_NOOP("FlagTable", "path to the client server TLS key file."),
                   &Config::keyFile),
        boolFlag("client-cert-auth", Section::Security,
                 QT_TRANSLATE_NOOP("FlagTable", "enable client cert authentication."),
                 &Config::clientCertAuth),
        stringFlag(
            "trusted-ca-file", "", Section::Security,
            QT_TRANSLATE_NOOP("FlagTable", "path to the CA file that client certs must chain to."),
            &Config::trustedCaFile),
        stringFlag("peer-cert-file", "", Section::Security,
                   QT_TRANSLATE_NOOP("FlagTable", "path to the peer server TLS cert file."),
                   &Config::peerCertFile),
        stringFlag("peer-key-file", "", Section::Security,
                   QT_TRANSLATE_NOOP("FlagTable", "path to the peer server TLS key file."),
                   &Config::peerKeyFile),
        boolFlag("peer-client-cert-auth", Section::Security,
                 QT_TRANSLATE_NOOP("FlagTable", "enable peer client cert authentication."),
                 &Config::peerClientCertAuth),
        stringFlag(
            "peer-trusted-ca-file", "", Section::Security,
            QT_TRANSLATE_NOOP("FlagTable", "path to the CA file that peer certs must chain to."),
            &Config::peerTrustedCaFile),
        stringFlag("peer-cert-allowed-cn", "", Section::Security,
                   QT_TRANSLATE_NOOP("FlagTable", "allowed CN for inter peer authentication (needs "
                                                  "--peer-client-cert-auth)."),
                   &Config::peerCertAllowedCn),
        stringFlag("client-crl-file", "", Section::Security,
                   QT_TRANSLATE_NOOP("FlagTable",
                                     "path to the client certificate revocation list file (PEM); "
                                     "clients presenting a revoked certificate are refused."),
                   &Config::clientCrlFile),
        stringFlag("peer-crl-file", "", Section::Security,
                   QT_TRANSLATE_NOOP("FlagTable",
                                     "path to the peer certificate revocation list file (PEM); "
                                     "members presenting a revoked certificate are refused."),
                   &Config::peerCrlFile),
        boolFlag("auto-tls", Section::Security,
                 QT_TRANSLATE_NOOP("FlagTable",
                                   "client TLS using a generated, self-signed certificate "
                                   "(written to <data-dir>/fixtures/client; ignored when "
                                   "--cert-file is given)."),
                 &Config::autoTls),
        boolFlag("peer-auto-tls", Section::Security,
                 QT_TRANSLATE_NOOP("FlagTable",
                                   "peer TLS using a generated, self-signed certificate (written "
                                   "to <data-dir>/fixtures/peer; members then do not verify each "
                                   "other's certificates; ignored when --peer-cert-file is "
                                   "given)."),
                 &Config::peerAutoTls),
        // A YAML configuration file may give the list as a sequence, as etcd's does.
        listFlag(flag(
            "cipher-suites", "", Section::Security,
            QT_TRANSLATE_NOOP("FlagTable",
                              "comma-separated list of supported TLS cipher suites between "
                              "client/server and peers, by their IANA names (e.g. "
                              "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256); applies to TLS 1.2 (empty "
                              "means OpenSSL's default list)."),
            [](Config &c, const QString &t) { return CipherSuites::parse(t, &c.cipherSuites); })),
        // logging
        boolFlag("debug", Section::Logging,
                 QT_TRANSLATE_NOOP("FlagTable", "enable debug-level logging (the same as "
                                                "--log-level=debug)."),
                 &Config::debug),
        flag("log-level", "info", Section::Logging,
             QT_TRANSLATE_NOOP("FlagTable",
                               "least important messages logged: debug, info, warn or error."),
             [](Config &c, const QString &t) { return FlagValue::parseLogLevel(t, &c.logLevel); }),
        // etcd 3.4 has two log formats; qetcd has one, so either name is accepted with a note.
        flag("logger", "capnslog", Section::Logging,
             QT_TRANSLATE_NOOP("FlagTable", "logger name etcd users pass ('capnslog' or 'zap'); "
                                            "qetcd has one log format for both."),
             [](Config &c, const QString &t) {
                 if (t != QLatin1String("capnslog") && t != QLatin1String("zap"))
                     return QCoreApplication::translate(
                         "FlagTable", "valid values are \"capnslog\" and \"zap\"");
                 c.logger = t;
                 c.warnings.append(QCoreApplication::translate(
                                       "FlagTable", "--logger=%1 is accepted for etcd "
                                                    "compatibility; qetcd has one log format")
                                       .arg(t));
                 return QString();
             }),
        listFlag(flag(
            "log-outputs", "default", Section::Logging,
            QT_TRANSLATE_NOOP("FlagTable",
                              "comma-separated list of where logs go: stderr (also 'default'), "
                              "stdout, systemd/journal, or a file path (appended to)."),
            [](Config &c, const QString &t) {
                return FlagValue::parseLogOutputs(t, &c.logOutputs);
            })),
        // unsafe
        boolFlag("force-new-cluster", Section::Unsafe,
                 QT_TRANSLATE_NOOP("FlagTable",
                                   "force to create a new one-member cluster from the data "
                                   "directory."),
                 &Config::forceNewCluster),
    };
}

} // namespace

const QList<FlagDefinition> &FlagTable::all()
{
    static const QList<FlagDefinition> table = buildTable();
    return table;
}

const FlagDefinition *FlagTable::find(const QString &name)
{
    for (const FlagDefinition &f : all()) {
        if (f.name == name)
            return &f;
    }
    return nullptr;
}

} // namespace server::config
