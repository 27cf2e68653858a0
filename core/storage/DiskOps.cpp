#include "storage/DiskOps.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileDevice>
#include <QFileInfo>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace storage {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("storage::DiskOps", text);
}

QString errnoText(int err)
{
    return QString::fromLocal8Bit(std::strerror(err));
}

} // namespace

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
