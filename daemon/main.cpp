// qetcd: the headless etcd-v2-compatible member. Flags and ETCD_* variables
// -> Config -> one EtcdNode served over HTTP on every --listen-client-urls.

#include "ClientListener.h"
#include "ClientThreads.h"
#include "Config.h"
#include "ConfigParser.h"
#include "FdLimit.h"
#include "Mailbox.h"
#include "SignalWatcher.h"
#include "TlsFiles.h"
#include "WalTool.h"
#include "api/CorsPolicy.h"
#include "api/V2Api.h"
#include "i18n/Localization.h"
#include "node/EtcdNode.h"

#include <QCoreApplication>
#include <QHostInfo>
#include <QLoggingCategory>
#include <QSslConfiguration>
#include <QTextStream>
#include <QThread>

#include <cstdio>
#include <cstring>

Q_LOGGING_CATEGORY(lcMain, "qetcd.main")

namespace {

QStringList toStrings(const QList<QUrl> &urls)
{
    QStringList out;
    for (const QUrl &u : urls)
        out << u.toString(QUrl::RemoveUserInfo);
    return out;
}

// The addresses a listen URL names: "localhost" means loopback, an IP literal
// itself, a name what it resolves to.
QList<QHostAddress> listenAddresses(const QUrl &url)
{
    const QString host = url.host();
    if (host == QLatin1String("localhost"))
        return {QHostAddress(QHostAddress::LocalHost)};
    QHostAddress literal;
    if (literal.setAddress(host))
        return {literal};
    const QHostInfo info = QHostInfo::fromName(host);
    return info.addresses().isEmpty() ? QList<QHostAddress>{}
                                      : QList<QHostAddress>{info.addresses().first()};
}

// Qt HttpServer 6.4 takes connections only from a QTcpServer. The client
// threads' servers (ClientHandoff) are handed sockets accepted by the
// listening one and never listen themselves, so Qt warns once per server
// and once per connection; those two messages mean nothing here.
QtMessageHandler previousMessageHandler = nullptr;

void dropHandoffNoise(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtWarningMsg &&
        (message ==
             QLatin1String("QTcpServer::nextPendingConnection() called while not listening") ||
         (message.startsWith(QLatin1String("The TCP server ClientHandoff")) &&
          message.contains(QLatin1String("is not listening")))))
        return;
    previousMessageHandler(type, context, message);
}

} // namespace

int main(int argc, char *argv[])
{
    // Qt's own event dispatcher rather than GLib's: it coalesces the wake-ups
    // of a thread that other threads post to (one eventfd write per burst
    // instead of one per request handed between client and node threads).
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    previousMessageHandler = qInstallMessageHandler(dropHandoffNoise);
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("qetcd"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QETCD_VERSION));
    // Help, flag errors and storage errors in the user's language (zh_CN is
    // shipped); the log's own lines stay English, as etcd's, for grep.
    Localization::install(&app, QLocale::system(), QStringLiteral("qetcd-daemon"));
    // `qetcd wal verify|dump|repair ...`: the offline WAL tool, not a member.
    if (WalTool::wanted(argc, argv))
        return WalTool::run(app.arguments());
    qSetMessagePattern(
        QStringLiteral("%{time yyyy-MM-dd hh:mm:ss.zzz} %{if-debug}D%{endif}%{if-info}I%{endif}"
                       "%{if-warning}W%{endif}%{if-critical}E%{endif}%{if-fatal}F%{endif} | "
                       "%{category}: %{message}"));

    const ConfigParser::Result parsed =
        ConfigParser::parse(app.arguments(), QProcessEnvironment::systemEnvironment());
    switch (parsed.outcome) {
    case ConfigParser::Outcome::ShowHelp:
    case ConfigParser::Outcome::ShowVersion:
        QTextStream(stdout) << parsed.text;
        return 0;
    case ConfigParser::Outcome::Error:
        QTextStream(stderr) << parsed.text << Qt::endl;
        return parsed.exitCode ? parsed.exitCode : 1;
    case ConfigParser::Outcome::Run:
        break;
    }
    const Config &config = parsed.config;
    QLoggingCategory::setFilterRules(config.debug ? QStringLiteral("qetcd.*.debug=true")
                                                  : QStringLiteral("*.debug=false"));

    // Before anything opens files: storage must never be the one to run out.
    const FdLimit::Limits fdLimits = FdLimit::raiseToHard();
    qCInfo(lcMain, "qetcd Version: %s (etcd v2 API)", QETCD_VERSION);
    if (fdLimits.error != 0)
        qCWarning(lcMain, "cannot raise the open-file limit: %s", strerror(fdLimits.error));
    qCInfo(lcMain, "Qt Version: %s", qVersion());
    for (const QString &warning : config.warnings)
        qCWarning(lcMain).noquote() << warning;

    // TLS for https client URLs: --cert-file/--key-file, and with
    // --client-cert-auth a client certificate signed by --trusted-ca-file.
    std::optional<QSslConfiguration> tls;
    if (!config.certFile.isEmpty() && !config.keyFile.isEmpty()) {
        QString tlsError;
        tls = TlsFiles::server(config.certFile, config.keyFile, config.clientCertAuth,
                               config.trustedCaFile, &tlsError);
        if (!tls) {
            qCCritical(lcMain).noquote() << tlsError;
            return 1;
        }
    }
    // TLS between members, for https peer URLs (the --peer-* flags).
    QString peerTlsError;
    const std::optional<transport::PeerTls> peerTls =
        TlsFiles::peer(config.peerCertFile, config.peerKeyFile, config.peerClientCertAuth,
                       config.peerTrustedCaFile, &peerTlsError);
    if (!peerTls) {
        qCCritical(lcMain).noquote() << peerTlsError;
        return 1;
    }

    NodeOptions options;
    options.name = config.name;
    options.dataDir = config.dataDir;
    options.walDir = config.walDir;
    options.peerUrls = toStrings(config.initialAdvertisePeerUrls);
    options.clientUrls = toStrings(config.advertiseClientUrls);
    options.listenPeerUrls = toStrings(config.listenPeerUrls);
    options.peerTls = *peerTls;
    options.peerTls.allowedCommonName = config.peerCertAllowedCn; // not a file: not TlsFiles' job
    for (const Config::ClusterMember &m : config.initialClusterMembers)
        options.initialCluster.append({m.name, m.peerUrl.toString()});
    options.joinExisting = config.initialClusterState == Config::ClusterState::Existing;
    options.clusterToken = config.initialClusterToken;
    options.snapshotCount = config.snapshotCount;
    options.maxSnapshots = int(config.maxSnapshots);
    options.maxWals = int(config.maxWals);
    options.heartbeatMs = int(config.heartbeatIntervalMs);
    options.electionMs = int(config.electionTimeoutMs);
    options.forceNewCluster = config.forceNewCluster;

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

    EtcdNode node(options);
    QObject::connect(&node, &EtcdNode::fatalError, &app, [&app](const QString &message) {
        qCCritical(lcMain).noquote() << message;
        app.exit(1);
    });
    QString startError;
    if (!node.start(&startError)) {
        qCCritical(lcMain).noquote() << startError;
        return 1;
    }
    V2Api api(node);
    // Client connections live on their own threads; plain reads are answered
    // there, everything else comes to this (the node's) thread through here.
    QObject apiContext;
    const std::shared_ptr<Mailbox> apiThread = Mailbox::create(&apiContext);
    const int threadCount =
        config.clientThreads ? int(config.clientThreads) : qMax(1, QThread::idealThreadCount());
    ClientThreads clientThreads(api, CorsPolicy(config.cors), apiThread, threadCount,
                                qint64(config.maxRequestBytes),
                                int(config.clientRequestTimeoutSeconds) * 1000,
                                int(config.clientHandshakeTimeoutSeconds) * 1000);
    qCInfo(lcMain, "serving clients on %d threads (this one and %d more)", clientThreads.count(),
           clientThreads.count() - 1);
    const quint64 maxConnections =
        FdLimit::clientConnectionLimit(fdLimits.soft, config.maxClientConnections);
    clientThreads.setMaxConnections(qint64(maxConnections));
    qCInfo(lcMain, "open-file limit %llu (was %llu, hard %llu): at most %llu client connections",
           fdLimits.soft, fdLimits.softBefore, fdLimits.hard, maxConnections);

    for (const QUrl &url : config.listenClientUrls) {
        const QList<QHostAddress> addresses = listenAddresses(url);
        if (addresses.isEmpty()) {
            qCCritical(lcMain).noquote() << "cannot resolve" << url.host();
            return 1;
        }
        for (const QHostAddress &address : addresses) {
            auto *listener = new ClientListener(clientThreads, &apiContext);
            if (url.scheme() == QLatin1String("https")) {
                if (!tls) {
                    qCCritical(lcMain).noquote()
                        << QCoreApplication::translate("main",
                                                       "%1 needs --cert-file and --key-file")
                               .arg(url.toString());
                    return 1;
                }
                listener->setTls(*tls);
            }
            if (!listener->listen(address, quint16(url.port()))) {
                qCCritical(lcMain).noquote() << "cannot listen for client requests on"
                                             << url.toString() << ":" << listener->errorString();
                return 1;
            }
            qCInfo(lcMain).noquote() << "listening for client requests on" << url.toString();
        }
    }

    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, &app, [&](int sig) {
        qCInfo(lcMain, "received signal %d, shutting down", sig);
        node.shutdown([&app] { app.quit(); });
    });
    const int status = app.exec();
    // The client threads use the api and the node: they end first.
    for (QTcpServer *listener : apiContext.findChildren<QTcpServer *>())
        listener->close();
    apiThread->close();
    clientThreads.stop();
    return status;
}
