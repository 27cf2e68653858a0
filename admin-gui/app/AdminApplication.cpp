// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "app/AdminApplication.h"

#include "i18n/Localization.h"

#include <QApplication>
#include <QIcon>
#include <QLocale>

namespace admin {

namespace AdminApplication {

void setUp(QApplication *app)
{
    QApplication::setOrganizationName(QStringLiteral("qetcd"));
    QApplication::setApplicationName(QStringLiteral("qetcd-admin"));
    QApplication::setApplicationVersion(QStringLiteral(QETCD_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("qetcd-admin"));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/qetcd-admin.png")));
    i18n::Localization::install(app, QLocale::system(), QStringLiteral("qetcd"));
}

ConnectionProfile commandLineProfile(const QString &endpointText, const QString &user)
{
    ConnectionProfile profile;
    // The "main" context keeps the catalogue entry this string had in main.cpp.
    profile.name = QCoreApplication::translate("main", "command line");
    profile.endpoints = ConnectionProfile::parseEndpointText(endpointText);
    profile.username = user;
    profile.password = qEnvironmentVariable("QETCD_PASSWORD");
    return profile;
}

} // namespace AdminApplication

} // namespace admin
