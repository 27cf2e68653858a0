// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "ProxyDaemon.h"

#include "ClusterRefresher.h"
#include "Director.h"
#include "ListenUrls.h"
#include "ProxyFrontend.h"
#include "SignalWatcher.h"
#include "http/Server.h"

#include <QCoreApplication>
#include <QDir>
#include <QLoggingCategory>
#include <QThread>

namespace server::proxy {

Q_LOGGING_CATEGORY(lcProxy, "qetcd.proxy")

ProxyDaemon::ProxyDaemon(const config::Config &config, const FdLimit::Limits &fdLimits)
    : m_config(config), m_fdLimits(fdLimits)
{
}

ProxyDaemon::~ProxyDaemon()
{
    stop();
}

bool ProxyDaemon::start()
{
    const config::Config &config = m_config;
    const bool readOnly = config.proxy == config::Config::ProxyMode::ReadOnly;
    qCInfo(lcProxy).noquote() << "proxy mode:" << (readOnly ? "readonly" : "on")
                              << "(stores nothing; forwards client requests to the cluster)";
    // TLS: https client URLs serve with --cert-file/--key-file; https members are reached with
    // the same certificate and --trusted-ca-file (etcd's proxy uses its client TLS info both ways).
    const TlsFiles::Side clientSide{config.certFile,       config.keyFile,
                                    config.clientCertAuth, config.trustedCaFile,
                                    config.clientCrlFile,  config.cipherSuites};
    if (!clientSide.certFile.isEmpty() && !clientSide.keyFile.isEmpty()) {
        QString error;
        m_clientTls = TlsFiles::clientPort(clientSide, &error);
        if (!m_clientTls) {
            qCCritical(lcProxy).noquote() << error;
            return false;
        }
    }
    ProxyFrontend::Options options;
    options.readOnly = readOnly;
    options.timeouts.dialMs = int(config.proxyDialTimeoutMs);
    options.timeouts.writeMs = int(config.proxyWriteTimeoutMs);
    options.timeouts.readMs = int(config.proxyReadTimeoutMs);
    options.cors = config.cors;
    {
        QString error;
        const std::optional<QSslConfiguration> upstream = TlsFiles::client(clientSide, &error);
        if (!upstream) {
            qCCritical(lcProxy).noquote() << error;
            return false;
        }
        options.upstreamTls = upstream;
    }
    // Between the proxy and the members' peer port (learning the cluster): the --peer-* flags.
    const TlsFiles::Side peerSide{config.peerCertFile,       config.peerKeyFile,
                                  config.peerClientCertAuth, config.peerTrustedCaFile,
                                  config.peerCrlFile,        config.cipherSuites};
    QString peerError;
    const std::optional<transport::PeerTls> peerTls = TlsFiles::peer(peerSide, &peerError);
    if (!peerTls) {
        qCCritical(lcProxy).noquote() << peerError;
        return false;
    }

    // etcd's <data-dir>/proxy: the peer URLs learned last time win over --initial-cluster.
    const QString proxyDir = QDir(config.dataDir).filePath(QStringLiteral("proxy"));
    if (!QDir().mkpath(proxyDir)) {
        qCCritical(lcProxy).noquote() << "cannot create" << proxyDir;
        return false;
    }
    QFile::setPermissions(proxyDir,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QString clusterFile = QDir(proxyDir).filePath(QStringLiteral("cluster"));
    QStringList peerUrls;
    for (const config::Config::ClusterMember &m : config.initialClusterMembers)
        peerUrls << m.peerUrl.toString();
    QString fileError;
    const QStringList fromFlags = peerUrls;
    if (!ClusterRefresher::readClusterFile(clusterFile, &peerUrls, &fileError)) {
        qCCritical(lcProxy).noquote() << fileError;
        return false;
    }
    if (peerUrls != fromFlags)
        qCInfo(lcProxy).noquote() << "using the peer URLs of" << clusterFile << "("
                                  << peerUrls.join(QLatin1Char(',')) << "), not --initial-cluster";
    if (peerUrls.isEmpty()) {
        qCCritical(lcProxy).noquote() << QCoreApplication::translate(
            "proxy", "proxy mode needs --initial-cluster (or --discovery) to find the cluster");
        return false;
    }

    m_director = std::make_shared<Director>(qint64(config.proxyFailureWaitMs));
    m_refresher = std::make_unique<ClusterRefresher>(m_director, peerUrls, clusterFile, *peerTls,
                                                     int(config.proxyRefreshIntervalMs));

    const int threadCount =
        config.clientThreads ? int(config.clientThreads) : qMax(1, QThread::idealThreadCount());
    http::Server::Limits limits;
    limits.maxBodyBytes = qint64(config.maxRequestBytes);
    limits.requestTimeoutMs = int(config.clientRequestTimeoutSeconds) * 1000;
    limits.firstByteTimeoutMs = int(config.clientHandshakeTimeoutSeconds) * 1000;
    const std::shared_ptr<Director> director = m_director;
    m_clients = std::make_unique<http::Server>(
        [director, options] { return new ProxyFrontend(director, options); }, threadCount, limits);
    const quint64 maxConnections =
        FdLimit::clientConnectionLimit(m_fdLimits.soft, config.maxClientConnections);
    m_clients->setMaxConnections(qint64(maxConnections));
    qCInfo(lcProxy, "serving clients on %d threads, at most %llu client connections",
           m_clients->threadCount(), maxConnections);

    m_signalWatcher = std::make_unique<SignalWatcher>();
    QObject::connect(m_signalWatcher.get(), &SignalWatcher::terminationRequested, qApp,
                     [](int sig) {
                         qCInfo(lcProxy, "received signal %d, shutting down", sig);
                         QCoreApplication::quit();
                     });
    // As etcd's proxy, the cluster is asked once before clients are served.
    m_refresher->start([this] {
        if (!listen())
            QCoreApplication::exit(1);
    });
    return true;
}

bool ProxyDaemon::listen()
{
    return listenOnUrls(*m_clients, m_config.listenClientUrls, m_clientTls, "client requests");
}

void ProxyDaemon::stop()
{
    if (m_clients) {
        m_clients->closeListeners();
        m_clients->stop();
    }
    m_refresher.reset();
}

} // namespace server::proxy
