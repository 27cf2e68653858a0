// qetcd: the headless etcd-v2-compatible member. Flags and ETCD_* variables
// -> Config -> Daemon (one EtcdNode served over HTTP on every
// --listen-client-urls); `qetcd wal ...` runs the offline WAL tool instead.

#include "ConfigParser.h"
#include "Daemon.h"
#include "FdLimit.h"
#include "WalTool.h"
#include "i18n/Localization.h"

#include <QCoreApplication>
#include <QLoggingCategory>
#include <QTextStream>

#include <cstdio>
#include <cstring>

Q_LOGGING_CATEGORY(lcMain, "qetcd.main")

int main(int argc, char *argv[])
{
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

    Daemon daemon(config, fdLimits);
    if (!daemon.start())
        return 1;
    const int status = app.exec();
    daemon.stop();
    return status;
}
