// qetcd-admin: the Qt Widgets administration app for etcd v2 compatible
// clusters. Everything but argument handling lives in qetcd_admin_lib.

#include "app/ScreenshotDirector.h"
#include "connection/ConnectionProfile.h"
#include "connection/ProfileStore.h"
#include "i18n/Localization.h"
#include "windows/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QSettings>

#include <memory>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("qetcd"));
    QApplication::setApplicationName(QStringLiteral("qetcd-admin"));
    QApplication::setApplicationVersion(QStringLiteral(QETCD_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("qetcd-admin"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/qetcd-admin.png")));
    Localization::install(&app, QLocale::system(), QStringLiteral("qetcd"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Administration of etcd v2 compatible clusters: keys, watches, members and "
                "leader latency."));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption profileOption(
        QStringLiteral("profile"),
        QCoreApplication::translate("main", "Open the saved connection profile <name>."),
        QStringLiteral("name"));
    QCommandLineOption endpointsOption(
        QStringLiteral("endpoints"),
        QCoreApplication::translate("main", "Connect to these comma-separated client URLs."),
        QStringLiteral("urls"));
    QCommandLineOption userOption(
        QStringLiteral("user"),
        QCoreApplication::translate("main",
                                    "User name for --endpoints (password: QETCD_PASSWORD)."),
        QStringLiteral("name"));
    QCommandLineOption settingsOption(
        QStringLiteral("settings"),
        QCoreApplication::translate("main", "Keep profiles in this INI file instead of the "
                                            "user's settings."),
        QStringLiteral("file"));
    QCommandLineOption shotDirOption(QStringLiteral("screenshot-dir"),
                                     QStringLiteral("Render the pages into PNGs here and quit."),
                                     QStringLiteral("dir"));
    QCommandLineOption shotPrefixOption(QStringLiteral("screenshot-prefix"),
                                        QStringLiteral("File name prefix of the PNGs."),
                                        QStringLiteral("prefix"));
    QCommandLineOption shotPagesOption(
        QStringLiteral("screenshot-pages"),
        QStringLiteral("Pages to render: keys,watch,cluster,latency."), QStringLiteral("list"),
        QStringLiteral("keys,watch,cluster,latency"));
    for (QCommandLineOption *o : {&shotDirOption, &shotPrefixOption, &shotPagesOption})
        o->setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOptions({profileOption, endpointsOption, userOption, settingsOption, shotDirOption,
                       shotPrefixOption, shotPagesOption});
    parser.process(app);

    std::unique_ptr<QSettings> settings =
        parser.isSet(settingsOption)
            ? std::make_unique<QSettings>(parser.value(settingsOption), QSettings::IniFormat)
            : std::make_unique<QSettings>();
    MainWindow window(settings.get());

    ConnectionProfile commandLine;
    if (parser.isSet(endpointsOption)) {
        commandLine.name = QCoreApplication::translate("main", "command line");
        commandLine.endpoints = ConnectionProfile::parseEndpointText(parser.value(endpointsOption));
        commandLine.username = parser.value(userOption);
        commandLine.password = qEnvironmentVariable("QETCD_PASSWORD");
    }

    if (parser.isSet(shotDirOption)) {
        if (commandLine.endpoints.isEmpty()) {
            qCritical("--screenshot-dir needs --endpoints of a throwaway member");
            return 2;
        }
        auto *director = new ScreenshotDirector(
            &window, parser.value(shotDirOption), parser.value(shotPrefixOption),
            parser.value(shotPagesOption).split(QLatin1Char(','), Qt::SkipEmptyParts), &app);
        int status = 0;
        QObject::connect(director, &ScreenshotDirector::finished, &app, [&status](bool ok) {
            status = ok ? 0 : 1;
            QCoreApplication::quit();
        });
        director->run(commandLine);
        app.exec();
        return status;
    }

    window.show();
    if (!commandLine.endpoints.isEmpty()) {
        window.openProfile(commandLine);
    } else if (parser.isSet(profileOption)) {
        if (const auto p = window.profiles()->load(parser.value(profileOption)))
            window.openProfile(*p);
        else
            window.showConnectionDialog();
    } else {
        window.openRecentOrAsk();
    }
    return app.exec();
}
