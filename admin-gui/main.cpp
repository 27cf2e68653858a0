// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// qetcd-admin: the Qt Widgets administration app for etcd v2 compatible
// clusters. Everything but argument handling lives in qetcd_admin_lib; the
// documentation's screenshots are made by a separate program
// (tools/screenshots, qetcd-admin-screenshots), not by this one.

#include "app/AdminApplication.h"
#include "connection/ConnectionProfile.h"
#include "connection/ProfileStore.h"
#include "windows/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QSettings>

#include <memory>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    admin::AdminApplication::setUp(&app);

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
    parser.addOptions({profileOption, endpointsOption, userOption, settingsOption});
    parser.process(app);

    std::unique_ptr<QSettings> settings =
        parser.isSet(settingsOption)
            ? std::make_unique<QSettings>(parser.value(settingsOption), QSettings::IniFormat)
            : std::make_unique<QSettings>();
    admin::MainWindow window(settings.get());

    admin::ConnectionProfile commandLine;
    if (parser.isSet(endpointsOption))
        commandLine = admin::AdminApplication::commandLineProfile(parser.value(endpointsOption),
                                                                  parser.value(userOption));

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
