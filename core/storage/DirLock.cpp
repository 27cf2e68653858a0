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

// "process <pid> on <host>" from the lock file's first lines (ours or QLockFile's layout:
// pid, application name, host name), or an empty string if they are not there yet.
QString holderOf(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArrayList lines = f.read(4096).split('\n');
    bool ok = false;
    const qint64 pid = lines.value(0).toLongLong(&ok);
    if (!ok || pid <= 0)
        return {};
    return DirLock::tr("process %1 on %2").arg(pid).arg(QString::fromUtf8(lines.value(2)));
}

} // namespace

DirLock::~DirLock()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

StorageResult DirLock::acquire(const QString &path, const QString &what,
                               std::unique_ptr<DirLock> *out)
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
            const QString holder = holderOf(path);
            return StorageResult::failure(
                StorageStatus::Locked,
                holder.isEmpty()
                    ? tr("%1 is in use by another member (lock file %2)").arg(what, path)
                    : tr("%1 is in use by another member (%2)").arg(what, holder));
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
