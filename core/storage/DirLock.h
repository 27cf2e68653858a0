// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "storage/StorageResult.h"

#include <QCoreApplication>
#include <QString>

#include <memory>

namespace storage {

// An exclusive lock on a lock file that keeps a second member out of a directory: an
// flock(2) (LOCK_EX | LOCK_NB) on a descriptor held open while the object lives. The kernel
// drops the lock when the descriptor is closed, which includes the death of the process, so
// a lock file left on disk by a crash is never an obstacle: the next member, even one with the
// same PID on the same host (a container restarted with the member as PID 1), simply locks
// it again. A PID-file lock (QLockFile) cannot tell that case from a live holder.
// flock belongs to the open file description, so a second acquire() on the same file fails
// even from the same process. The descriptor is close-on-exec, so programs the member starts
// do not inherit the lock. The file's content (PID and host of the holder, QLockFile's first
// lines) is information for the "in use" message only; the lock is the flock.
// Not thread-safe; the lock is released by the destructor and never by anything else.
class DirLock
{
    Q_DECLARE_TR_FUNCTIONS(storage::DirLock)

public:
    ~DirLock();
    DirLock(const DirLock &) = delete;
    DirLock &operator=(const DirLock &) = delete;

    // Who holds a lock, as far as its lock file says (pid 0 if it does not say yet).
    struct Holder
    {
        qint64 pid = 0;
        QString host;
    };

    // Creates the lock file at path if needed (0600) and locks it. StorageStatus::Locked when
    // another open file description holds the lock (*holder, if given, then says who, for the
    // caller's message), IoError when the file cannot be opened or locked at all.
    static StorageResult acquire(const QString &path, std::unique_ptr<DirLock> *out,
                                 Holder *holder = nullptr);

    QString path() const { return m_path; }

private:
    DirLock(const QString &path, int fd) : m_path(path), m_fd(fd) {}

    QString m_path;
    int m_fd = -1;
};

} // namespace storage
