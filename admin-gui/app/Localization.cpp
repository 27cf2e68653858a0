#include "app/Localization.h"

#include "app/AdminLog.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

bool Localization::install(QCoreApplication *app, const QLocale &locale)
{
    QLocale::setDefault(locale);
    auto *qt = new QTranslator(app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    auto *own = new QTranslator(app);
    if (own->load(locale, QStringLiteral("qetcd"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(own);
        qCDebug(lcAdmin) << "translation" << own->filePath();
        return true;
    }
    delete own;
    return false;
}
