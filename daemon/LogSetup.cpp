// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "LogSetup.h"

#include <QFile>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <syslog.h>

#define SD_JOURNAL_SUPPRESS_LOCATION // the location of the call below would be this file's
#include <systemd/sd-journal.h>

namespace server {

namespace {

// The installed LogSetup; read by the handler on any thread.
std::atomic<LogSetup *> g_current{nullptr};

const QLatin1String kJournal("systemd/journal");

// syslog priorities as etcd's zap journal writer uses them (critical is qetcd's error level).
int priorityOf(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return LOG_DEBUG;
    case QtInfoMsg:
        return LOG_INFO;
    case QtWarningMsg:
        return LOG_WARNING;
    case QtCriticalMsg:
        return LOG_ERR;
    case QtFatalMsg:
        return LOG_CRIT;
    }
    return LOG_INFO;
}

} // namespace

LogSetup::~LogSetup()
{
    if (m_installed) {
        qInstallMessageHandler(m_previous);
        LogSetup *self = this;
        g_current.compare_exchange_strong(self, nullptr);
    }
    closeFiles();
}

QString LogSetup::open(const QStringList &outputs)
{
    closeFiles();
    m_streams.clear();
    m_journal = false;
    for (const QString &output : outputs) {
        if (output == QLatin1String("stderr") || output == QLatin1String("default")) {
            m_streams.append(stderr);
        } else if (output == QLatin1String("stdout")) {
            m_streams.append(stdout);
        } else if (output == kJournal) {
            m_journal = true;
        } else {
            // "e": not inherited by children; "a": O_APPEND, so concurrent writers and
            // logrotate's copytruncate keep whole lines.
            FILE *file = std::fopen(QFile::encodeName(output).constData(), "ae");
            if (!file) {
                const QString reason = QString::fromLocal8Bit(std::strerror(errno));
                closeFiles();
                m_streams.clear();
                return tr("cannot open log output %1: %2").arg(output, reason);
            }
            m_streams.append(file);
            m_ownedFiles.append(file);
        }
    }
    return {};
}

void LogSetup::install()
{
    g_current.store(this);
    m_previous = qInstallMessageHandler(&LogSetup::handler);
    m_installed = true;
}

QString LogSetup::filterRules(config::Config::LogLevel level, bool debug)
{
    if (debug)
        level = config::Config::LogLevel::Debug;
    switch (level) {
    case config::Config::LogLevel::Debug:
        return QStringLiteral("qetcd.*.debug=true");
    case config::Config::LogLevel::Info:
        return QStringLiteral("*.debug=false");
    case config::Config::LogLevel::Warn:
        return QStringLiteral("*.debug=false\n*.info=false");
    case config::Config::LogLevel::Error:
        return QStringLiteral("*.debug=false\n*.info=false\n*.warning=false");
    }
    return {};
}

void LogSetup::write(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    const QByteArray line = qFormatLogMessage(type, context, message).toLocal8Bit() + '\n';
    QMutexLocker locker(&m_mutex);
    for (FILE *stream : std::as_const(m_streams)) {
        std::fwrite(line.constData(), 1, size_t(line.size()), stream);
        std::fflush(stream);
    }
    if (m_journal) {
        const char *category = context.category ? context.category : "default";
        const QByteArray text = QByteArray(category) + ": " + message.toUtf8();
        sd_journal_send("MESSAGE=%s", text.constData(), "PRIORITY=%i", priorityOf(type),
                        "QT_CATEGORY=%s", category, "SYSLOG_IDENTIFIER=qetcd", nullptr);
    }
}

void LogSetup::handler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (LogSetup *current = g_current.load())
        current->write(type, context, message);
}

void LogSetup::closeFiles()
{
    for (FILE *file : std::as_const(m_ownedFiles))
        std::fclose(file);
    m_ownedFiles.clear();
}

} // namespace server
