// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "storage/DiskOps.h"

#include "storage/ZeroBytes.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileDevice>
#include <QFileInfo>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <sys/mman.h>
#include <unistd.h>

namespace storage {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("storage::DiskOps", text);
}

} // namespace

StorageStatus DiskOps::statusForErrno(int err)
{
    return err == ENOSPC || err == EDQUOT ? StorageStatus::NoSpace : StorageStatus::IoError;
}

QString DiskOps::errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

StorageResult DiskOps::createFile(QFile &file, const QString &path, bool exclusive)
{
    file.close();
    file.setFileName(path);
    const QByteArray native = QFile::encodeName(path);
    const int flags = O_WRONLY | O_CREAT | O_CLOEXEC | (exclusive ? O_EXCL : O_TRUNC);
    int fd;
    do {
        fd = ::open(native.constData(), flags, 0600);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) {
        const int err = errno;
        return StorageResult::failure(statusForErrno(err),
                                      tr("cannot create %1: %2").arg(path, errnoText(err)));
    }
    ::close(fd);
    // Reopened by name: a QFile opened on a descriptor has no file name for messages. The file
    // was just created (or truncated) by us, so WriteOnly's truncation loses nothing.
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered))
        return StorageResult::failure(StorageStatus::IoError,
                                      tr("cannot open %1: %2").arg(path, file.errorString()));
    return StorageResult::success();
}

StorageResult DiskOps::writeAll(QFileDevice &file, const QByteArray &data)
{
    const int fd = file.handle();
    const char *p = data.constData();
    qsizetype left = data.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, size_t(left));
        if (n < 0) {
            const int err = errno;
            if (err == EINTR)
                continue;
            return StorageResult::failure(
                statusForErrno(err),
                tr("cannot write %1: %2").arg(file.fileName(), errnoText(err)));
        }
        // write(2) returns 0 only for a zero-length request; guard anyway against looping.
        if (n == 0)
            return StorageResult::failure(
                StorageStatus::IoError,
                tr("cannot write %1: %2").arg(file.fileName(), errnoText(EIO)));
        p += n;
        left -= n;
    }
    return StorageResult::success();
}

StorageResult DiskOps::readAll(QFileDevice &file, QByteArray *out, qint64 maxBytes)
{
    const int fd = file.handle();
    const qint64 at = file.pos();
    qint64 size = file.size() - at;
    if (maxBytes >= 0)
        size = std::min(size, maxBytes);
    if (size < 0 || size > std::numeric_limits<qsizetype>::max() / 2) // beyond QByteArray
        return StorageResult::failure(
            StorageStatus::IoError,
            tr("cannot read %1: %2").arg(file.fileName(), errnoText(EFBIG)));
    out->resize(0);
    out->resize(size); // uninitialised: read(2) fills it
    char *p = out->data();
#ifdef MADV_HUGEPAGE
    constexpr quintptr kHuge = 2 * 1024 * 1024;
    const quintptr begin = (quintptr(p) + kHuge - 1) & ~(kHuge - 1);
    const quintptr end = (quintptr(p) + quintptr(size)) & ~(kHuge - 1);
    if (end > begin)
        ::madvise(reinterpret_cast<void *>(begin), end - begin, MADV_HUGEPAGE); // advice only
#endif
    qint64 got = 0;
    while (got < size) {
        const ssize_t n = ::pread(fd, p + got, size_t(size - got), at + got);
        if (n < 0) {
            const int err = errno;
            if (err == EINTR)
                continue;
            out->clear();
            return StorageResult::failure(
                StorageStatus::IoError,
                tr("cannot read %1: %2").arg(file.fileName(), errnoText(err)));
        }
        if (n == 0)
            break; // the file shrank
        got += n;
    }
    out->resize(got);
    return StorageResult::success();
}

StorageResult DiskOps::sizeWithoutTrailingZeros(QFileDevice &file, qint64 *size)
{
    constexpr qint64 kChunk = 1024 * 1024;
    QByteArray chunk(kChunk, Qt::Uninitialized);
    qint64 end = file.size();
    while (end > 0) {
        const qint64 from = std::max<qint64>(0, end - kChunk);
        qint64 got = 0;
        while (got < end - from) {
            const ssize_t n =
                ::pread(file.handle(), chunk.data() + got, size_t(end - from - got), from + got);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                const int err = n < 0 ? errno : EIO; // 0: the file shrank meanwhile
                return StorageResult::failure(
                    StorageStatus::IoError,
                    tr("cannot read %1: %2").arg(file.fileName(), errnoText(err)));
            }
            got += n;
        }
        const char *p = chunk.constData();
        if (isAllZero(p, got)) { // the usual case, 64 of these in a fresh segment
            end = from;
            continue;
        }
        *size = from + lengthWithoutTrailingZeros(p, got);
        return StorageResult::success();
    }
    *size = 0;
    return StorageResult::success();
}

StorageResult DiskOps::truncate(QFileDevice &file, qint64 size)
{
    const int fd = file.handle();
    int rc;
    do {
        rc = ::ftruncate(fd, off_t(size));
    } while (rc != 0 && errno == EINTR);
    if (rc != 0 || ::lseek(fd, off_t(size), SEEK_SET) != off_t(size)) {
        const int err = errno;
        return StorageResult::failure(StorageStatus::IoError,
                                      tr("cannot truncate %1 to %2 bytes: %3")
                                          .arg(file.fileName())
                                          .arg(size)
                                          .arg(errnoText(err)));
    }
    return StorageResult::success();
}

bool DiskOps::releaseRange(QFileDevice &file, qint64 offset, qint64 length)
{
    if (length <= 0)
        return true;
    int rc;
    do {
        rc = ::fallocate(file.handle(), FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, off_t(offset),
                         off_t(length));
    } while (rc != 0 && errno == EINTR);
    return rc == 0;
}

bool DiskOps::preallocate(QFileDevice &file, qint64 size, QString *why)
{
    const qint64 before = file.size();
    int rc;
    do {
        rc = ::fallocate(file.handle(), 0, 0, off_t(size));
    } while (rc != 0 && errno == EINTR);
    if (rc == 0)
        return true;
    const int err = errno;
    // ext4 keeps what it allocated before it ran out of space, and grows the file over it.
    while (::ftruncate(file.handle(), off_t(before)) != 0 && errno == EINTR) {
    }
    if (why)
        *why = errnoText(err);
    return false;
}

StorageResult DiskOps::writeFileAtomically(const QString &path, const QByteArray &data,
                                           const std::function<bool()> &beforeCommit)
{
    const QString tmp = path + QStringLiteral(".tmp");
    QFile file;
    StorageResult r = createFile(file, tmp, false);
    if (r.ok())
        r = writeAll(file, data);
    if (r.ok())
        r = dataSync(file);
    if (r.ok() && beforeCommit && !beforeCommit())
        r = StorageResult::failure(StorageStatus::IoError,
                                   tr("write of %1 was abandoned").arg(path));
    file.close();
    if (r.ok())
        r = commitFile(tmp, path);
    // Nothing half-written stays behind to fill the disk or to be mistaken for data.
    if (!r.ok())
        QFile::remove(tmp);
    return r;
}

StorageResult DiskOps::commitFile(const QString &from, const QString &to)
{
    if (::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) != 0) {
        const int err = errno;
        return StorageResult::failure(
            statusForErrno(err), tr("cannot rename %1 to %2: %3").arg(from, to, errnoText(err)));
    }
    return syncDirectory(QFileInfo(to).path());
}

StorageResult DiskOps::dataSync(QFileDevice &file)
{
    if (!file.flush())
        return StorageResult::failure(
            StorageStatus::IoError,
            tr("cannot write %1: %2").arg(file.fileName(), file.errorString()));
    int rc;
    do {
        rc = ::fdatasync(file.handle());
    } while (rc != 0 && errno == EINTR);
    if (rc != 0)
        return StorageResult::failure(
            StorageStatus::IoError,
            tr("fdatasync of %1 failed: %2").arg(file.fileName(), errnoText(errno)));
    return StorageResult::success();
}

StorageResult DiskOps::syncDirectory(const QString &dir)
{
    const QByteArray path = QFile::encodeName(dir);
    const int fd = ::open(path.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return StorageResult::failure(
            StorageStatus::IoError, tr("cannot open directory %1: %2").arg(dir, errnoText(errno)));
    int rc;
    do {
        rc = ::fsync(fd);
    } while (rc != 0 && errno == EINTR);
    const int err = errno;
    ::close(fd);
    if (rc != 0)
        return StorageResult::failure(
            StorageStatus::IoError,
            tr("fsync of directory %1 failed: %2").arg(dir, errnoText(err)));
    return StorageResult::success();
}

StorageResult DiskOps::makePrivateDirs(const QString &dir)
{
    const QString clean = QDir::cleanPath(QDir(dir).absolutePath());
    if (QFileInfo(clean).isDir())
        return StorageResult::success();
    const QString parent = QFileInfo(clean).path();
    if (parent != clean) {
        const StorageResult up = makePrivateDirs(parent);
        if (!up.ok())
            return up;
    }
    if (!QDir().mkdir(clean, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner) &&
        !QFileInfo(clean).isDir())
        return StorageResult::failure(StorageStatus::IoError,
                                      tr("cannot create directory %1").arg(clean));
    // The new name must survive a crash like any file we create.
    return syncDirectory(parent);
}

} // namespace storage
