#pragma once

#include <QLocale>

class QCoreApplication;

// Puts the app in the user's language: Qt's own strings (standard buttons,
// dialogs) from the system's Qt translations, and the app's from the
// catalogues compiled into it by qt_add_translations (":/i18n").
// Translators are children of the application. Call once, before any
// window is created. GUI thread.
class Localization
{
public:
    // Returns true when the app has a catalogue for `locale` (English, the
    // source language, needs none and returns false).
    static bool install(QCoreApplication *app, const QLocale &locale);
};
