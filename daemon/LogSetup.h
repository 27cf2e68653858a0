// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "Config.h"

#include <QCoreApplication>
#include <QList>
#include <QMutex>
#include <QString>
#include <QStringList>

#include <cstdio>

namespace server {

// LogSetup: where the daemon's log lines go (etcd 3.4's --log-outputs) and which are kept
// (--log-level, --debug).
//
// Outputs: "stderr", "stdout", a file path (opened once, for appending, by open(); a file that
// cannot be opened is a start error) and "systemd/journal" (sd_journal_send(3): PRIORITY from the
// Qt message type, the logging category as QT_CATEGORY, as Qt's own journald backend names it).
// Text outputs keep the message pattern main() sets (qFormatLogMessage); the journal keeps its
// own timestamps and gets "category: message". Levels are QLoggingCategory filter rules
// (filterRules()), so a dropped message costs nothing past its category check.
//
// install() makes this object the process's Qt message handler until it is destroyed (the
// previous handler is put back). The handler may be called from any thread; one mutex orders the
// writes, and each line is flushed at once, so a crash loses nothing logged before it. Owns the
// files it opened. Create, open() and install() on the main thread before other threads log.
class LogSetup
{
    Q_DECLARE_TR_FUNCTIONS(server::LogSetup)

public:
    LogSetup() = default;
    ~LogSetup();
    LogSetup(const LogSetup &) = delete;
    LogSetup &operator=(const LogSetup &) = delete;

    // Opens `outputs` (config.logOutputs). Returns "" or the translated reason a file could not
    // be opened; on error nothing stays open.
    QString open(const QStringList &outputs);
    void install();

    // QLoggingCategory::setFilterRules() text for the level: debug turns on qetcd's debug
    // categories (Qt's own qt.* stay off, as --debug always did), warn drops info and debug,
    // error keeps only critical messages. --debug counts as --log-level=debug.
    static QString filterRules(config::Config::LogLevel level, bool debug);

    // One message to every output (what the installed handler calls).
    void write(QtMsgType type, const QMessageLogContext &context, const QString &message);

private:
    static void handler(QtMsgType type, const QMessageLogContext &context, const QString &message);
    void closeFiles();

    QMutex m_mutex;
    QList<FILE *> m_streams;    // stderr, stdout and the opened files, in the order given
    QList<FILE *> m_ownedFiles; // the opened files, closed by the destructor
    bool m_journal = false;
    bool m_installed = false;
    QtMessageHandler m_previous = nullptr;
};

} // namespace server
