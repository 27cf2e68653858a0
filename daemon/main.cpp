// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// qetcd: the headless etcd-v2-compatible member. Flags and ETCD_* variables
// -> Config -> Daemon (one EtcdNode served over HTTP on every
// --listen-client-urls); `qetcd wal ...` runs the offline WAL tool instead.

#include "ConfigParser.h"
#include "Daemon.h"
#include "FdLimit.h"
#include "LogSetup.h"
#include "WalTool.h"
#include "discovery/DiscoveryBootstrap.h"
#include "i18n/Localization.h"
#include "import/EtcdImport.h"
#include "proxy/ProxyDaemon.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>

#include <csignal>
#include <cstdio>
#include <cstring>

namespace server {
Q_LOGGING_CATEGORY(lcMain, "qetcd.main")
} // namespace server

int main(int argc, char *argv[])
{
    // A SIGHUP (`systemctl reload`, a certificate renewal hook) that comes while the member is
    // still starting would end it (the default action) before SignalWatcher takes the signal
    // over: ignored until then.
    std::signal(SIGHUP, SIG_IGN);
    // Qt's own event dispatcher rather than GLib's: it coalesces the wake-ups
    // of a thread that other threads post to (one eventfd write per burst
    // instead of one per request handed between client and node threads).
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("qetcd"));
    QCoreApplication::setApplicationVersion(QStringLiteral(QETCD_VERSION));
    // Help, flag errors and storage errors in the user's language (zh_CN is
    // shipped); the log's own lines stay English, as etcd's, for grep.
    i18n::Localization::install(&app, QLocale::system(), QStringLiteral("qetcd-daemon"));
    // `qetcd wal verify|dump|repair ...`: the offline WAL tool, not a member.
    if (server::WalTool::wanted(argc, argv))
        return server::WalTool::run(app.arguments());
    // `qetcd import-etcd ...`: the offline import of a stopped etcd's data dir, not a member.
    if (etcdimport::EtcdImport::wanted(argc, argv))
        return etcdimport::EtcdImport::run(app.arguments());
    qSetMessagePattern(
        QStringLiteral("%{time yyyy-MM-dd hh:mm:ss.zzz} %{if-debug}D%{endif}%{if-info}I%{endif}"
                       "%{if-warning}W%{endif}%{if-critical}E%{endif}%{if-fatal}F%{endif} | "
                       "%{category}: %{message}"));

    const server::config::ConfigParser::Result parsed = server::config::ConfigParser::parse(
        app.arguments(), QProcessEnvironment::systemEnvironment());
    switch (parsed.outcome) {
    case server::config::ConfigParser::Outcome::ShowHelp:
    case server::config::ConfigParser::Outcome::ShowVersion:
        QTextStream(stdout) << parsed.text;
        return 0;
    case server::config::ConfigParser::Outcome::Error:
        QTextStream(stderr) << parsed.text << Qt::endl;
        return parsed.exitCode ? parsed.exitCode : 1;
    case server::config::ConfigParser::Outcome::Run:
        break;
    }
    server::config::Config config = parsed.config;
    // --log-outputs: a file that cannot be opened is a start error, before anything starts.
    server::LogSetup logSetup;
    if (const QString error = logSetup.open(config.logOutputs); !error.isEmpty()) {
        QTextStream(stderr) << QStringLiteral("qetcd: %1").arg(error) << Qt::endl;
        return 1;
    }
    logSetup.install();
    QLoggingCategory::setFilterRules(server::LogSetup::filterRules(config.logLevel, config.debug));

    // Before anything opens files: storage must never be the one to run out.
    const server::FdLimit::Limits fdLimits = server::FdLimit::raiseToHard();
    qCInfo(server::lcMain, "qetcd Version: %s (etcd v2 API)", QETCD_VERSION);
    if (fdLimits.error != 0)
        qCWarning(server::lcMain, "cannot raise the open-file limit: %s", strerror(fdLimits.error));
    qCInfo(server::lcMain, "Qt Version: %s", qVersion());
    for (const QString &warning : config.warnings)
        qCWarning(server::lcMain).noquote() << warning;

    // --discovery / --discovery-srv: a new member's initial cluster comes from the discovery
    // service or DNS (waiting, on the event loop, until the cluster is complete); a full cluster
    // may turn this process into a proxy (--discovery-fallback proxy).
    if (server::discovery::DiscoveryBootstrap::needed(config)) {
        server::discovery::DiscoveryBootstrap::Result discovered =
            server::discovery::DiscoveryBootstrap::run(config);
        if (discovered.exitCode != 0)
            return discovered.exitCode;
        config = discovered.config;
    }

    // --proxy on|readonly: a proxy that stores nothing and forwards to the members (issue 17).
    if (config.proxy != server::config::Config::ProxyMode::Off) {
        server::proxy::ProxyDaemon proxy(config, fdLimits);
        if (!proxy.start())
            return 1;
        const int status = app.exec();
        proxy.stop();
        return status;
    }

    server::Daemon daemon(config, fdLimits);
    if (!daemon.start())
        return 1;
    const int status = app.exec();
    daemon.stop();
    return status;
}
