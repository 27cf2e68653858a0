// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "i18n/Localization.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLoggingCategory>
#include <QTranslator>

namespace i18n {

Q_LOGGING_CATEGORY(lcI18n, "qetcd.i18n", QtInfoMsg)

bool Localization::install(QCoreApplication *app, const QLocale &locale, const QString &catalogue)
{
    QLocale::setDefault(locale);
    auto *qt = new QTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    auto *own = new QTranslator(app);
    if (own->load(locale, catalogue, QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(own);
        qCDebug(lcI18n) << "translation" << own->filePath();
        return true;
    }
    delete own;
    return false;
}

} // namespace i18n
