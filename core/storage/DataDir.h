// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "storage/DirLock.h"
#include "storage/StorageResult.h"

#include <QCoreApplication>
#include <QString>

#include <memory>

namespace storage {

// The on-disk layout of a member, as etcd lays it out:
//     <data-dir>/member/wal     write-ahead log (Wal), unless --wal-dir points elsewhere
//     <data-dir>/member/snap    snapshot files (Snapshotter)
//     <data-dir>/member/qetcd.lock
// open() creates the data, member and snap directories (owner-only, 0700, when it creates
// them) and takes the lock file, so that a second member started on the same data directory
// fails with StorageStatus::Locked instead of corrupting the first one's log; a WAL directory
// elsewhere (--wal-dir) gets a lock file beside it, for the same reason. The WAL
// directory itself is created by Wal::create(), atomically. The lock is a kernel lock on an
// open descriptor (DirLock), held until the DataDir is destroyed or release() is called; the
// lock file stays on disk, and one left by a crashed or killed member never keeps the next
// one out, even when that one has the same PID on the same host (PID 1 in a container).
// Threading: use from one thread.
class DataDir
{
    Q_DECLARE_TR_FUNCTIONS(storage::DataDir)

public:
    explicit DataDir(const QString &dataDir, const QString &walDirOverride = QString());
    ~DataDir();
    DataDir(const DataDir &) = delete;
    DataDir &operator=(const DataDir &) = delete;

    StorageResult open();
    void release();
    bool isLocked() const;

    QString dataDir() const { return m_dataDir; }
    QString memberDir() const;
    QString walDir() const;
    QString snapDir() const;
    QString lockFilePath() const;
    // With --wal-dir: "<wal-dir>.qetcd.lock", taken too; empty otherwise.
    QString walLockFilePath() const;

private:
    // DirLock::acquire with the "in use by another member" message naming what.
    static StorageResult takeLock(const QString &path, const QString &what,
                                  std::unique_ptr<DirLock> *out);

    QString m_dataDir;
    QString m_walDirOverride;
    std::unique_ptr<DirLock> m_lock;
    std::unique_ptr<DirLock> m_walLock;
};

} // namespace storage
