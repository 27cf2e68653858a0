// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QLocale>
#include <QString>

class QCoreApplication;

namespace i18n {

// Puts a program in the user's language: Qt's own strings (standard buttons,
// dialogs, command-line parser) from the system's Qt translations, and the
// program's from the catalogue compiled into it by qt_add_translations
// (":/i18n/<catalogue>_<locale>.qm"). Translators are children of the
// application. Call once, early, on the main thread. English is the source
// language and needs no catalogue.
class Localization
{
public:
    // Returns true when the program has a catalogue named `catalogue` for
    // `locale` (English returns false).
    static bool install(QCoreApplication *app, const QLocale &locale, const QString &catalogue);
};

} // namespace i18n
