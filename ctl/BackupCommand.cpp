// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "ctl/BackupCommand.h"

#include "ctl/Invocation.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace ctl {

namespace {

bool copyTree(const QString &from, const QString &to, QString *error)
{
    QDir source(from);
    if (!source.exists()) {
        *error = QStringLiteral("open %1: no such file or directory").arg(from);
        return false;
    }
    if (!QDir().mkpath(to)) {
        *error = QStringLiteral("mkdir %1: permission denied").arg(to);
        return false;
    }
    const QFileInfoList entries = source.entryInfoList(
        QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden, QDir::Name);
    for (const QFileInfo &e : entries) {
        const QString target = to + QLatin1Char('/') + e.fileName();
        if (e.isDir()) {
            if (!copyTree(e.absoluteFilePath(), target, error))
                return false;
            continue;
        }
        QFile::remove(target);
        if (!QFile::copy(e.absoluteFilePath(), target)) {
            *error = QStringLiteral("copy %1: failed").arg(e.absoluteFilePath());
            return false;
        }
    }
    return true;
}

int run(Invocation &inv)
{
    const QString dataDir = inv.flags().stringValue(QStringLiteral("data-dir"));
    const QString backupDir = inv.flags().stringValue(QStringLiteral("backup-dir"));
    if (dataDir.isEmpty() || backupDir.isEmpty())
        Invocation::fail(Invocation::BadArgs,
                         Invocation::tr("both --data-dir and --backup-dir are required"));
    QString walDir = inv.flags().stringValue(QStringLiteral("wal-dir"));
    if (walDir.isEmpty())
        walDir = dataDir + QStringLiteral("/member/wal");
    QString backupWal = inv.flags().stringValue(QStringLiteral("backup-wal-dir"));
    if (backupWal.isEmpty())
        backupWal = backupDir + QStringLiteral("/member/wal");
    QString error;
    if (!copyTree(dataDir + QStringLiteral("/member/snap"),
                  backupDir + QStringLiteral("/member/snap"), &error) ||
        !copyTree(walDir, backupWal, &error)) {
        Invocation::fail(Invocation::BadArgs, error);
    }
    return Invocation::Success;
}

} // namespace

Command backupCommand()
{
    Command c;
    c.names = {QStringLiteral("backup")};
    c.usage = Invocation::tr("backup an etcd directory");
    c.argsUsage = QStringLiteral(" ");
    c.flags = {
        Flag::string({QStringLiteral("data-dir")}, Invocation::tr("Path to the etcd data dir")),
        Flag::string({QStringLiteral("wal-dir")}, Invocation::tr("Path to the etcd wal dir")),
        Flag::string({QStringLiteral("backup-dir")}, Invocation::tr("Path to the backup dir")),
        Flag::string({QStringLiteral("backup-wal-dir")},
                     Invocation::tr("Path to the backup wal dir")),
        Flag::boolean({QStringLiteral("with-v3")}, Invocation::tr("Backup v3 backend data"))};
    c.action = run;
    return c;
}

} // namespace ctl
