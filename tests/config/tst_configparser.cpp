// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Tests of ConfigParser: what `qetcd` accepts on its command line and in ETCD_* variables, what
// it refuses and with which exit status, and what --help/--version print.

#include "Config.h"
#include "ConfigParser.h"
#include "FlagTable.h"
#include "FlagValue.h"

#include <QtTest>

namespace {

QProcessEnvironment makeEnv(const QStringList &pairs)
{
    QProcessEnvironment env; // empty: the machine's own ETCD_* variables must not leak in
    for (const QString &pair : pairs) {
        const qsizetype eq = pair.indexOf(QLatin1Char('='));
        env.insert(pair.left(eq), pair.mid(eq + 1));
    }
    return env;
}

server::config::ConfigParser::Result run(const QStringList &args, const QStringList &env = {})
{
    return server::config::ConfigParser::parse(QStringList{QStringLiteral("qetcd")} + args,
                                               makeEnv(env));
}

QString boolText(bool b)
{
    return b ? QStringLiteral("true") : QStringLiteral("false");
}

// A Config field rendered as text, addressed by its flag name.
QString field(const server::config::Config &c, const QString &flag)
{
    if (flag == "name")
        return c.name;
    if (flag == "data-dir")
        return c.dataDir;
    if (flag == "wal-dir")
        return c.walDir;
    if (flag == "snapshot-count")
        return QString::number(c.snapshotCount);
    if (flag == "heartbeat-interval")
        return QString::number(c.heartbeatIntervalMs);
    if (flag == "election-timeout")
        return QString::number(c.electionTimeoutMs);
    if (flag == "listen-peer-urls")
        return server::config::FlagValue::joinUrls(c.listenPeerUrls);
    if (flag == "listen-client-urls")
        return server::config::FlagValue::joinUrls(c.listenClientUrls);
    if (flag == "listen-metrics-urls")
        return server::config::FlagValue::joinUrls(c.listenMetricsUrls);
    if (flag == "max-snapshots")
        return QString::number(c.maxSnapshots);
    if (flag == "max-wals")
        return QString::number(c.maxWals);
    if (flag == "cors")
        return c.cors.join(',');
    if (flag == "max-request-bytes")
        return QString::number(c.maxRequestBytes);
    if (flag == "client-threads")
        return QString::number(c.clientThreads);
    if (flag == "client-request-timeout")
        return QString::number(c.clientRequestTimeoutSeconds);
    if (flag == "client-handshake-timeout")
        return QString::number(c.clientHandshakeTimeoutSeconds);
    if (flag == "max-client-connections")
        return QString::number(c.maxClientConnections);
    if (flag == "initial-advertise-peer-urls")
        return server::config::FlagValue::joinUrls(c.initialAdvertisePeerUrls);
    if (flag == "advertise-client-urls")
        return server::config::FlagValue::joinUrls(c.advertiseClientUrls);
    if (flag == "initial-cluster")
        return c.initialCluster;
    if (flag == "initial-cluster-members") {
        QStringList out;
        for (const server::config::Config::ClusterMember &m : c.initialClusterMembers)
            out.append(m.name + '=' + m.peerUrl.toString());
        return out.join(';');
    }
    if (flag == "initial-cluster-state")
        return c.initialClusterState == server::config::Config::ClusterState::New ? "new"
                                                                                  : "existing";
    if (flag == "initial-cluster-token")
        return c.initialClusterToken;
    if (flag == "discovery")
        return c.discovery;
    if (flag == "discovery-srv")
        return c.discoverySrv;
    if (flag == "discovery-proxy")
        return c.discoveryProxy;
    if (flag == "discovery-fallback")
        return c.discoveryFallback == server::config::Config::DiscoveryFallback::Exit ? "exit"
                                                                                      : "proxy";
    if (flag == "proxy")
        return c.proxy == server::config::Config::ProxyMode::Off
                   ? "off"
                   : (c.proxy == server::config::Config::ProxyMode::On ? "on" : "readonly");
    if (flag == "proxy-failure-wait")
        return QString::number(c.proxyFailureWaitMs);
    if (flag == "proxy-refresh-interval")
        return QString::number(c.proxyRefreshIntervalMs);
    if (flag == "proxy-dial-timeout")
        return QString::number(c.proxyDialTimeoutMs);
    if (flag == "proxy-write-timeout")
        return QString::number(c.proxyWriteTimeoutMs);
    if (flag == "proxy-read-timeout")
        return QString::number(c.proxyReadTimeoutMs);
    if (flag == "cert-file")
        return c.certFile;
    if (flag == "key-file")
        return c.keyFile;
    if (flag == "client-cert-auth")
        return boolText(c.clientCertAuth);
    if (flag == "trusted-ca-file")
        return c.trustedCaFile;
    if (flag == "peer-cert-file")
        return c.peerCertFile;
    if (flag == "peer-key-file")
        return c.peerKeyFile;
    if (flag == "peer-client-cert-auth")
        return boolText(c.peerClientCertAuth);
    if (flag == "peer-trusted-ca-file")
        return c.peerTrustedCaFile;
    if (flag == "peer-cert-allowed-cn")
        return c.peerCertAllowedCn;
    if (flag == "client-crl-file")
        return c.clientCrlFile;
    if (flag == "peer-crl-file")
        return c.peerCrlFile;
    if (flag == "auto-tls")
        return boolText(c.autoTls);
    if (flag == "peer-auto-tls")
        return boolText(c.peerAutoTls);
    if (flag == "cipher-suites")
        return c.cipherSuites.join(',');
    if (flag == "debug")
        return boolText(c.debug);
    if (flag == "config-file")
        return c.configFile;
    if (flag == "log-level") {
        static const QStringList kLevels{"debug", "info", "warn", "error"};
        return kLevels.at(int(c.logLevel));
    }
    if (flag == "logger")
        return c.logger;
    if (flag == "log-outputs")
        return c.logOutputs.join(',');
    if (flag == "force-new-cluster")
        return boolText(c.forceNewCluster);
    qFatal("unknown field %s", qPrintable(flag));
}

// The flags a loopback member needs so that TLS rows etc. do not trip over other checks.
const QStringList kLocalMember{
    "--listen-client-urls",          "http://127.0.0.1:32379", "--advertise-client-urls",
    "http://127.0.0.1:32379",        "--listen-peer-urls",     "http://127.0.0.1:32380",
    "--initial-advertise-peer-urls", "http://127.0.0.1:32380", "--initial-cluster",
    "default=http://127.0.0.1:32380"};

// --client-cert-auth / --peer-client-cert-auth need an https URL on their side to mean anything.
const QStringList kHttpsClients{"--cert-file",
                                "c.pem",
                                "--key-file",
                                "k.pem",
                                "--listen-client-urls",
                                "https://127.0.0.1:32379",
                                "--advertise-client-urls",
                                "https://127.0.0.1:32379"};
const QStringList kHttpsPeers{"--peer-cert-file",
                              "c.pem",
                              "--peer-key-file",
                              "k.pem",
                              "--listen-peer-urls",
                              "https://127.0.0.1:32380",
                              "--initial-advertise-peer-urls",
                              "https://127.0.0.1:32380"};

// Writes `text` to `name` in `dir` and returns the file's path.
QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &text)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

// etcd 3.4's etcd.conf.yml.sample, key for key, with a non-default value wherever qetcd has the
// setting (and etcd's own values for what it does not have).
const QByteArray kEtcdSample = R"(# This is the configuration file for the etcd server.
name: 'm1'
data-dir: /var/lib/m1
wal-dir: /var/lib/m1-wal
snapshot-count: 5000
heartbeat-interval: 50
election-timeout: 500
quota-backend-bytes: 0
listen-peer-urls: https://127.0.0.1:32380
listen-client-urls: https://127.0.0.1:32379,http://127.0.0.1:34001
max-snapshots: 3
max-wals: 0
cors: 'https://a.example,https://b.example'
initial-advertise-peer-urls: https://127.0.0.1:32380
advertise-client-urls: https://127.0.0.1:32379
discovery:
discovery-fallback: 'exit'
discovery-proxy: http://proxy.example:3128
discovery-srv:
initial-cluster: m1=https://127.0.0.1:32380,m2=https://127.0.0.1:32480
initial-cluster-token: 'tok'
initial-cluster-state: 'existing'
strict-reconfig-check: false
enable-v2: true
enable-pprof: true
proxy: 'readonly'
proxy-failure-wait: 6000
proxy-refresh-interval: 20000
proxy-dial-timeout: 2000
proxy-write-timeout: 4000
proxy-read-timeout: 1000
client-transport-security:
  # Path to the client server TLS cert file.
  cert-file: c.pem
  key-file: k.pem
  client-cert-auth: true
  trusted-ca-file: ca.pem
  auto-tls: false
peer-transport-security:
  cert-file: pc.pem
  key-file: pk.pem
  client-cert-auth: true
  trusted-ca-file: pca.pem
  auto-tls: false
  allowed-cn: member
debug: false
log-level: warn
logger: zap
log-outputs: [stdout, /var/log/m1.log]
force-new-cluster: true
max-request-bytes: 100
auto-compaction-mode: periodic
auto-compaction-retention: "1"
)";

// The same configuration as command-line flags.
const QStringList kEtcdSampleFlags{
    "--name=m1",
    "--data-dir=/var/lib/m1",
    "--wal-dir=/var/lib/m1-wal",
    "--snapshot-count=5000",
    "--heartbeat-interval=50",
    "--election-timeout=500",
    "--listen-peer-urls=https://127.0.0.1:32380",
    "--listen-client-urls=https://127.0.0.1:32379,http://127.0.0.1:34001",
    "--max-snapshots=3",
    "--max-wals=0",
    "--cors=https://a.example,https://b.example",
    "--initial-advertise-peer-urls=https://127.0.0.1:32380",
    "--advertise-client-urls=https://127.0.0.1:32379",
    "--initial-cluster=m1=https://127.0.0.1:32380,m2=https://127.0.0.1:32480",
    "--initial-cluster-token=tok",
    "--initial-cluster-state=existing",
    "--enable-v2=true",
    "--proxy=readonly",
    "--proxy-failure-wait=6000",
    "--proxy-refresh-interval=20000",
    "--proxy-dial-timeout=2000",
    "--proxy-write-timeout=4000",
    "--proxy-read-timeout=1000",
    "--discovery-fallback=exit",
    "--discovery-proxy=http://proxy.example:3128",
    "--cert-file=c.pem",
    "--key-file=k.pem",
    "--client-cert-auth=true",
    "--trusted-ca-file=ca.pem",
    "--peer-cert-file=pc.pem",
    "--peer-key-file=pk.pem",
    "--peer-client-cert-auth=true",
    "--peer-trusted-ca-file=pca.pem",
    "--peer-cert-allowed-cn=member",
    "--debug=false",
    "--log-level=warn",
    "--logger=zap",
    "--log-outputs=stdout,/var/log/m1.log",
    "--force-new-cluster=true",
    "--max-request-bytes=100",
};

} // namespace

class tst_ConfigParser : public QObject
{
    Q_OBJECT

private slots:
    void defaults_data();
    void defaults();
    void values_data();
    void values();
    void errors_data();
    void errors();
    void warnings_data();
    void warnings();
    void noWarningsForAPlainExplicitConfig();
    void help_data();
    void help();
    void helpListsEveryFlagWithItsDefault();
    void version();
    void everyFlag_data();
    void everyFlag();
    void proxyAndDiscoveryFlags();
    void exampleEnvironmentFile_data();
    void exampleEnvironmentFile();
    void logFlagErrors_data();
    void logFlagErrors();
    void configFileMatchesFlags();
    void configFileIgnoresFlagsAndEnvironment_data();
    void configFileIgnoresFlagsAndEnvironment();
    void configFileYamlForms_data();
    void configFileYamlForms();
    void configFileUnknownKeyWarns();
    void configFileErrors_data();
    void configFileErrors();
};

void tst_ConfigParser::defaults_data()
{
    QTest::addColumn<QString>("flag");
    QTest::addColumn<QString>("expected");
    QTest::newRow("name") << "name"
                          << "default";
    QTest::newRow("data-dir") << "data-dir"
                              << "default.etcd";
    QTest::newRow("wal-dir") << "wal-dir"
                             << "";
    QTest::newRow("snapshot-count") << "snapshot-count"
                                    << "10000";
    QTest::newRow("heartbeat-interval") << "heartbeat-interval"
                                        << "100";
    QTest::newRow("election-timeout") << "election-timeout"
                                      << "1000";
    QTest::newRow("listen-peer-urls") << "listen-peer-urls"
                                      << "http://localhost:2380,http://localhost:7001";
    QTest::newRow("listen-client-urls") << "listen-client-urls"
                                        << "http://localhost:2379,http://localhost:4001";
    QTest::newRow("max-snapshots") << "max-snapshots"
                                   << "5";
    QTest::newRow("max-wals") << "max-wals"
                              << "5";
    QTest::newRow("cors") << "cors"
                          << "";
    QTest::newRow("max-request-bytes") << "max-request-bytes"
                                       << "1572864";
    QTest::newRow("client-threads") << "client-threads"
                                    << "0";
    QTest::newRow("client-request-timeout") << "client-request-timeout"
                                            << "120";
    QTest::newRow("initial-advertise-peer-urls") << "initial-advertise-peer-urls"
                                                 << "http://localhost:2380,http://localhost:7001";
    QTest::newRow("advertise-client-urls") << "advertise-client-urls"
                                           << "http://localhost:2379,http://localhost:4001";
    // As etcd 2.2.4 logs it: "initial cluster = default=http://localhost:2380,default=..."
    QTest::newRow("initial-cluster")
        << "initial-cluster"
        << "default=http://localhost:2380,default=http://localhost:7001";
    QTest::newRow("initial-cluster-members")
        << "initial-cluster-members"
        << "default=http://localhost:2380;default=http://localhost:7001";
    QTest::newRow("initial-cluster-state") << "initial-cluster-state"
                                           << "new";
    QTest::newRow("initial-cluster-token") << "initial-cluster-token"
                                           << "etcd-cluster";
    QTest::newRow("cert-file") << "cert-file"
                               << "";
    QTest::newRow("client-cert-auth") << "client-cert-auth"
                                      << "false";
    QTest::newRow("peer-client-cert-auth") << "peer-client-cert-auth"
                                           << "false";
    QTest::newRow("debug") << "debug"
                           << "false";
    QTest::newRow("force-new-cluster") << "force-new-cluster"
                                       << "false";
}

void tst_ConfigParser::defaults()
{
    QFETCH(QString, flag);
    QFETCH(QString, expected);
    const server::config::ConfigParser::Result r = run({});
    QCOMPARE(r.outcome, server::config::ConfigParser::Outcome::Run);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(field(r.config, flag), expected);
}

void tst_ConfigParser::values_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QString>("flag");
    QTest::addColumn<QString>("expected");

    // Spellings of a valued flag.
    QTest::newRow("two dashes, space")
        << QStringList{"--data-dir", "/tmp/x"} << QStringList{} << "data-dir"
        << "/tmp/x";
    QTest::newRow("one dash, space")
        << QStringList{"-data-dir", "/tmp/x"} << QStringList{} << "data-dir"
        << "/tmp/x";
    QTest::newRow("two dashes, =")
        << QStringList{"--data-dir=/tmp/x"} << QStringList{} << "data-dir"
        << "/tmp/x";
    QTest::newRow("one dash, =") << QStringList{"-data-dir=/tmp/x"} << QStringList{} << "data-dir"
                                 << "/tmp/x";
    QTest::newRow("value with =") << QStringList{"--initial-cluster-token=a=b"} << QStringList{}
                                  << "initial-cluster-token"
                                  << "a=b";
    QTest::newRow("value starting with dash") << QStringList{"--initial-cluster-token", "-tok"}
                                              << QStringList{} << "initial-cluster-token"
                                              << "-tok";
    QTest::newRow("last occurrence wins")
        << QStringList{"--wal-dir", "/a", "--wal-dir=/b"} << QStringList{} << "wal-dir"
        << "/b";
    QTest::newRow("numbers") << QStringList{"-snapshot-count", "42"} << QStringList{}
                             << "snapshot-count"
                             << "42";
    QTest::newRow("zero max-wals means unlimited")
        << QStringList{"--max-wals=0"} << QStringList{} << "max-wals"
        << "0";
    QTest::newRow("max-request-bytes")
        << QStringList{"--max-request-bytes", "1024"} << QStringList{} << "max-request-bytes"
        << "1024";
    QTest::newRow("client-threads")
        << QStringList{"--client-threads=3"} << QStringList{} << "client-threads"
        << "3";
    QTest::newRow("client-threads from env")
        << QStringList{} << QStringList{"ETCD_CLIENT_THREADS=2"} << "client-threads"
        << "2";
    QTest::newRow("timing") << QStringList{"--heartbeat-interval=50", "--election-timeout=500"}
                            << QStringList{} << "heartbeat-interval"
                            << "50";
    QTest::newRow("cluster state existing") << QStringList{"--initial-cluster-state", "existing"}
                                            << QStringList{} << "initial-cluster-state"
                                            << "existing";
    QTest::newRow("cors list") << QStringList{"--cors", "http://a.example, *"} << QStringList{}
                               << "cors"
                               << "http://a.example,*";

    // Booleans, Go style.
    QTest::newRow("bool bare") << QStringList{"--debug"} << QStringList{} << "debug"
                               << "true";
    QTest::newRow("bool bare one dash") << QStringList{"-debug"} << QStringList{} << "debug"
                                        << "true";
    QTest::newRow("bool =true") << QStringList{"--debug=true"} << QStringList{} << "debug"
                                << "true";
    QTest::newRow("bool =false") << QStringList{"--force-new-cluster=false"} << QStringList{}
                                 << "force-new-cluster"
                                 << "false";
    QTest::newRow("bool -x=1") << kHttpsClients +
                                      QStringList{"-client-cert-auth=1", "--trusted-ca-file", "ca"}
                               << QStringList{} << "client-cert-auth"
                               << "true";
    QTest::newRow("bool =F") << QStringList{"--debug=F"} << QStringList{} << "debug"
                             << "false";
    QTest::newRow("bool later bare wins")
        << QStringList{"--debug=false", "--debug"} << QStringList{} << "debug"
        << "true";
    QTest::newRow("bool later =false wins")
        << QStringList{"--debug", "--debug=false"} << QStringList{} << "debug"
        << "false";

    // Environment.
    QTest::newRow("env string") << QStringList{} << QStringList{"ETCD_DATA_DIR=/var/lib/q"}
                                << "data-dir"
                                << "/var/lib/q";
    QTest::newRow("env number") << QStringList{} << QStringList{"ETCD_SNAPSHOT_COUNT=7"}
                                << "snapshot-count"
                                << "7";
    QTest::newRow("env bool") << QStringList{} << QStringList{"ETCD_DEBUG=true"} << "debug"
                              << "true";
    QTest::newRow("env empty counts as unset")
        << QStringList{} << QStringList{"ETCD_NAME="} << "name"
        << "default";
    QTest::newRow("env initial cluster")
        << QStringList{"--initial-advertise-peer-urls", "http://127.0.0.1:1"}
        << QStringList{"ETCD_INITIAL_CLUSTER=default=http://127.0.0.1:1,b=http://127.0.0.1:2"}
        << "initial-cluster-members"
        << "default=http://127.0.0.1:1;b=http://127.0.0.1:2";
    QTest::newRow("flag beats env")
        << QStringList{"--data-dir", "/flag"} << QStringList{"ETCD_DATA_DIR=/env"} << "data-dir"
        << "/flag";
    QTest::newRow("bool flag beats env")
        << QStringList{"--debug=false"} << QStringList{"ETCD_DEBUG=true"} << "debug"
        << "false";
    QTest::newRow("env fills what flags leave")
        << QStringList{"--data-dir", "/flag"} << QStringList{"ETCD_WAL_DIR=/wal"} << "wal-dir"
        << "/wal";

    // Defaults that follow other flags.
    QTest::newRow("data-dir follows name")
        << QStringList{"--name", "n1"} << QStringList{} << "data-dir"
        << "n1.etcd";
    QTest::newRow("data-dir follows env name")
        << QStringList{} << QStringList{"ETCD_NAME=n2"} << "data-dir"
        << "n2.etcd";
    QTest::newRow("initial-cluster follows name")
        << QStringList{"--name", "n1"} << QStringList{} << "initial-cluster"
        << "n1=http://localhost:2380,n1=http://localhost:7001";
    QTest::newRow("initial-cluster follows advertised peers")
        << QStringList{"--name", "b", "--initial-advertise-peer-urls", "http://127.0.0.1:5"}
        << QStringList{} << "initial-cluster"
        << "b=http://127.0.0.1:5";

    // initial-cluster keeps the user's order and text.
    const QString three = "infra0=http://127.0.0.1:2380,infra1=http://127.0.0.1:2381,"
                          "infra2=http://127.0.0.1:2382";
    const QStringList member1{"--name",
                              "infra1",
                              "--initial-advertise-peer-urls",
                              "http://127.0.0.1:2381",
                              "--initial-cluster",
                              three};
    QTest::newRow("three members text") << member1 << QStringList{} << "initial-cluster" << three;
    QTest::newRow("three members parsed")
        << member1 << QStringList{} << "initial-cluster-members"
        << "infra0=http://127.0.0.1:2380;infra1=http://127.0.0.1:2381;"
           "infra2=http://127.0.0.1:2382";
    QTest::newRow("member with two peer urls, any order")
        << QStringList{"--initial-advertise-peer-urls", "http://127.0.0.1:2,http://127.0.0.1:1",
                       "--initial-cluster", "default=http://127.0.0.1:1,default=http://127.0.0.1:2"}
        << QStringList{} << "initial-cluster-members"
        << "default=http://127.0.0.1:1;default=http://127.0.0.1:2";
    QTest::newRow("existing: own urls need not match")
        << QStringList{"--initial-cluster-state=existing", "--initial-cluster",
                       "default=http://127.0.0.1:9"}
        << QStringList{} << "initial-cluster-members"
        << "default=http://127.0.0.1:9";
    QTest::newRow("https with cert") << QStringList{"--listen-client-urls",
                                                    "https://127.0.0.1:1",
                                                    "--advertise-client-urls",
                                                    "https://127.0.0.1:1",
                                                    "--cert-file",
                                                    "c.pem",
                                                    "--key-file",
                                                    "k.pem"}
                                     << QStringList{} << "listen-client-urls"
                                     << "https://127.0.0.1:1";
    QTest::newRow("ipv6 loopback") << QStringList{"--listen-client-urls", "http://[::1]:2379",
                                                  "--advertise-client-urls", "http://[::1]:2379"}
                                   << QStringList{} << "listen-client-urls"
                                   << "http://[::1]:2379";
}

void tst_ConfigParser::values()
{
    QFETCH(QStringList, args);
    QFETCH(QStringList, env);
    QFETCH(QString, flag);
    QFETCH(QString, expected);
    const server::config::ConfigParser::Result r = run(args, env);
    QVERIFY2(r.outcome == server::config::ConfigParser::Outcome::Run, qPrintable(r.text));
    QCOMPARE(field(r.config, flag), expected);
}

void tst_ConfigParser::errors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("mentions");

    // Malformed command lines: exit 2 like Go's flag package.
    QTest::newRow("unknown flag") << QStringList{"--no-such-flag"} << QStringList{} << 2
                                  << "no-such-flag";
    QTest::newRow("unknown flag one dash")
        << QStringList{"-bogus=1"} << QStringList{} << 2 << "bogus";
    QTest::newRow("missing value") << QStringList{"--name"} << QStringList{} << 2 << "name";
    QTest::newRow("number not numeric")
        << QStringList{"--snapshot-count", "lots"} << QStringList{} << 2 << "--snapshot-count";
    QTest::newRow("number negative")
        << QStringList{"--heartbeat-interval=-5"} << QStringList{} << 2 << "--heartbeat-interval";
    QTest::newRow("number too big for uint")
        << QStringList{"--max-wals=4294967296"} << QStringList{} << 2 << "--max-wals";
    QTest::newRow("bool bad value")
        << QStringList{"--debug=yes"} << QStringList{} << 2 << "--debug";
    QTest::newRow("v2 turned off")
        << QStringList{"--enable-v2=false"} << QStringList{} << 2 << "qetcd serves only the v2 API";
    // A bad value in the environment is exit 1, as with every ETCD_ variable (etcd's own rule).
    QTest::newRow("v2 turned off from env") << QStringList{} << QStringList{"ETCD_ENABLE_V2=false"}
                                            << 1 << "qetcd serves only the v2 API";
    // etcd refuses a cipher suite it does not know, naming it.
    QTest::newRow("unknown cipher suite")
        << QStringList{"--cipher-suites=TLS_RSA_WITH_AES_128_GCM_SHA256,TLS_NO_SUCH_SUITE"}
        << QStringList{} << 2 << "unexpected TLS cipher suite TLS_NO_SUCH_SUITE";
    // https without certificate files needs --auto-tls (--peer-auto-tls).
    QTest::newRow("https client URL without cert or auto-tls")
        << QStringList{"--listen-client-urls", "https://127.0.0.1:1", "--advertise-client-urls",
                       "https://127.0.0.1:1"}
        << QStringList{} << 1 << "--auto-tls";
    // --proxy on|readonly parse (proxyAndDiscoveryFlags); other values do not.
    QTest::newRow("proxy bad value") << QStringList{"--proxy", "yes"} << QStringList{} << 2
                                     << "valid values are 'off', 'readonly' and 'on'";
    QTest::newRow("discovery-fallback bad value")
        << QStringList{"--discovery-fallback=retry"} << QStringList{} << 2
        << "valid values are 'exit' and 'proxy'";
    // etcd's ErrConflictBootstrapFlags: one way to bootstrap, however the flags are given.
    QTest::newRow("initial-cluster and discovery")
        << QStringList{"--initial-cluster",
                       "default=http://localhost:2380,default=http://"
                       "localhost:7001",
                       "--discovery", "https://discovery.etcd.io/3e86b59982e49066c5d813af1c2e2579"}
        << QStringList{} << 1 << "multiple discovery or bootstrap flags are set";
    QTest::newRow("discovery and discovery-srv from env")
        << QStringList{}
        << QStringList{"ETCD_DISCOVERY=http://127.0.0.1:2379/v2/keys/_etcd/registry/t",
                       "ETCD_DISCOVERY_SRV=example.com"}
        << 1 << "Choose one of \"initial-cluster\", \"discovery\" or \"discovery-srv\"";
    QTest::newRow("discovery without token path")
        << QStringList{"--discovery", "http://127.0.0.1:2379"} << QStringList{} << 1
        << "is not a discovery URL";
    QTest::newRow("discovery not http")
        << QStringList{"--discovery", "ftp://h/t"} << QStringList{} << 1 << "--discovery";
    QTest::newRow("discovery-proxy not a URL") << QStringList{"--discovery-proxy", "http://a b"}
                                               << QStringList{} << 1 << "invalid proxy address";
    QTest::newRow("bad cluster state") << QStringList{"--initial-cluster-state", "old"}
                                       << QStringList{} << 2 << "--initial-cluster-state";
    QTest::newRow("url without port") << QStringList{"--listen-client-urls", "http://127.0.0.1"}
                                      << QStringList{} << 2 << "--listen-client-urls";
    QTest::newRow("url with path")
        << QStringList{"--advertise-client-urls", "http://127.0.0.1:2379/v2"} << QStringList{} << 2
        << "--advertise-client-urls";
    QTest::newRow("url trailing slash")
        << QStringList{"--listen-peer-urls", "http://127.0.0.1:2380/"} << QStringList{} << 2
        << "--listen-peer-urls";
    QTest::newRow("url other scheme")
        << QStringList{"--initial-advertise-peer-urls", "unix://127.0.0.1:2380"} << QStringList{}
        << 2 << "--initial-advertise-peer-urls";
    QTest::newRow("url without scheme") << QStringList{"--listen-peer-urls", "127.0.0.1:2380"}
                                        << QStringList{} << 2 << "--listen-peer-urls";
    QTest::newRow("url without host") << QStringList{"--listen-peer-urls", "http://:2380"}
                                      << QStringList{} << 2 << "--listen-peer-urls";
    QTest::newRow("url list with empty piece")
        << QStringList{"--listen-peer-urls", "http://127.0.0.1:1,"} << QStringList{} << 2
        << "--listen-peer-urls";
    QTest::newRow("url list empty")
        << QStringList{"--listen-peer-urls="} << QStringList{} << 2 << "--listen-peer-urls";
    QTest::newRow("initial-cluster entry without =")
        << QStringList{"--initial-cluster", "default"} << QStringList{} << 2 << "--initial-cluster";
    QTest::newRow("initial-cluster entry without name")
        << QStringList{"--initial-cluster", "=http://127.0.0.1:1"} << QStringList{} << 2
        << "--initial-cluster";
    QTest::newRow("initial-cluster bad url")
        << QStringList{"--initial-cluster", "default=http://127.0.0.1"} << QStringList{} << 2
        << "--initial-cluster";
    QTest::newRow("initial-cluster empty")
        << QStringList{"--initial-cluster="} << QStringList{} << 2 << "--initial-cluster";
    QTest::newRow("bad cors origin")
        << QStringList{"--cors", "not a url"} << QStringList{} << 2 << "--cors";

    // Parsed, but unusable: exit 1 like etcd.
    QTest::newRow("stray argument")
        << QStringList{"--name", "a", "extra"} << QStringList{} << 1 << "'extra'";
    QTest::newRow("bool takes no separate value")
        << QStringList{"--debug", "true"} << QStringList{} << 1 << "'true'";
    QTest::newRow("argument after --")
        << QStringList{"--", "--debug"} << QStringList{} << 1 << "'--debug'";
    QTest::newRow("env bad number")
        << QStringList{} << QStringList{"ETCD_SNAPSHOT_COUNT=x"} << 1 << "ETCD_SNAPSHOT_COUNT";
    QTest::newRow("env bad bool") << QStringList{} << QStringList{"ETCD_FORCE_NEW_CLUSTER=maybe"}
                                  << 1 << "ETCD_FORCE_NEW_CLUSTER";
    QTest::newRow("env bad url") << QStringList{}
                                 << QStringList{"ETCD_LISTEN_PEER_URLS=ftp://127.0.0.1:1"} << 1
                                 << "ETCD_LISTEN_PEER_URLS";
    QTest::newRow("empty name") << QStringList{"--name="} << QStringList{} << 1 << "--name";
    QTest::newRow("empty data-dir")
        << QStringList{"--data-dir="} << QStringList{} << 1 << "--data-dir";
    QTest::newRow("snapshot-count zero")
        << QStringList{"--snapshot-count=0"} << QStringList{} << 1 << "--snapshot-count";
    QTest::newRow("max-request-bytes zero")
        << QStringList{"--max-request-bytes=0"} << QStringList{} << 1 << "--max-request-bytes";
    QTest::newRow("client-request-timeout over a day")
        << QStringList{"--client-request-timeout=86401"} << QStringList{} << 1
        << "--client-request-timeout";
    QTest::newRow("client-threads too many")
        << QStringList{"--client-threads=65"} << QStringList{} << 1 << "--client-threads";
    QTest::newRow("client-threads not a number")
        << QStringList{"--client-threads=two"} << QStringList{} << 2 << "--client-threads";
    QTest::newRow("heartbeat zero")
        << QStringList{"--heartbeat-interval=0"} << QStringList{} << 1 << "--heartbeat-interval";
    QTest::newRow("election zero")
        << QStringList{"--election-timeout=0"} << QStringList{} << 1 << "--election-timeout";
    QTest::newRow("election below 5 heartbeats")
        << QStringList{"--heartbeat-interval=300", "--election-timeout=1000"} << QStringList{} << 1
        << "--election-timeout";
    QTest::newRow("election too long")
        << QStringList{"--election-timeout=60000"} << QStringList{} << 1 << "--election-timeout";
    QTest::newRow("listen client without advertise")
        << QStringList{"--listen-client-urls", "http://127.0.0.1:2379"} << QStringList{} << 1
        << "--advertise-client-urls";
    QTest::newRow("listen client from env without advertise")
        << QStringList{} << QStringList{"ETCD_LISTEN_CLIENT_URLS=http://127.0.0.1:2379"} << 1
        << "--advertise-client-urls";
    QTest::newRow("own name missing from initial-cluster")
        << QStringList{"--name", "a", "--initial-cluster", "b=http://127.0.0.1:1"} << QStringList{}
        << 1 << "--initial-cluster";
    QTest::newRow("own name missing, existing cluster")
        << QStringList{"--name",
                       "a",
                       "--initial-cluster-state",
                       "existing",
                       "--initial-cluster",
                       "b=http://127.0.0.1:1"}
        << QStringList{} << 1 << "--initial-cluster";
    QTest::newRow("own urls differ from advertised")
        << QStringList{"--initial-advertise-peer-urls", "http://127.0.0.1:1", "--initial-cluster",
                       "default=http://127.0.0.1:2"}
        << QStringList{} << 1 << "--initial-advertise-peer-urls";
    QTest::newRow("own urls are a subset of advertised")
        << QStringList{"--initial-advertise-peer-urls", "http://127.0.0.1:1,http://127.0.0.1:2",
                       "--initial-cluster", "default=http://127.0.0.1:1"}
        << QStringList{} << 1 << "--initial-cluster";
    QTest::newRow("renamed member keeps default initial-cluster from env")
        << QStringList{"--name", "n1"}
        << QStringList{"ETCD_INITIAL_CLUSTER=default=http://localhost:2380"} << 1
        << "--initial-cluster";
    QTest::newRow("duplicate peer url")
        << QStringList{"--initial-advertise-peer-urls", "http://127.0.0.1:1", "--initial-cluster",
                       "default=http://127.0.0.1:1,b=http://127.0.0.1:1"}
        << QStringList{} << 1 << "--initial-cluster";
    QTest::newRow("cert without key")
        << kLocalMember + QStringList{"--cert-file", "c.pem"} << QStringList{} << 1 << "--key-file";
    QTest::newRow("peer key without cert") << kLocalMember + QStringList{"--peer-key-file", "k"}
                                           << QStringList{} << 1 << "--peer-cert-file";
    QTest::newRow("client-cert-auth without CA") << kLocalMember + QStringList{"--client-cert-auth"}
                                                 << QStringList{} << 1 << "--trusted-ca-file";
    QTest::newRow("peer-client-cert-auth without CA")
        << kLocalMember + QStringList{"--peer-client-cert-auth=true"} << QStringList{} << 1
        << "--peer-trusted-ca-file";
    QTest::newRow("peer-cert-allowed-cn without peer-client-cert-auth")
        << kLocalMember + QStringList{"--peer-cert-allowed-cn", "member"} << QStringList{} << 1
        << "--peer-client-cert-auth";
    QTest::newRow("client-cert-auth with http client urls only")
        << kLocalMember + QStringList{"--client-cert-auth", "--trusted-ca-file", "ca"}
        << QStringList{} << 1 << "--client-cert-auth has no effect";
    QTest::newRow("peer-client-cert-auth with http peer urls only")
        << kLocalMember + QStringList{"--peer-client-cert-auth", "--peer-trusted-ca-file", "ca"}
        << QStringList{} << 1 << "--peer-client-cert-auth has no effect";
    QTest::newRow("client-cert-auth from env with http client urls only")
        << kLocalMember << QStringList{"ETCD_CLIENT_CERT_AUTH=true", "ETCD_TRUSTED_CA_FILE=ca"} << 1
        << "--client-cert-auth has no effect";
    QTest::newRow("https client url without cert")
        << QStringList{"--listen-client-urls", "https://127.0.0.1:1", "--advertise-client-urls",
                       "https://127.0.0.1:1"}
        << QStringList{} << 1 << "--cert-file";
    QTest::newRow("https peer url without cert")
        << QStringList{"--listen-peer-urls", "https://127.0.0.1:1"} << QStringList{} << 1
        << "--peer-cert-file";
}

void tst_ConfigParser::errors()
{
    QFETCH(QStringList, args);
    QFETCH(QStringList, env);
    QFETCH(int, exitCode);
    QFETCH(QString, mentions);
    const server::config::ConfigParser::Result r = run(args, env);
    QCOMPARE(r.outcome, server::config::ConfigParser::Outcome::Error);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.text.contains(mentions), qPrintable(r.text));
    QVERIFY2(r.text.contains("qetcd --help"), qPrintable(r.text));
}

void tst_ConfigParser::warnings_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("env");
    QTest::addColumn<QString>("warning");

    QTest::newRow("env shadowed by flag")
        << QStringList{"--data-dir", "/flag"} << QStringList{"ETCD_DATA_DIR=/env"}
        << "recognized environment variable ETCD_DATA_DIR, but unused: shadowed by corresponding "
           "flag --data-dir";
    QTest::newRow("unknown ETCD_ variable")
        << QStringList{"--data-dir", "/d"} << QStringList{"ETCD_DATADIR=/x"}
        << "unrecognized environment variable ETCD_DATADIR";
    QTest::newRow("default data dir") << QStringList{} << QStringList{}
                                      << "no data-dir provided, using default data-dir "
                                         "./default.etcd";
    QTest::newRow("auto-tls beside certificate files")
        << kLocalMember +
               QStringList{"--data-dir", "/d", "--cert-file", "c", "--key-file", "k", "--auto-tls"}
        << QStringList{} << "ignoring --auto-tls since --cert-file and --key-file are given";
    QTest::newRow("crl file without client-cert-auth")
        << kLocalMember + QStringList{"--data-dir", "/d", "--peer-crl-file", "crl.pem"}
        << QStringList{} << "--peer-crl-file has no effect without --peer-client-cert-auth";
    QTest::newRow("cert given for http url")
        << kLocalMember + QStringList{"--data-dir", "/d", "--cert-file", "c", "--key-file", "k"}
        << QStringList{} << "http://127.0.0.1:32379 is http";
    QTest::newRow("client-cert-auth on an http url beside an https one")
        << kLocalMember + QStringList{"--data-dir",
                                      "/d",
                                      "--cert-file",
                                      "c",
                                      "--key-file",
                                      "k",
                                      "--client-cert-auth",
                                      "--trusted-ca-file",
                                      "ca",
                                      "--listen-client-urls",
                                      "http://127.0.0.1:32379,https://127.0.0.1:32378"}
        << QStringList{}
        << "http://127.0.0.1:32379 is http while client cert auth (--client-cert-auth) is enabled";
}

void tst_ConfigParser::warnings()
{
    QFETCH(QStringList, args);
    QFETCH(QStringList, env);
    QFETCH(QString, warning);
    const server::config::ConfigParser::Result r = run(args, env);
    QVERIFY2(r.outcome == server::config::ConfigParser::Outcome::Run, qPrintable(r.text));
    const QString all = r.config.warnings.join('\n');
    QVERIFY2(all.contains(warning), qPrintable(all));
}

void tst_ConfigParser::noWarningsForAPlainExplicitConfig()
{
    const server::config::ConfigParser::Result r =
        run(kLocalMember + QStringList{"--data-dir", "/d"}, {"ETCD_DEBUG=true", "PATH=/bin"});
    QVERIFY2(r.outcome == server::config::ConfigParser::Outcome::Run, qPrintable(r.text));
    QCOMPARE(r.config.warnings, QStringList{});
    QVERIFY(r.config.debug);
}

void tst_ConfigParser::help_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::newRow("-h") << QStringList{"-h"};
    QTest::newRow("--help") << QStringList{"--help"};
    QTest::newRow("-help") << QStringList{"-help"};
    QTest::newRow("after other flags") << QStringList{"--name", "x", "--help"};
}

void tst_ConfigParser::help()
{
    QFETCH(QStringList, args);
    const server::config::ConfigParser::Result r = run(args);
    QCOMPARE(r.outcome, server::config::ConfigParser::Outcome::ShowHelp);
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.text.startsWith("usage: qetcd"));
}

void tst_ConfigParser::helpListsEveryFlagWithItsDefault()
{
    const QString text = run({"--help"}).text;
    for (const server::config::FlagDefinition &f : server::config::FlagTable::all()) {
        const QString line = QStringLiteral("--%1 '%2'\n").arg(f.name, f.defaultText);
        QVERIFY2(text.contains(line), qPrintable(line));
    }
    QVERIFY(text.contains("--listen-client-urls 'http://localhost:2379,http://localhost:4001'"));
    QVERIFY(text.contains("--initial-cluster-state 'new'"));
    QVERIFY(text.contains("ETCD_DATA_DIR"));
}

void tst_ConfigParser::version()
{
    for (const QString &spelling : {QStringLiteral("--version"), QStringLiteral("-version")}) {
        const server::config::ConfigParser::Result r =
            run({spelling}, {"ETCD_SNAPSHOT_COUNT=not checked"});
        QCOMPARE(r.outcome, server::config::ConfigParser::Outcome::ShowVersion);
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.text.startsWith(QStringLiteral("qetcd Version: ") + QETCD_VERSION + '\n'),
                 qPrintable(r.text));
        QVERIFY(r.text.contains("etcd v2 API 2.2\n"));
    }
}

void tst_ConfigParser::everyFlag_data()
{
    QTest::addColumn<QString>("flag");
    QTest::addColumn<QString>("value");
    QTest::addColumn<QStringList>("otherArgs");
    QTest::addColumn<bool>("viaEnvironment");

    // A valid non-default value for each flag, and what else the value needs to be usable.
    struct Sample
    {
        QString value;
        QStringList otherArgs;
    };
    const QHash<QString, Sample> samples{
        {"name", {"n1", {}}},
        {"data-dir", {"/d", {}}},
        {"wal-dir", {"/w", {}}},
        {"snapshot-count", {"5", {}}},
        {"heartbeat-interval", {"50", {}}},
        {"election-timeout", {"2000", {}}},
        {"listen-peer-urls", {"http://127.0.0.1:5", {}}},
        {"listen-client-urls",
         {"http://127.0.0.1:6", {"--advertise-client-urls", "http://127.0.0.1:6"}}},
        {"listen-metrics-urls", {"http://127.0.0.1:7,http://127.0.0.1:8", {}}},
        {"max-snapshots", {"0", {}}},
        {"max-wals", {"9", {}}},
        {"cors", {"*", {}}},
        {"max-request-bytes", {"100", {}}},
        {"client-threads", {"3", {}}},
        {"client-request-timeout", {"30", {}}},
        {"client-handshake-timeout", {"3", {}}},
        {"max-client-connections", {"500", {}}},
        {"initial-advertise-peer-urls", {"http://127.0.0.1:7", {}}},
        {"initial-cluster",
         {"default=http://localhost:2380,default=http://localhost:7001,b=http://127.0.0.1:8", {}}},
        {"initial-cluster-state", {"existing", {}}},
        {"initial-cluster-token", {"tok", {}}},
        {"advertise-client-urls", {"http://127.0.0.1:9", {}}},
        {"cert-file", {"c.pem", {"--key-file", "k.pem"}}},
        {"key-file", {"k.pem", {"--cert-file", "c.pem"}}},
        {"client-cert-auth", {"true", kHttpsClients + QStringList{"--trusted-ca-file", "ca.pem"}}},
        {"trusted-ca-file", {"ca.pem", {}}},
        {"peer-cert-file", {"c.pem", {"--peer-key-file", "k.pem"}}},
        {"peer-key-file", {"k.pem", {"--peer-cert-file", "c.pem"}}},
        {"peer-client-cert-auth",
         {"true", kHttpsPeers + QStringList{"--peer-trusted-ca-file", "ca.pem"}}},
        {"peer-trusted-ca-file", {"ca.pem", {}}},
        {"peer-cert-allowed-cn",
         {"member", kHttpsPeers + QStringList{"--peer-client-cert-auth=true",
                                              "--peer-trusted-ca-file", "ca.pem"}}},
        {"client-crl-file", {"crl.pem", {}}},
        {"peer-crl-file", {"crl.pem", {}}},
        {"auto-tls", {"true", {}}},
        {"peer-auto-tls", {"true", {}}},
        {"cipher-suites",
         {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305", {}}},
        {"debug", {"true", {}}},
        {"force-new-cluster", {"true", {}}},
        // Accepted for etcd compatibility (kForCompatibility): the only valid value is etcd's.
        {"enable-v2", {"true", {}}},
        {"logger", {"zap", {}}},
        {"discovery", {"https://discovery.etcd.io/3e86b59982e49066c5d813af1c2e2579", {}}},
        {"discovery-srv", {"example.com", {}}},
        {"discovery-proxy", {"http://proxy.example:3128", {}}},
        {"discovery-fallback", {"exit", {}}},
        {"proxy", {"readonly", {}}},
        {"proxy-failure-wait", {"1000", {}}},
        {"proxy-refresh-interval", {"5000", {}}},
        {"proxy-dial-timeout", {"200", {}}},
        {"proxy-write-timeout", {"0", {}}},
        {"proxy-read-timeout", {"3000", {}}},
        // Tested by the configFile* functions: the file replaces every other flag.
        {"config-file", {"", {}}},
        {"log-level", {"warn", {}}},
        {"log-outputs", {"stdout,/var/log/qetcd.log", {}}},
    };
    for (const server::config::FlagDefinition &f : server::config::FlagTable::all()) {
        // A flag added to the table without a sample here fails instead of going untested.
        QVERIFY2(samples.contains(f.name), qPrintable("no sample for --" + f.name));
        const Sample &sample = samples.value(f.name);
        QTest::addRow("--%s", qPrintable(f.name))
            << f.name << sample.value << sample.otherArgs << false;
        QTest::addRow("%s", qPrintable(f.environmentName()))
            << f.name << sample.value << sample.otherArgs << true;
    }
}

void tst_ConfigParser::everyFlag()
{
    QFETCH(QString, flag);
    QFETCH(QString, value);
    QFETCH(QStringList, otherArgs);
    QFETCH(bool, viaEnvironment);
    const server::config::FlagDefinition *definition = server::config::FlagTable::find(flag);
    QVERIFY(definition);
    QVERIFY(definition->environmentName().startsWith("ETCD_"));
    QVERIFY(!definition->environmentName().contains('-'));
    // Flags that etcd v2 deployments carry and that change nothing in qetcd: accepted, with a
    // note in the log saying so.
    static const QStringList kForCompatibility{"enable-v2", "logger"};
    if (flag == "config-file")
        return;
    if (kForCompatibility.contains(flag)) {
        const server::config::ConfigParser::Result r =
            viaEnvironment ? run(otherArgs, {definition->environmentName() + '=' + value})
                           : run(otherArgs + QStringList{"--" + flag + '=' + value});
        QVERIFY2(r.outcome == server::config::ConfigParser::Outcome::Run, qPrintable(r.text));
        const QString notes = r.config.warnings.join('\n');
        const QString given = flag == "enable-v2" ? QString() : '=' + value;
        QVERIFY2(notes.contains("--" + flag + given + " is accepted"), qPrintable(notes));
        return;
    }
    QVERIFY2(field(server::config::Config{}, flag) != value,
             "the sample must differ from the default");

    const server::config::ConfigParser::Result r =
        viaEnvironment ? run(otherArgs, {definition->environmentName() + '=' + value})
                       : run(otherArgs + QStringList{"--" + flag + '=' + value});
    QVERIFY2(r.outcome == server::config::ConfigParser::Outcome::Run, qPrintable(r.text));
    QCOMPARE(field(r.config, flag), value);
}

// Issue 17: --proxy on|readonly and the discovery flags parse from flags, ETCD_* variables and
// the YAML file alike (YAML's bare `on` is the text "on" here, not a boolean).
void tst_ConfigParser::proxyAndDiscoveryFlags()
{
    using server::config::Config;
    QCOMPARE(run({"--proxy", "on"}).config.proxy, Config::ProxyMode::On);
    QCOMPARE(run({"--proxy=readonly"}).config.proxy, Config::ProxyMode::ReadOnly);
    QCOMPARE(run({}, {"ETCD_PROXY=on"}).config.proxy, Config::ProxyMode::On);
    QCOMPARE(run({}).config.proxy, Config::ProxyMode::Off);
    QCOMPARE(run({}).config.discoveryFallback, Config::DiscoveryFallback::Proxy);

    const QString token = "http://127.0.0.1:2379/v2/keys/_etcd/registry/abc";
    const server::config::ConfigParser::Result env =
        run({}, {"ETCD_DISCOVERY=" + token, "ETCD_DISCOVERY_FALLBACK=exit",
                 "ETCD_DISCOVERY_PROXY=proxy.example:3128"});
    QVERIFY2(env.outcome == server::config::ConfigParser::Outcome::Run, qPrintable(env.text));
    QCOMPARE(env.config.discovery, token);
    QCOMPARE(env.config.discoveryFallback, Config::DiscoveryFallback::Exit);
    QCOMPARE(env.config.discoveryProxy, QString("proxy.example:3128"));
    const server::config::ConfigParser::Result srv = run({"--discovery-srv", "example.com"});
    QVERIFY2(srv.outcome == server::config::ConfigParser::Outcome::Run, qPrintable(srv.text));
    QCOMPARE(srv.config.discoverySrv, QString("example.com"));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, "proxy.yml",
                                   "proxy: on\nproxy-failure-wait: 100\n"
                                   "discovery: " +
                                       token.toUtf8() + "\ndiscovery-fallback: exit\n");
    const server::config::ConfigParser::Result file = run({"--config-file", path});
    QVERIFY2(file.outcome == server::config::ConfigParser::Outcome::Run, qPrintable(file.text));
    QCOMPARE(file.config.proxy, Config::ProxyMode::On);
    QCOMPARE(file.config.proxyFailureWaitMs, 100u);
    QCOMPARE(file.config.discovery, token);
    QCOMPARE(file.config.discoveryFallback, Config::DiscoveryFallback::Exit);
    const QString conflict = writeFile(dir, "conflict.yml",
                                       "initial-cluster: default=http://localhost:2380\n"
                                       "discovery: " +
                                           token.toUtf8() + "\n");
    const server::config::ConfigParser::Result c = run({"--config-file", conflict});
    QCOMPARE(c.outcome, server::config::ConfigParser::Outcome::Error);
    QVERIFY2(c.text.contains("multiple discovery or bootstrap flags are set"), qPrintable(c.text));
}

// resources/qetcd.conf.example must start the member it describes, and its commented-out
// defaults must be valid values too.
void tst_ConfigParser::exampleEnvironmentFile_data()
{
    QTest::addColumn<bool>("withCommentedSettings");
    QTest::newRow("as shipped") << false;
    QTest::newRow("every commented setting enabled") << true;
}

void tst_ConfigParser::exampleEnvironmentFile()
{
    QFETCH(bool, withCommentedSettings);
    QFile file(QStringLiteral(QETCD_SOURCE_DIR "/resources/qetcd.conf.example"));
    QVERIFY2(file.open(QIODevice::ReadOnly | QIODevice::Text), qPrintable(file.fileName()));
    QStringList pairs;
    while (!file.atEnd()) {
        QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (withCommentedSettings && line.startsWith("#ETCD_"))
            line = line.mid(1);
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        QVERIFY2(line.startsWith("ETCD_") && line.contains('='), qPrintable(line));
        pairs.append(line);
    }
    const server::config::ConfigParser::Result r = run({}, pairs);
    QVERIFY2(r.outcome == server::config::ConfigParser::Outcome::Run, qPrintable(r.text));
    QCOMPARE(r.config.name, QString("infra0"));
    QCOMPARE(field(r.config, "initial-cluster-members"),
             QString("infra0=http://192.0.2.10:2380;infra1=http://192.0.2.11:2380;"
                     "infra2=http://192.0.2.12:2380"));
    QCOMPARE(field(r.config, "advertise-client-urls"), QString("http://192.0.2.10:2379"));
    // Only the notes expected when every commented setting is on at once: certificates beside
    // http URLs, auto TLS beside certificate files, revocation lists without client
    // certificates asked for.
    for (const QString &warning : r.config.warnings)
        QVERIFY2(withCommentedSettings &&
                     (warning.contains("is http") || warning.contains("ignoring --auto-tls") ||
                      warning.contains("ignoring --peer-auto-tls") ||
                      warning.contains("has no effect without")),
                 qPrintable(warning));
}

void tst_ConfigParser::logFlagErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("log-level") << QStringList{"--log-level=verbose"} << "\"debug\", \"info\"";
    QTest::newRow("log-level upper case") << QStringList{"--log-level=INFO"} << "--log-level";
    QTest::newRow("logger") << QStringList{"--logger=json"} << "\"capnslog\" and \"zap\"";
    QTest::newRow("log-outputs empty entry")
        << QStringList{"--log-outputs=stderr,,stdout"} << "empty output";
}

void tst_ConfigParser::logFlagErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, mentions);
    const server::config::ConfigParser::Result r = run(args);
    QCOMPARE(r.outcome, server::config::ConfigParser::Outcome::Error);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.text.contains(mentions), qPrintable(r.text));
}

// etcd 3.4's sample file fills Config exactly as the equivalent flags do.
void tst_ConfigParser::configFileMatchesFlags()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, "etcd.conf.yml", kEtcdSample);
    const server::config::ConfigParser::Result fromFile = run({"--config-file", path});
    QVERIFY2(fromFile.outcome == server::config::ConfigParser::Outcome::Run,
             qPrintable(fromFile.text));
    const server::config::ConfigParser::Result fromFlags = run(kEtcdSampleFlags);
    QVERIFY2(fromFlags.outcome == server::config::ConfigParser::Outcome::Run,
             qPrintable(fromFlags.text));
    QCOMPARE(fromFile.config.configFile, path);
    for (const QString &flag : kEtcdSampleFlags) {
        const QString name = flag.mid(2).section('=', 0, 0);
        if (name == "enable-v2")
            continue; // no field: its note is compared below
        QCOMPARE(field(fromFile.config, name), field(fromFlags.config, name));
        QVERIFY2(field(fromFile.config, name) != field(server::config::Config{}, name) ||
                     name == "debug",
                 qPrintable(name + " keeps its default: the sample does not test it"));
    }
    QCOMPARE(field(fromFile.config, "initial-cluster-members"),
             field(fromFlags.config, "initial-cluster-members"));
    // The notes the flags give (--enable-v2, --logger) and the file's own.
    const QString notes = fromFile.config.warnings.join('\n');
    for (const QString &note : fromFlags.config.warnings)
        QVERIFY2(notes.contains(note), qPrintable(note));
    QVERIFY2(notes.contains("loaded server configuration from " + path), qPrintable(notes));
    // etcd keys qetcd has nothing for are named, with their line.
    QVERIFY2(notes.contains(path + ":8: unknown configuration key \"quota-backend-bytes\""),
             qPrintable(notes));
    QVERIFY2(notes.contains("\"auto-compaction-retention\""), qPrintable(notes));
}

void tst_ConfigParser::configFileIgnoresFlagsAndEnvironment_data()
{
    QTest::addColumn<bool>("fileFromEnvironment");
    QTest::newRow("--config-file") << false;
    QTest::newRow("ETCD_CONFIG_FILE") << true;
}

// As etcd: with a configuration file, other flags and ETCD_* variables are ignored (with a note),
// even ones that would be errors on their own.
void tst_ConfigParser::configFileIgnoresFlagsAndEnvironment()
{
    QFETCH(bool, fileFromEnvironment);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, "c.yml", "name: fromfile\ndata-dir: /file\n");
    QStringList args{"--name",
                     "fromflag",
                     "--snapshot-count",
                     "7",
                     "--listen-client-urls",
                     "http://127.0.0.1:1"}; // lacks --advertise-client-urls: an error alone
    QStringList env{"ETCD_DATA_DIR=/env", "ETCD_MAX_WALS=9", "ETCD_NOT_A_FLAG=1"};
    if (fileFromEnvironment)
        env.append("ETCD_CONFIG_FILE=" + path);
    else
        args += QStringList{"--config-file", path};
    const server::config::ConfigParser::Result r = run(args, env);
    QVERIFY2(r.outcome == server::config::ConfigParser::Outcome::Run, qPrintable(r.text));
    QCOMPARE(r.config.name, QString("fromfile"));
    QCOMPARE(r.config.dataDir, QString("/file"));
    QCOMPARE(r.config.snapshotCount, server::config::Config{}.snapshotCount);
    QCOMPARE(r.config.maxWals, server::config::Config{}.maxWals);
    QCOMPARE(field(r.config, "listen-client-urls"),
             field(server::config::Config{}, "listen-client-urls"));
    const QString notes = r.config.warnings.join('\n');
    QVERIFY2(notes.contains("other command-line flags and environment variables are ignored"),
             qPrintable(notes));
    QVERIFY2(notes.contains("--listen-client-urls, --name, --snapshot-count") ||
                 notes.contains("--name, --snapshot-count, --listen-client-urls"),
             qPrintable(notes));
    QVERIFY2(notes.contains("ETCD_DATA_DIR, ETCD_MAX_WALS, ETCD_NOT_A_FLAG"), qPrintable(notes));
    // A flag whose value cannot even be parsed is still refused, as Go's flag package does.
    const server::config::ConfigParser::Result bad =
        run({"--config-file", path, "--snapshot-count", "x"});
    QCOMPARE(bad.outcome, server::config::ConfigParser::Outcome::Error);
}

void tst_ConfigParser::configFileYamlForms_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("flag");
    QTest::addColumn<QString>("expected");

    QTest::newRow("url list as a sequence")
        << QByteArray("listen-peer-urls: [http://127.0.0.1:5, 'http://127.0.0.1:6']\n")
        << "listen-peer-urls"
        << "http://127.0.0.1:5,http://127.0.0.1:6";
    QTest::newRow("url list as a block sequence")
        << QByteArray("cors:\n  - https://a.example\n  - '*'\n") << "cors"
        << "https://a.example,*";
    QTest::newRow("log-outputs as a string")
        << QByteArray("log-outputs: stderr,default\n") << "log-outputs"
        << "stderr";
    QTest::newRow("YAML 1.1 boolean yes")
        << QByteArray("force-new-cluster: yes\n") << "force-new-cluster"
        << "true";
    QTest::newRow("Go boolean spelling t")
        << QByteArray("force-new-cluster: t\n") << "force-new-cluster"
        << "true";
    QTest::newRow("null leaves the default") << QByteArray("name:\nwal-dir: ~\n") << "name"
                                             << "default";
    QTest::newRow("empty string leaves the default") << QByteArray("name: ''\n") << "name"
                                                     << "default";
    QTest::newRow("empty file") << QByteArray() << "snapshot-count"
                                << "10000";
    QTest::newRow("only comments") << QByteArray("# nothing\n") << "max-wals"
                                   << "5";
    QTest::newRow("quoted number") << QByteArray("snapshot-count: '42'\n") << "snapshot-count"
                                   << "42";
    QTest::newRow("null security section")
        << QByteArray("client-transport-security:\n") << "cert-file"
        << "";
}

void tst_ConfigParser::configFileYamlForms()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, flag);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const server::config::ConfigParser::Result r =
        run({"--config-file", writeFile(dir, "c.yml", yaml)});
    QVERIFY2(r.outcome == server::config::ConfigParser::Outcome::Run, qPrintable(r.text));
    QCOMPARE(field(r.config, flag), expected);
}

void tst_ConfigParser::configFileUnknownKeyWarns()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, "c.yml",
                                   "name: n\nnot-a-key: 1\ncert-file: top-level.pem\n"
                                   "peer-transport-security:\n  bogus: x\n");
    const server::config::ConfigParser::Result r = run({"--config-file", path});
    QVERIFY2(r.outcome == server::config::ConfigParser::Outcome::Run, qPrintable(r.text));
    const QString notes = r.config.warnings.join('\n');
    QVERIFY2(notes.contains(path + ":2: unknown configuration key \"not-a-key\" ignored"),
             qPrintable(notes));
    // etcd reads TLS files only inside client-transport-security.
    QVERIFY2(notes.contains(path + ":3: unknown configuration key \"cert-file\""),
             qPrintable(notes));
    QCOMPARE(r.config.certFile, QString());
    QVERIFY2(notes.contains(path + ":5: unknown configuration key "
                                   "\"peer-transport-security.bogus\""),
             qPrintable(notes));
    QCOMPARE(r.config.name, QString("n"));
}

void tst_ConfigParser::configFileErrors_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("mentions");

    QTest::newRow("malformed YAML") << QByteArray("name: a\ncors: [x\n") << ":3:";
    QTest::newRow("not a mapping")
        << QByteArray("- name\n- a\n") << ":1: expected a mapping of configuration keys";
    QTest::newRow("list for a single value")
        << QByteArray("name: a\nsnapshot-count: [1, 2]\n")
        << ":2: key \"snapshot-count\": expected a single value";
    QTest::newRow("mapping for a list")
        << QByteArray("listen-peer-urls:\n  a: b\n")
        << ":1: key \"listen-peer-urls\": expected a value or a list of values";
    QTest::newRow("nested list item")
        << QByteArray("cors: [[a]]\n") << "key \"cors\": a list item must be a single value";
    QTest::newRow("security section not a mapping")
        << QByteArray("client-transport-security: yes\n")
        << ":1: key \"client-transport-security\": expected a mapping";
    QTest::newRow("bad number")
        << QByteArray("name: a\n\nsnapshot-count: -1\n")
        << ":3: invalid value \"-1\" for key \"snapshot-count\": not a non-negative whole number";
    QTest::newRow("bad url") << QByteArray("listen-client-urls: ftp://x:1\n")
                             << "for key \"listen-client-urls\": URL scheme must be http or https";
    QTest::newRow("bad nested bool")
        << QByteArray("peer-transport-security:\n  client-cert-auth: maybe\n")
        << ":2: invalid value \"maybe\" for key \"peer-transport-security.client-cert-auth\"";
    QTest::newRow("enable-v2 false")
        << QByteArray("enable-v2: false\n") << "qetcd serves only the v2 API";
    QTest::newRow("proxy bad value")
        << QByteArray("proxy: maybe\n") << "invalid value \"maybe\" for key \"proxy\"";

    QTest::newRow("bad log level") << QByteArray("log-level: loud\n") << "for key \"log-level\"";
    QTest::newRow("inconsistent values")
        << QByteArray("heartbeat-interval: 500\nelection-timeout: 100\n") << "--election-timeout";
    // Bounded before parsing: a comment line is enough to make it big.
    QTest::newRow("larger than 1 MiB") << "name: a\n#" + QByteArray(1024 * 1024, 'x') + '\n'
                                       << "larger than 1048576 bytes";
}

void tst_ConfigParser::configFileErrors()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, mentions);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = writeFile(dir, "bad.yml", yaml);
    const server::config::ConfigParser::Result r = run({"--config-file", path});
    QCOMPARE(r.outcome, server::config::ConfigParser::Outcome::Error);
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.text.contains(mentions), qPrintable(r.text));
    if (!mentions.startsWith("--"))
        QVERIFY2(r.text.contains(path), qPrintable(r.text));
    QVERIFY2(r.text.contains("qetcd --help"), qPrintable(r.text));

    // Missing and unreadable files name the file and the reason.
    const QString missing = dir.filePath("missing.yml");
    const server::config::ConfigParser::Result m = run({"--config-file", missing});
    QCOMPARE(m.outcome, server::config::ConfigParser::Outcome::Error);
    QCOMPARE(m.exitCode, 1);
    QVERIFY2(m.text.contains("cannot read configuration file " + missing), qPrintable(m.text));
}

QTEST_APPLESS_MAIN(tst_ConfigParser)
#include "tst_configparser.moc"
