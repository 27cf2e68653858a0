// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "storage/DirLock.h"

#include "storage/StorageLogging.h"

#include <QByteArrayList>
#include <QFile>
#include <QSysInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace storage {

namespace {

QString errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

// The holder named by the lock file's first lines (ours or QLockFile's layout: pid,
// application name, host name); pid 0 if they are not there (yet).
DirLock::Holder holderOf(const QString &path)
{
    DirLock::Holder holder;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return holder;
    const QByteArrayList lines = f.read(4096).split('\n');
    bool ok = false;
    const qint64 pid = lines.value(0).toLongLong(&ok);
    if (ok && pid > 0) {
        holder.pid = pid;
        holder.host = QString::fromUtf8(lines.value(2));
    }
    return holder;
}

} // namespace

DirLock::~DirLock()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

StorageResult DirLock::acquire(const QString &path, std::unique_ptr<DirLock> *out, Holder *holder)
{
    const QByteArray native = QFile::encodeName(path);
    int fd = -1;
    do {
        fd = ::open(native.constData(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0)
        return StorageResult::failure(
            StorageStatus::IoError, tr("cannot open lock file %1: %2").arg(path, errnoText(errno)));
    int rc = 0;
    do {
        rc = ::flock(fd, LOCK_EX | LOCK_NB);
    } while (rc != 0 && errno == EINTR);
    if (rc != 0) {
        const int err = errno;
        ::close(fd);
        if (err == EWOULDBLOCK) {
            if (holder)
                *holder = holderOf(path);
            return StorageResult::failure(StorageStatus::Locked,
                                          tr("%1 is locked by another process").arg(path));
        }
        return StorageResult::failure(StorageStatus::IoError,
                                      tr("cannot lock %1: %2").arg(path, errnoText(err)));
    }
    // Ours now: say who holds it, for the message a second member prints. Best effort; a
    // failure here does not weaken the lock.
    const QByteArray info = QByteArray::number(qint64(::getpid())) + "\nqetcd\n" +
                            QSysInfo::machineHostName().toUtf8() + '\n';
    if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, info.constData(), info.size(), 0) != info.size())
        qCWarning(lcStorage).noquote() << tr("cannot write holder information to lock file %1: %2")
                                              .arg(path, errnoText(errno));
    out->reset(new DirLock(path, fd));
    return StorageResult::success();
}

} // namespace storage
