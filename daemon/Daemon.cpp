// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "Daemon.h"
#include "ListenUrls.h"
#include "SystemdNotifier.h"

#include "SelfSignedCertificate.h"
#include "SignalWatcher.h"
#include "TlsFiles.h"
#include "api/CorsPolicy.h"
#include "api/V2Api.h"
#include "http/Frontend.h"
#include "http/Mailbox.h"
#include "http/Server.h"
#include "node/EtcdNode.h"

#include <QCoreApplication>
#include <QDir>
#include <QHostInfo>
#include <QLoggingCategory>
#include <QSslConfiguration>
#include <QThread>

#include <algorithm>
#include <optional>
#include <unistd.h>

namespace server {

Q_DECLARE_LOGGING_CATEGORY(lcMain)

namespace {

// A byte count from the environment, for testing and diagnostics: nullopt when unset, not a
// number or below `min`.
std::optional<qint64> bytesFromEnvironment(const char *name, qint64 min)
{
    bool ok = false;
    const qint64 value = qEnvironmentVariable(name).toLongLong(&ok);
    if (!ok || value < min)
        return std::nullopt;
    return value;
}

QStringList toStrings(const QList<QUrl> &urls)
{
    QStringList out;
    for (const QUrl &u : urls)
        out << u.toString(QUrl::RemoveUserInfo);
    return out;
}

} // namespace

Daemon::Daemon(const config::Config &config, const FdLimit::Limits &fdLimits)
    : m_config(config), m_fdLimits(fdLimits)
{
}

Daemon::~Daemon()
{
    stop();
}

bool Daemon::start()
{
    const config::Config &config = m_config;
    if (!prepareTlsSides())
        return false;
    // TLS for https client URLs: --cert-file/--key-file (or --auto-tls), and with
    // --client-cert-auth a client certificate signed by --trusted-ca-file.
    if (!m_clientSide.certFile.isEmpty() && !m_clientSide.keyFile.isEmpty()) {
        QString tlsError;
        m_clientTls = TlsFiles::clientPort(m_clientSide, &tlsError);
        if (!m_clientTls) {
            qCCritical(lcMain).noquote() << tlsError;
            return false;
        }
    }
    // TLS between members, for https peer URLs (the --peer-* flags).
    QString peerTlsError;
    const std::optional<transport::PeerTls> peerTls = TlsFiles::peer(m_peerSide, &peerTlsError);
    if (!peerTls) {
        qCCritical(lcMain).noquote() << peerTlsError;
        return false;
    }
    m_peerTls = *peerTls;

    node::NodeOptions options;
    options.name = config.name;
    options.dataDir = config.dataDir;
    options.walDir = config.walDir;
    options.peerUrls = toStrings(config.initialAdvertisePeerUrls);
    options.clientUrls = toStrings(config.advertiseClientUrls);
    options.listenPeerUrls = toStrings(config.listenPeerUrls);
    options.peerTls = m_peerTls;
    options.peerTls.allowedCommonName = config.peerCertAllowedCn; // not a file: not TlsFiles' job
    for (const config::Config::ClusterMember &m : config.initialClusterMembers)
        options.initialCluster.append({m.name, m.peerUrl.toString()});
    options.joinExisting = config.initialClusterState == config::Config::ClusterState::Existing;
    options.clusterToken = config.initialClusterToken;
    options.snapshotCount = config.snapshotCount;
    options.maxSnapshots = int(config.maxSnapshots);
    options.maxWals = int(config.maxWals);
    options.heartbeatMs = int(config.heartbeatIntervalMs);
    options.electionMs = int(config.electionTimeoutMs);
    options.proposalTimeoutMs = node::NodeOptions::requestTimeoutFor(options.electionMs);
    options.forceNewCluster = config.forceNewCluster;
    // The store a snapshot holds lives in memory: one larger than this machine's memory could
    // only end the member, so a leader's (or an impostor's) bigger one is refused as it arrives.
    options.maxSnapshotBytes = qint64(::sysconf(_SC_PHYS_PAGES)) * ::sysconf(_SC_PAGESIZE);
    // Testing and diagnostics: a lower peer message limit, to show that snapshots do not
    // depend on it (they stream through the disk). Unset: the transport's 256 MiB.
    if (const auto limit = bytesFromEnvironment("QETCD_PEER_MAX_MESSAGE_BYTES", 1024 * 1024))
        options.maxPeerMessageBytes = qsizetype(*limit);
    // Testing: snapshots in the format's long form (version 3) from this store size on, to show
    // that stores of 4 GiB and more are written, sent and read back. Unset: 4 GiB.
    if (const auto from = bytesFromEnvironment("QETCD_SNAPSHOT_LONG_FORM_BYTES", 0))
        options.longSnapshotFromBytes = quint64(*from);

    qCInfo(lcMain).noquote() << "name =" << config.name;
    qCInfo(lcMain).noquote() << "data dir =" << config.dataDir;
    qCInfo(lcMain).noquote() << "heartbeat =" << config.heartbeatIntervalMs << "ms";
    qCInfo(lcMain).noquote() << "election =" << config.electionTimeoutMs << "ms";
    qCInfo(lcMain).noquote() << "snapshot count =" << config.snapshotCount;
    qCInfo(lcMain).noquote() << "advertise client URLs ="
                             << options.clientUrls.join(QLatin1Char(','));
    qCInfo(lcMain).noquote() << "initial advertise peer URLs ="
                             << options.peerUrls.join(QLatin1Char(','));
    qCInfo(lcMain).noquote() << "initial cluster =" << config.initialCluster;

    m_node = std::make_unique<node::EtcdNode>(options);
    QObject::connect(m_node.get(), &node::EtcdNode::fatalError, qApp, [](const QString &message) {
        qCCritical(lcMain).noquote() << message;
        QCoreApplication::exit(1);
    });
    QString startError;
    if (!m_node->start(&startError)) {
        qCCritical(lcMain).noquote() << startError;
        return false;
    }
    m_api = std::make_unique<api::V2Api>(*m_node);
    // Client connections live on their own threads; plain reads are answered
    // there, everything else comes to this (the node's) thread through here.
    m_apiThread = http::Mailbox::create(&m_apiContext);
    const int threadCount =
        config.clientThreads ? int(config.clientThreads) : qMax(1, QThread::idealThreadCount());
    const api::CorsPolicy cors(config.cors);
    http::Server::Limits limits;
    limits.maxBodyBytes = qint64(config.maxRequestBytes);
    limits.requestTimeoutMs = int(config.clientRequestTimeoutSeconds) * 1000;
    limits.firstByteTimeoutMs = int(config.clientHandshakeTimeoutSeconds) * 1000;
    api::V2Api &api = *m_api;
    const std::shared_ptr<http::Mailbox> apiThread = m_apiThread;
    m_clients = std::make_unique<http::Server>(
        [&api, &cors, apiThread] { return new http::Frontend(api, cors, apiThread); }, threadCount,
        limits);
    qCInfo(lcMain, "serving clients on %d threads (this one and %d more)", m_clients->threadCount(),
           m_clients->threadCount() - 1);
    const quint64 maxConnections =
        FdLimit::clientConnectionLimit(m_fdLimits.soft, config.maxClientConnections);
    m_clients->setMaxConnections(qint64(maxConnections));
    qCInfo(lcMain, "open-file limit %llu (was %llu, hard %llu): at most %llu client connections",
           m_fdLimits.soft, m_fdLimits.softBefore, m_fdLimits.hard, maxConnections);

    if (!listenOn(*m_clients, config.listenClientUrls, "client requests"))
        return false;
    // etcd's --listen-metrics-urls: /metrics and /health only, on the member's thread (a scrape
    // is rare), https with the client certificate.
    if (!config.listenMetricsUrls.isEmpty()) {
        m_metrics = std::make_unique<http::Server>(
            [&api, &cors, apiThread] {
                return new http::Frontend(api, cors, apiThread, http::Frontend::Scope::MetricsOnly);
            },
            0, limits);
        if (!listenOn(*m_metrics, config.listenMetricsUrls, "metrics requests"))
            return false;
    }

    // systemd (Type=notify) hears that clients are served now, and READY=1 once a leader is
    // known; a member started on its own (not by systemd) sends nothing.
    m_systemd = std::make_unique<SystemdNotifier>();
    m_systemd->started(SystemdNotifier::tr("serving clients; waiting for a leader"));
    QObject::connect(
        m_node.get(), &node::EtcdNode::leaderChanged, m_systemd.get(),
        [this](quint64 leaderId) { m_systemd->leaderChanged(leaderId, m_node->memberId()); });
    if (m_node->leaderId() != 0)
        m_systemd->leaderChanged(m_node->leaderId(), m_node->memberId());

    m_signalWatcher = std::make_unique<SignalWatcher>();
    QObject::connect(m_signalWatcher.get(), &SignalWatcher::terminationRequested, qApp,
                     [this](int sig) {
                         qCInfo(lcMain, "received signal %d, shutting down", sig);
                         m_systemd->stopping();
                         m_node->shutdown([] { QCoreApplication::quit(); });
                     });
    QObject::connect(m_signalWatcher.get(), &SignalWatcher::reloadRequested, qApp,
                     [this] { reloadTls(); });
    return true;
}

bool Daemon::prepareTlsSides()
{
    const config::Config &config = m_config;
    m_clientSide = {config.certFile,      config.keyFile,       config.clientCertAuth,
                    config.trustedCaFile, config.clientCrlFile, config.cipherSuites};
    m_peerSide = {config.peerCertFile,      config.peerKeyFile, config.peerClientCertAuth,
                  config.peerTrustedCaFile, config.peerCrlFile, config.cipherSuites};
    auto anyHttps = [](const QList<QUrl> &urls) {
        return std::any_of(urls.cbegin(), urls.cend(),
                           [](const QUrl &u) { return u.scheme() == QLatin1String("https"); });
    };
    // etcd 3.4's ClientSelfCert/PeerSelfCert: only when no certificate is given (the validator
    // has noted an --auto-tls that certificate files override); here also only for https URLs,
    // since nothing else would use it.
    auto selfSigned =
        [&](TlsFiles::Side &side, const char *fixture, const QList<QUrl> &urls) {
            const QString dir =
                QDir(config.dataDir).filePath(QStringLiteral("fixtures/") + QLatin1String(fixture));
            QString error;
            if (!SelfSignedCertificate::make(dir, urls, &error)) {
                qCCritical(lcMain).noquote() << error;
                return false;
            }
            side.certFile = QDir(dir).filePath(QStringLiteral("cert.pem"));
            side.keyFile = QDir(dir).filePath(QStringLiteral("key.pem"));
            qCInfo(lcMain).noquote()
                << QCoreApplication::translate("main", "made a self-signed certificate %1 (%2)")
                       .arg(side.certFile, QLatin1String(fixture) == QLatin1String("client")
                                               ? QStringLiteral("--auto-tls")
                                               : QStringLiteral("--peer-auto-tls"));
            return true;
        };
    // https metrics URLs use the client certificate, as in etcd.
    if (config.autoTls && config.certFile.isEmpty() &&
        anyHttps(config.listenClientUrls + config.listenMetricsUrls)) {
        if (!selfSigned(m_clientSide, "client",
                        config.listenClientUrls + config.advertiseClientUrls +
                            config.listenMetricsUrls))
            return false;
        m_clientAutoTls = true;
    }
    if (config.peerAutoTls && config.peerCertFile.isEmpty() &&
        (anyHttps(config.listenPeerUrls) || anyHttps(config.initialAdvertisePeerUrls))) {
        if (!selfSigned(m_peerSide, "peer",
                        config.listenPeerUrls + config.initialAdvertisePeerUrls))
            return false;
        m_peerSide.verifyServer = false;
        m_peerAutoTls = true;
        qCWarning(lcMain).noquote() << QCoreApplication::translate(
            "main", "--peer-auto-tls: members do not verify each other's certificates (they are "
                    "self-signed); the connections are encrypted but not authenticated");
    }
    return true;
}

void Daemon::reloadTls()
{
    qCInfo(lcMain, "received SIGHUP: reloading TLS certificates");
    // Either the new files are in use, or the old ones stay (they still work).
    auto report = [](bool reloaded, const char *done, const char *kept, const QString &error) {
        if (reloaded)
            qCInfo(lcMain).noquote() << QCoreApplication::translate("main", done);
        else
            qCCritical(lcMain).noquote() << QCoreApplication::translate("main", kept).arg(error);
    };
    bool anything = false;
    QString error;
    if (m_clientTls && !m_clientAutoTls) {
        anything = true;
        report(TlsFiles::reload(m_clientSide, *m_clientTls, &error),
               QT_TRANSLATE_NOOP(
                   "main", "reloaded TLS certificates for clients (new connections use them)"),
               QT_TRANSLATE_NOOP("main", "cannot reload TLS certificates for clients, keeping the "
                                         "old ones: %1"),
               error);
    }
    if ((m_peerTls.liveServer || m_peerTls.liveClient) && !m_peerAutoTls) {
        anything = true;
        report(TlsFiles::reload(m_peerSide, m_peerTls, &error),
               QT_TRANSLATE_NOOP(
                   "main", "reloaded TLS certificates for members (new connections use them)"),
               QT_TRANSLATE_NOOP("main", "cannot reload TLS certificates for members, keeping the "
                                         "old ones: %1"),
               error);
    }
    if (!anything)
        qCInfo(lcMain).noquote() << QCoreApplication::translate(
            "main", "no TLS certificate files to reload (self-signed ones are kept)");
}

void Daemon::stop()
{
    // The client threads use the api and the node: they end first.
    for (http::Server *server : {m_clients.get(), m_metrics.get()}) {
        if (server)
            server->closeListeners();
    }
    if (m_apiThread)
        m_apiThread->close();
    for (http::Server *server : {m_clients.get(), m_metrics.get()}) {
        if (server)
            server->stop();
    }
}

bool Daemon::listenOn(http::Server &server, const QList<QUrl> &urls, const char *what)
{
    return listenOnUrls(server, urls, m_clientTls, what);
}

} // namespace server
