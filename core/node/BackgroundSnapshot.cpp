// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "node/BackgroundSnapshot.h"

#include "raft/Snapshot.h"
#include "storage/Crc32c.h"
#include "storage/Snapshotter.h"

#include <QFile>
#include <QFileInfo>
#include <QSocketNotifier>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace node {

namespace {

// What the writer thread reports through the pipe before it ends.
struct Report
{
    qint32 stage = 0; // 0: done; else the step that failed (see kStages)
    qint32 error = 0; // errno of that step
    qint64 bytes = 0;
};

// Steps of the write, for the owner's message.
const char *const kStages[] = {
    "", "open", "write", "fdatasync", "rename", "fsync of the directory", "read back"};
enum Stage { Open = 1, Write, Sync, Rename, SyncDir, ReadBack };

// Handed to the disk in slices of this size as they are written (sync_file_range): the final
// fdatasync then has little left to flush, so the member's own WAL syncs never queue behind
// hundreds of megabytes of snapshot at once.
constexpr qint64 kSlice = qint64(8) * 1024 * 1024;

bool writeAllAt(int fd, const char *data, qint64 size, qint64 at)
{
    while (size > 0) {
        const ssize_t n = ::pwrite(fd, data, size_t(qMin<qint64>(size, qint64(1) << 30)), at);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= n;
        at += n;
    }
    return true;
}

// The snapshot is not urgent, the clients' writes are: the writer thread gives way to the
// member for the disk (best effort, lowest level, where the I/O scheduler honours it; on Linux
// the call acts on the calling thread alone). Not for the processor: the thread holds the state
// machine's read lock while it encodes a piece, and a lowered priority would let it be
// preempted for long inside it while the member waits to apply.
void yieldToMember()
{
    constexpr int kIoprioWhoProcess = 1, kIoprioClassBestEffort = 2, kIoprioClassShift = 13;
    ::syscall(SYS_ioprio_set, kIoprioWhoProcess, 0,
              (kIoprioClassBestEffort << kIoprioClassShift) | 7);
}

// A snapshot file's names, encoded before the thread starts.
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

// The data's checksum continued from *crc, read back from the file: [from, from + size), through
// `buffer` (the pieces' own: its memory is touched already, and a buffer of its own would stay
// with the thread's malloc arena, 8 MiB more resident after the first snapshot).
bool checksumOfFile(int fd, qint64 from, qint64 size, QByteArray &buffer, quint32 *crc)
{
    buffer.resize(qMax<qsizetype>(buffer.capacity(), 64 * 1024));
    for (qint64 at = 0; at < size;) {
        const ssize_t n =
            ::pread(fd, buffer.data(), size_t(qMin<qint64>(buffer.size(), size - at)), from + at);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        *crc = storage::Crc32c::compute(buffer.constData(), n, *crc);
        at += n;
    }
    return true;
}

// Writes the image behind room for the header in <tmp>, applies the source's patches, reads
// the data back for its checksum, writes the header, syncs, renames it over <path> and syncs
// <dir>. A failed write leaves no <tmp> behind.
Report writeSnapshotFile(const raft::SnapshotMetadata &metadata, const FileNames &names,
                         const BackgroundSnapshot::Source &source)
{
    const QByteArray &path = names.path, &tmp = names.tmp, &dir = names.dir;
    Report report;
    const auto fail = [&](int stage) {
        if (report.stage == 0) {
            report.stage = stage;
            report.error = errno;
        }
    };
    const int fd = ::open(tmp.constData(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        fail(Open);
        return report;
    }
    const qint64 dataAt = storage::Snapshotter::headerBytes(metadata);
    qint64 size = 0, handedToDisk = 0;
    QByteArray piece; // one buffer for every piece: its pages are touched once
    for (bool more = true; more && report.stage == 0;) {
        piece.resize(0);
        more = source.next(&piece);
        if (!writeAllAt(fd, piece.constData(), piece.size(), dataAt + size)) {
            fail(Write);
            break;
        }
        size += piece.size();
        if (size - handedToDisk >= kSlice) {
            ::sync_file_range(fd, dataAt + handedToDisk, size - handedToDisk,
                              SYNC_FILE_RANGE_WRITE);
            handedToDisk = size;
        }
    }
    QList<QPair<qint64, QByteArray>> patches;
    if (report.stage == 0 && source.patches && !source.patches(&patches))
        fail(Write);
    for (const auto &[offset, bytes] : std::as_const(patches)) {
        if (report.stage == 0 && !writeAllAt(fd, bytes.constData(), bytes.size(), dataAt + offset))
            fail(Write);
    }
    if (report.stage == 0) {
        bool readBack = true;
        const QByteArray header =
            storage::Snapshotter::fileHeader(metadata, quint64(size), [&](quint32 seed) {
                readBack = checksumOfFile(fd, dataAt, size, piece, &seed);
                return seed;
            });
        if (!readBack)
            fail(ReadBack);
        else if (!writeAllAt(fd, header.constData(), header.size(), 0))
            fail(Write);
        else if (::fdatasync(fd) != 0)
            fail(Sync);
        report.bytes = dataAt + size;
    }
    ::close(fd);
    if (report.stage == 0 && ::rename(tmp.constData(), path.constData()) != 0)
        fail(Rename);
    if (report.stage != 0) {
        ::unlink(tmp.constData());
        return report;
    }
    const int dfd = ::open(dir.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd < 0 || ::fsync(dfd) != 0)
        fail(SyncDir);
    if (dfd >= 0)
        ::close(dfd);
    return report;
}

} // namespace

BackgroundSnapshot::BackgroundSnapshot(QObject *parent) : QObject(parent) {}

BackgroundSnapshot::~BackgroundSnapshot()
{
    // A snapshot being written is let finish (it is consistent, and the next start then
    // replays less of the WAL).
    if (running())
        reap();
}

bool BackgroundSnapshot::stream(const raft::SnapshotMetadata &metadata, const QString &path,
                                Source source, QString *error)
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
    const int writeFd = fds[1];
    m_path = path;
    const FileNames names = fileNames(path);
    m_thread = std::thread([=, source = std::move(source)] {
        yieldToMember();
        const Report report = writeSnapshotFile(metadata, names, source);
        ssize_t n;
        do {
            n = ::write(writeFd, &report, sizeof report);
        } while (n < 0 && errno == EINTR);
        ::close(writeFd);
    });
    m_notifier = std::make_unique<QSocketNotifier>(m_readFd, QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &BackgroundSnapshot::onReported);
    return true;
}

void BackgroundSnapshot::onReported()
{
    // The report is written in one call just before the thread ends: one read takes it.
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

void BackgroundSnapshot::reap()
{
    if (m_thread.joinable())
        m_thread.join();
    m_notifier.reset();
    if (m_readFd >= 0)
        ::close(m_readFd);
    m_readFd = -1;
}

} // namespace node
