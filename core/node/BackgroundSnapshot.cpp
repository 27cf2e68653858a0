// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "node/BackgroundSnapshot.h"

#include "node/NodeLogging.h"
#include "raft/Snapshot.h"
#include "storage/Snapshotter.h"

#include <QFile>
#include <QFileInfo>
#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

namespace node {

namespace {

// What the child writes to the pipe before it exits.
struct Report
{
    qint32 stage = 0; // 0: done; else the step that failed (see kStages)
    qint32 error = 0; // errno of that step
    qint64 bytes = 0;
};

// Steps of the child's write, for the parent's message.
const char *const kStages[] = {"",          "open",   "write",
                               "fdatasync", "rename", "fsync of the directory"};

// Written in slices of this size, each handed to the disk as soon as it is written
// (sync_file_range): the final fdatasync then has little left to flush, so the member's own
// WAL syncs never queue behind hundreds of megabytes of snapshot at once.
constexpr qint64 kWritebackSlice = qint64(8) * 1024 * 1024;

bool writeAll(int fd, const char *data, qint64 size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size_t(qMin<qint64>(size, qint64(1) << 30)));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= n;
    }
    return true;
}

// The snapshot is not urgent, the clients' writes are: the calling thread (a child's only
// thread, or the writer thread) gives way to the member for the processor and for the disk
// (best effort, lowest level, where the I/O scheduler honours it). On Linux both calls act on
// the calling thread alone.
void yieldToMember()
{
    ::setpriority(PRIO_PROCESS, 0, 10);
    constexpr int kIoprioWhoProcess = 1, kIoprioClassBestEffort = 2, kIoprioClassShift = 13;
    ::syscall(SYS_ioprio_set, kIoprioWhoProcess, 0,
              (kIoprioClassBestEffort << kIoprioClassShift) | 7);
}

// A snapshot file's names, encoded for the POSIX calls before any child or thread starts.
struct FileNames
{
    QByteArray path; // the snapshot file
    QByteArray tmp;  // what is written before the rename
    QByteArray dir;  // synced after the rename
};

FileNames fileNames(const QString &path)
{
    return {QFile::encodeName(path), QFile::encodeName(path + QStringLiteral(".tmp")),
            QFile::encodeName(QFileInfo(path).path())};
}

// Writes <tmp>, syncs it, renames it over <path> and syncs <dir> (the atomic write
// storage::DiskOps does), with only POSIX calls, so that a forked child can run it too.
// A failed write leaves no <tmp> behind.
Report writeSnapshotFile(const raft::SnapshotMetadata &metadata, const FileNames &names,
                         const QByteArray &data)
{
    const QByteArray &path = names.path, &tmp = names.tmp, &dir = names.dir;
    Report report;
    const auto fail = [&](int stage) {
        report.stage = stage;
        report.error = errno;
    };
    const QByteArray header = storage::Snapshotter::fileHeader(metadata, data);
    report.bytes = header.size() + data.size();
    const int fd = ::open(tmp.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        fail(1);
        return report;
    }
    bool written = writeAll(fd, header.constData(), header.size());
    for (qint64 at = 0; written && at < data.size(); at += kWritebackSlice) {
        const qint64 n = qMin(kWritebackSlice, data.size() - at);
        written = writeAll(fd, data.constData() + at, n);
        if (written)
            ::sync_file_range(fd, header.size() + at, n, SYNC_FILE_RANGE_WRITE);
    }
    if (!written)
        fail(2);
    else if (::fdatasync(fd) != 0)
        fail(3);
    ::close(fd);
    if (report.stage == 0 && ::rename(tmp.constData(), path.constData()) != 0)
        fail(4);
    if (report.stage != 0) {
        ::unlink(tmp.constData());
        return report;
    }
    const int dfd = ::open(dir.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0 || ::fsync(dfd) != 0)
        fail(5);
    if (dfd >= 0)
        ::close(dfd);
    return report;
}

// The child's whole job. Only async-signal-safe calls besides the serializer and memcpy-like
// work on memory; never returns.
[[noreturn]] void runChild(pid_t parent, int reportFd, const raft::SnapshotMetadata &metadata,
                           const FileNames &names, const std::function<QByteArray()> &image)
{
    // Not a minute longer than the member: a member killed meanwhile must be restartable at
    // once, and this process shares its open files (the data dir's lock among them).
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    // A report nobody reads any more is no reason to die before _exit.
    ::signal(SIGPIPE, SIG_IGN);
    yieldToMember();
    if (::getppid() != parent)
        ::_exit(1);
    // Nothing but the report pipe stays open here: not the listening sockets, not the WAL.
    // (The data dir's lock is on the open file, which the member keeps: closing this
    // process's descriptor does not release it.)
    if (reportFd > 3)
        ::close_range(3, unsigned(reportFd) - 1, 0);
    ::close_range(unsigned(reportFd) + 1, ~0U, 0);
    const Report report = writeSnapshotFile(metadata, names, image());
    writeAll(reportFd, reinterpret_cast<const char *>(&report), sizeof report);
    ::_exit(report.stage == 0 ? 0 : 1);
}

} // namespace

BackgroundSnapshot::BackgroundSnapshot(QObject *parent) : QObject(parent)
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(kChildTimeoutMs);
    connect(&m_timeout, &QTimer::timeout, this, &BackgroundSnapshot::onTimeout);
}

BackgroundSnapshot::~BackgroundSnapshot()
{
    // A snapshot being written is let finish (it is consistent, and the next start then
    // replays less of the WAL); a member killed outright takes its child along (PDEATHSIG).
    if (running())
        reap();
}

bool BackgroundSnapshot::openReportPipe(const QString &path, int *writeFd, QString *error)
{
    if (running()) {
        *error = tr("a snapshot is being written already");
        return false;
    }
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        *error = tr("cannot create a pipe: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    m_clock.start();
    m_readFd = fds[0];
    *writeFd = fds[1];
    m_path = path;
    return true;
}

void BackgroundSnapshot::watchReportPipe()
{
    m_notifier = std::make_unique<QSocketNotifier>(m_readFd, QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this,
            &BackgroundSnapshot::onChildReported);
}

bool BackgroundSnapshot::start(const raft::SnapshotMetadata &metadata, const QString &path,
                               const std::function<QByteArray()> &image, QString *error)
{
    // Everything the child needs is prepared here: it should allocate as little as it can.
    const FileNames names = fileNames(path);
    int writeFd = -1;
    if (!openReportPipe(path, &writeFd, error))
        return false;
    const pid_t parentPid = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        *error = tr("cannot fork: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        ::close(m_readFd);
        ::close(writeFd);
        m_readFd = -1;
        return false;
    }
    if (pid == 0) {
        ::close(m_readFd);
        runChild(parentPid, writeFd, metadata, names, image);
    }
    m_forkNs = m_clock.nsecsElapsed();
    ::close(writeFd);
    m_pid = pid;
    watchReportPipe();
    m_timeout.start();
    return true;
}

bool BackgroundSnapshot::write(const raft::SnapshotMetadata &metadata, const QString &path,
                               const QByteArray &image, QString *error)
{
    const FileNames names = fileNames(path);
    int writeFd = -1;
    if (!openReportPipe(path, &writeFd, error))
        return false;
    m_forkNs = 0;
    // The thread shares the image (implicitly, no copy) until it has written it. Its report
    // goes through the same pipe as a child's, so both end in onChildReported().
    m_thread = std::thread([=] {
        yieldToMember();
        const Report report = writeSnapshotFile(metadata, names, image);
        writeAll(writeFd, reinterpret_cast<const char *>(&report), sizeof report);
        ::close(writeFd);
    });
    watchReportPipe();
    return true;
}

void BackgroundSnapshot::onChildReported()
{
    // The report is written in one call just before the child exits (or the pipe just
    // closes, when the child died): one read takes it.
    Report report;
    ssize_t n;
    do {
        n = ::read(m_readFd, &report, sizeof report);
    } while (n < 0 && errno == EINTR);
    reap();
    const double seconds = double(m_clock.nsecsElapsed()) / 1e9;
    QString error;
    if (n != ssize_t(sizeof report)) {
        error = tr("the snapshot writer ended without writing %1").arg(m_path);
        QFile::remove(m_path + QStringLiteral(".tmp"));
    } else if (report.stage != 0) {
        const int stage = qBound(1, int(report.stage), int(std::size(kStages)) - 1);
        error = tr("cannot write %1 (%2): %3")
                    .arg(m_path, QString::fromLatin1(kStages[stage]),
                         QString::fromLocal8Bit(std::strerror(report.error)));
    }
    Q_EMIT finished(error.isEmpty(), error, report.bytes, seconds);
}

void BackgroundSnapshot::onTimeout()
{
    if (m_pid <= 0)
        return;
    ::kill(pid_t(m_pid), SIGKILL);
    reap();
    QFile::remove(m_path + QStringLiteral(".tmp"));
    Q_EMIT finished(false,
                    tr("the snapshot process writing %1 did not finish in %2 ms and was killed")
                        .arg(m_path)
                        .arg(m_timeout.interval()),
                    0, double(m_clock.nsecsElapsed()) / 1e9);
}

void BackgroundSnapshot::reap()
{
    m_timeout.stop();
    // The child is waited for before its pipe closes: a child still writing its report
    // must not find the pipe gone.
    if (m_pid > 0) {
        int status = 0;
        while (::waitpid(pid_t(m_pid), &status, 0) < 0 && errno == EINTR) {
        }
    }
    m_pid = 0;
    if (m_thread.joinable())
        m_thread.join();
    m_notifier.reset();
    if (m_readFd >= 0)
        ::close(m_readFd);
    m_readFd = -1;
}

} // namespace node
