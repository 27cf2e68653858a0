// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// qetcd-admin-screenshots: renders qetcd-admin's pages into the PNGs of
// docs/screenshots (run by ../make-screenshots.sh, offscreen, against a
// throw-away cluster). The same app as qetcd-admin (names, icon, catalogue,
// windows) driven by a ScreenshotDirector; kept out of the shipped binary.
//   qetcd-admin-screenshots --endpoints URLS --screenshot-dir DIR
//       [--screenshot-prefix P] [--screenshot-pages keys,watch,cluster,latency,access]
//       [--settings FILE] [--user NAME] [--member-pids infra0=PID,...]

#include "app/AdminApplication.h"
#include "connection/ConnectionProfile.h"
#include "tools/screenshots/ScreenshotDirector.h"
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
    parser.setApplicationDescription(
        QStringLiteral("Renders qetcd-admin's pages into PNGs for the documentation. It writes "
                       "example keys: point it only at a throw-away cluster."));
    parser.addHelpOption();
    QCommandLineOption endpointsOption(QStringLiteral("endpoints"),
                                       QStringLiteral("Client URLs of a throw-away cluster."),
                                       QStringLiteral("urls"));
    QCommandLineOption userOption(QStringLiteral("user"),
                                  QStringLiteral("User name (password: QETCD_PASSWORD)."),
                                  QStringLiteral("name"));
    QCommandLineOption settingsOption(QStringLiteral("settings"),
                                      QStringLiteral("Keep profiles in this INI file instead "
                                                     "of the user's settings."),
                                      QStringLiteral("file"));
    QCommandLineOption shotDirOption(QStringLiteral("screenshot-dir"),
                                     QStringLiteral("Render the pages into PNGs here and quit."),
                                     QStringLiteral("dir"));
    QCommandLineOption shotPrefixOption(QStringLiteral("screenshot-prefix"),
                                        QStringLiteral("File name prefix of the PNGs."),
                                        QStringLiteral("prefix"));
    QCommandLineOption shotPagesOption(
        QStringLiteral("screenshot-pages"),
        QStringLiteral("Pages to render: keys,watch,cluster,latency,access."),
        QStringLiteral("list"), QStringLiteral("keys,watch,cluster,latency"));
    QCommandLineOption pidsOption(
        QStringLiteral("member-pids"),
        QStringLiteral("name=pid,... of the throw-away members: the latency shot pauses a real "
                       "follower (SIGSTOP, then SIGCONT) instead of drawing synthetic samples."),
        QStringLiteral("list"));
    parser.addOptions({endpointsOption, userOption, settingsOption, shotDirOption, shotPrefixOption,
                       shotPagesOption, pidsOption});
    parser.process(app);

    if (!parser.isSet(shotDirOption)) {
        qCritical("--screenshot-dir is required");
        return 2;
    }
    const admin::ConnectionProfile commandLine = admin::AdminApplication::commandLineProfile(
        parser.value(endpointsOption), parser.value(userOption));
    if (commandLine.endpoints.isEmpty()) {
        qCritical("--screenshot-dir needs --endpoints of a throwaway member");
        return 2;
    }

    std::unique_ptr<QSettings> settings =
        parser.isSet(settingsOption)
            ? std::make_unique<QSettings>(parser.value(settingsOption), QSettings::IniFormat)
            : std::make_unique<QSettings>();
    admin::MainWindow window(settings.get());

    auto *director = new admin::ScreenshotDirector(
        &window, parser.value(shotDirOption), parser.value(shotPrefixOption),
        parser.value(shotPagesOption).split(QLatin1Char(','), Qt::SkipEmptyParts), &app);
    QHash<QString, qint64> pids;
    for (const QString &pair : parser.value(pidsOption).split(QLatin1Char(','), Qt::SkipEmptyParts))
        pids.insert(pair.section(QLatin1Char('='), 0, 0),
                    pair.section(QLatin1Char('='), 1).toLongLong());
    director->setMemberPids(pids);
    int status = 0;
    QObject::connect(director, &admin::ScreenshotDirector::finished, &app, [&status](bool ok) {
        status = ok ? 0 : 1;
        QCoreApplication::quit();
    });
    director->run(commandLine);
    app.exec();
    return status;
}
