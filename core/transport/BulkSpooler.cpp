// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "transport/BulkSpooler.h"

#include <QDir>

#include <atomic>
#include <utility>

namespace transport {

namespace {
// Shared by every connection of the process, so names never repeat within it; NewOnly guards
// against files left by another process.
std::atomic<quint64> g_nextFile{1};
const QLatin1String kPartSuffix(".part");
const QLatin1String kDoneSuffix(".bulk");
} // namespace

BulkSpooler::BulkSpooler(const QString &directory, qint64 maxBytes, const QString &prefix)
    : m_directory(directory), m_maxBytes(maxBytes), m_prefix(prefix)
{
}

BulkSpooler::~BulkSpooler()
{
    abandon();
}

BulkSpooler::Result BulkSpooler::add(const Chunk &chunk)
{
    if (m_total == 0) {
        if (chunk.offset != 0)
            return fail(QStringLiteral("chunk at offset %1 without a start").arg(chunk.offset));
        if (chunk.total == 0 || (m_maxBytes > 0 && chunk.total > quint64(m_maxBytes)))
            return fail(QStringLiteral("bulk payload of %1 bytes exceeds the limit of %2")
                            .arg(chunk.total)
                            .arg(m_maxBytes));
        if (!start())
            return Result::Error;
        m_total = chunk.total;
        m_written = 0;
    } else if (chunk.total != m_total || chunk.offset != m_written) {
        return fail(QStringLiteral("chunk (total %1, offset %2) does not continue (total %3, "
                                   "offset %4)")
                        .arg(chunk.total)
                        .arg(chunk.offset)
                        .arg(m_total)
                        .arg(m_written));
    }
    if (quint64(chunk.data.size()) > m_total - m_written || chunk.data.isEmpty())
        return fail(QStringLiteral("chunk of %1 bytes does not fit").arg(chunk.data.size()));
    if (m_file.write(chunk.data) != chunk.data.size())
        return fail(
            QStringLiteral("cannot write %1: %2").arg(m_file.fileName(), m_file.errorString()));
    m_written += quint64(chunk.data.size());
    if (m_written < m_total)
        return Result::Incomplete;

    // Flushed and closed, not synced: the node saves the snapshot again itself.
    const QString part = m_file.fileName();
    if (!m_file.flush())
        return fail(QStringLiteral("cannot write %1: %2").arg(part, m_file.errorString()));
    m_file.close();
    QString done = part;
    done.chop(kPartSuffix.size());
    done += kDoneSuffix;
    QFile::remove(done); // a leftover of an earlier process would make rename() fail
    if (!QFile::rename(part, done)) {
        QFile::remove(part);
        m_total = 0;
        m_error = QStringLiteral("cannot rename %1 to %2").arg(part, done);
        return Result::Error;
    }
    m_done = done;
    m_total = 0;
    m_written = 0;
    return Result::Complete;
}

bool BulkSpooler::start()
{
    if (!QDir().mkpath(m_directory)) {
        fail(QStringLiteral("cannot create the spool directory %1").arg(m_directory));
        return false;
    }
    const QDir dir(m_directory);
    for (int attempt = 0; attempt < 100; ++attempt) {
        m_file.setFileName(dir.filePath(
            QStringLiteral("%1-%2%3").arg(m_prefix).arg(g_nextFile++).arg(kPartSuffix)));
        if (m_file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            return true;
        if (!m_file.exists())
            break; // not a name clash: the directory refuses new files
    }
    fail(QStringLiteral("cannot create %1: %2").arg(m_file.fileName(), m_file.errorString()));
    return false;
}

QString BulkSpooler::takePath()
{
    return std::exchange(m_done, QString());
}

void BulkSpooler::abandon()
{
    if (m_file.isOpen()) {
        m_file.close();
        m_file.remove();
    }
    m_total = 0;
    m_written = 0;
}

BulkSpooler::Result BulkSpooler::fail(const QString &why)
{
    m_error = why;
    abandon();
    return Result::Error;
}

} // namespace transport
