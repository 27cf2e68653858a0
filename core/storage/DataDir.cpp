// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "storage/DataDir.h"

#include "storage/DiskOps.h"

#include <QDir>
#include <QFileInfo>

namespace storage {

namespace {

QString absoluteClean(const QString &dir)
{
    return QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
}

} // namespace

DataDir::DataDir(const QString &dataDir, const QString &walDirOverride)
    : m_dataDir(absoluteClean(dataDir)),
      m_walDirOverride(walDirOverride.isEmpty() ? QString() : absoluteClean(walDirOverride))
{
}

DataDir::~DataDir() = default;

QString DataDir::memberDir() const
{
    return m_dataDir + QStringLiteral("/member");
}

QString DataDir::walDir() const
{
    return m_walDirOverride.isEmpty() ? memberDir() + QStringLiteral("/wal") : m_walDirOverride;
}

QString DataDir::snapDir() const
{
    return memberDir() + QStringLiteral("/snap");
}

QString DataDir::lockFilePath() const
{
    return memberDir() + QStringLiteral("/qetcd.lock");
}

QString DataDir::walLockFilePath() const
{
    if (m_walDirOverride.isEmpty())
        return QString();
    // Beside the WAL directory, not in it: Wal::create() makes that one atomically.
    return walDir() + QStringLiteral(".qetcd.lock");
}

StorageResult DataDir::takeLock(const QString &path, const QString &what,
                                std::unique_ptr<DirLock> *out)
{
    DirLock::Holder holder;
    const StorageResult r = DirLock::acquire(path, out, &holder);
    if (r.status != StorageStatus::Locked)
        return r;
    return StorageResult::failure(
        StorageStatus::Locked,
        holder.pid > 0 ? tr("%1 is in use by another member (process %2 on %3)")
                             .arg(what)
                             .arg(holder.pid)
                             .arg(holder.host)
                       : tr("%1 is in use by another member (lock file %2)").arg(what, path));
}

StorageResult DataDir::open()
{
    if (isLocked())
        return StorageResult::success();
    for (const QString &dir : {memberDir(), snapDir(), QFileInfo(walDir()).path()}) {
        const StorageResult r = DiskOps::makePrivateDirs(dir);
        if (!r.ok())
            return r;
    }
    std::unique_ptr<DirLock> lock;
    StorageResult r = takeLock(lockFilePath(), tr("data directory %1").arg(m_dataDir), &lock);
    if (!r.ok())
        return r;
    // A WAL directory elsewhere (--wal-dir) needs its own lock: two members
    // with different data directories must not share one.
    std::unique_ptr<DirLock> walLock;
    if (!m_walDirOverride.isEmpty()) {
        r = takeLock(walLockFilePath(), tr("WAL directory %1").arg(walDir()), &walLock);
        if (!r.ok())
            return r;
    }
    m_lock = std::move(lock);
    m_walLock = std::move(walLock);
    return StorageResult::success();
}

void DataDir::release()
{
    m_walLock.reset();
    m_lock.reset();
}

bool DataDir::isLocked() const
{
    return m_lock != nullptr;
}

} // namespace storage
