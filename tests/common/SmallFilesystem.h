// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// A real, small file system for full-disk tests: a tmpfs of a chosen size mounted on a fresh
// directory inside a mount namespace private to the test process (unshare(CLONE_NEWNS) and
// MS_PRIVATE propagation), so no other process sees it and it goes away with the process.
// Child processes (a qetcd started by the test) inherit the namespace and see the mount.
// Needs root (CAP_SYS_ADMIN): the CI and `make test` run as root. Header-only; use from the
// test's main thread, before other threads that touch the path are started.
#pragma once

#include <QDebug>
#include <QDir>
#include <QFile>
#include <QString>
#include <QTemporaryDir>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

class SmallFilesystem
{
public:
    ~SmallFilesystem()
    {
        if (m_mounted)
            ::umount2(QFile::encodeName(path()).constData(), MNT_DETACH);
    }

    static bool canMount() { return ::geteuid() == 0; }

    // Mounts a tmpfs of `bytes` bytes on a new temporary directory.
    bool mount(qint64 bytes, QString *error)
    {
        static bool privateNamespace = false;
        if (!privateNamespace) {
            if (::unshare(CLONE_NEWNS) != 0)
                return fail(error, "unshare(CLONE_NEWNS)");
            // Mounts made from now on stay in this process's namespace. Inside a chroot whose
            // root is not a mount point this fails with EINVAL; the tmpfs may then be seen
            // from outside while the test runs (it is unmounted when the test ends).
            if (::mount("none", "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
                if (errno != EINVAL)
                    return fail(error, "mount --make-rprivate /");
                qWarning("SmallFilesystem: / is not a mount point (a chroot?); mounts are not "
                         "made private");
            }
            privateNamespace = true;
        }
        m_dir = std::make_unique<QTemporaryDir>();
        if (!m_dir->isValid())
            return fail(error, "QTemporaryDir");
        const QByteArray options = "size=" + QByteArray::number(bytes) + ",mode=0700";
        if (::mount("tmpfs", QFile::encodeName(path()).constData(), "tmpfs", 0,
                    options.constData()) != 0)
            return fail(error, "mount -t tmpfs");
        m_mounted = true;
        return true;
    }

    QString path() const { return m_dir ? m_dir->path() : QString(); }
    QString fillerPath() const { return path() + QStringLiteral("/filler"); }

    // Writes a file until the file system refuses with ENOSPC, down to the last byte, so that
    // any later write needing a new page fails. Returns false (with *error) on another error.
    bool fill(QString *error)
    {
        const QByteArray name = QFile::encodeName(fillerPath());
        const int fd = ::open(name.constData(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
        if (fd < 0)
            return fail(error, "open filler");
        const QByteArray chunk(64 * 1024, 'x');
        for (qsizetype n = chunk.size(); n > 0;) {
            if (::write(fd, chunk.constData(), size_t(n)) < 0) {
                if (errno != ENOSPC) {
                    ::close(fd);
                    return fail(error, "write filler");
                }
                n /= 2;
            }
        }
        ::close(fd);
        return true;
    }
    void unfill() { QFile::remove(fillerPath()); }

private:
    static bool fail(QString *error, const char *what)
    {
        if (error)
            *error = QStringLiteral("%1: %2").arg(QLatin1String(what),
                                                  QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    bool m_mounted = false;
};
