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
#include <condition_variable>
#include <cstring>
#include <ctime>
#include <deque>
#include <fcntl.h>
#include <mutex>
#include <sys/syscall.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace node {

// What the owner (producer) and the writer thread share for one snapshot. Everything under `mutex`.
struct BackgroundSnapshot::Handoff
{
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<QByteArray> full;   // produced, not yet taken: at most kDepth
    std::vector<QByteArray> spare; // emptied by the writer, for the producer to fill again
    bool last = false;             // the last piece is in `full` (and `patches` is set)
    bool abandoned = false;        // the writer gave up: produce nothing more
    bool parked = false;           // the producer stopped for want of room; the writer restarts it
    // The source once its last piece is produced, for the writer thread to destroy: what it
    // holds (the member's: the store's capture, with the subtrees removed while it lived) is
    // freed there rather than on the owner's thread.
    BackgroundSnapshot::Source retired;
    // The source's patches, set with `last`: ok, or errno says why not.
    QList<QPair<qint64, QByteArray>> patches;
    bool patchesOk = true;
    int patchErrno = 0;
};

namespace {

// The calling thread's processor time so far, in ns.
qint64 threadCpuNs()
{
    timespec ts{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

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
// the call acts on the calling thread alone). Not for the processor: it holds no lock, but
// falling behind would keep the store's capture, whose cost grows with every write while it
// lives, for longer.
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

// The writer's side of the handoff: waits for the next piece and swaps it into *piece (whose
// emptied buffer goes back to the producer); restarts a parked producer. False when the piece
// taken is the last one.
bool takePiece(BackgroundSnapshot::Handoff &h, QByteArray *piece,
               const std::function<void()> &restartProducer)
{
    std::unique_lock lock(h.mutex);
    h.changed.wait(lock, [&] { return !h.full.empty(); });
    piece->resize(0);
    h.spare.push_back(std::move(*piece));
    *piece = std::move(h.full.front());
    h.full.pop_front();
    h.changed.notify_all(); // room for the owner's destructor, which may be waiting for it
    const bool more = !(h.last && h.full.empty());
    if (h.parked) {
        h.parked = false;
        restartProducer();
    }
    return more;
}

// Writes the image behind room for the header in <tmp>, applies the source's patches, reads
// the data back for its checksum, writes the header, syncs, renames it over <path> and syncs
// <dir>. A failed write leaves no <tmp> behind, and tells the producer to stop.
Report writeSnapshotFile(const raft::SnapshotMetadata &metadata, const FileNames &names,
                         BackgroundSnapshot::Handoff &handoff,
                         const std::function<void()> &restartProducer)
{
    const QByteArray &path = names.path, &tmp = names.tmp, &dir = names.dir;
    Report report;
    const auto fail = [&](int stage) {
        if (report.stage == 0) {
            report.stage = stage;
            report.error = errno;
            const std::lock_guard lock(handoff.mutex);
            handoff.abandoned = true;
            handoff.changed.notify_all();
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
        more = takePiece(handoff, &piece, restartProducer);
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
    if (report.stage == 0) {
        bool patchesOk;
        {
            // Set by the producer with the last piece, which this thread has taken.
            const std::lock_guard lock(handoff.mutex);
            patches = std::move(handoff.patches);
            patchesOk = handoff.patchesOk;
            errno = handoff.patchErrno;
        }
        if (!patchesOk)
            fail(Write);
    }
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
    // replays less of the WAL): its remaining pieces are produced here, as the writer makes room.
    if (!running())
        return;
    while (true) {
        {
            std::unique_lock lock(m_handoff->mutex);
            m_handoff->changed.wait(lock, [&] {
                return m_handoff->abandoned || m_handoff->last ||
                       m_handoff->full.size() < size_t(kDepth);
            });
            m_handoff->parked = false; // a posted produce() would find this object gone
        }
        if (!produceOne())
            break;
    }
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
    m_source = std::move(source);
    m_handoff = std::make_shared<Handoff>();
    m_turns = {};
    // The writer restarts a producer that stopped for want of room by posting its next turn;
    // the writer ends before this object does (the destructor joins it), and a turn posted
    // during the destructor is discarded with the object.
    const auto restartProducer = [this] {
        QMetaObject::invokeMethod(this, &BackgroundSnapshot::produce, Qt::QueuedConnection);
    };
    m_thread = std::thread([=, handoff = m_handoff] {
        yieldToMember();
        const Report report = writeSnapshotFile(metadata, names, *handoff, restartProducer);
        {
            Source retired;
            {
                const std::lock_guard lock(handoff->mutex);
                retired = std::move(handoff->retired);
            }
        } // destroyed here, outside the lock, before the owner hears of the end
        ssize_t n;
        do {
            n = ::write(writeFd, &report, sizeof report);
        } while (n < 0 && errno == EINTR);
        ::close(writeFd);
    });
    m_notifier = std::make_unique<QSocketNotifier>(m_readFd, QSocketNotifier::Read);
    connect(m_notifier.get(), &QSocketNotifier::activated, this, &BackgroundSnapshot::onReported);
    QMetaObject::invokeMethod(this, &BackgroundSnapshot::produce, Qt::QueuedConnection);
    return true;
}

bool BackgroundSnapshot::produceOne()
{
    Handoff &h = *m_handoff;
    QByteArray piece;
    {
        const std::lock_guard lock(h.mutex);
        if (h.abandoned || h.last)
            return false;
        if (h.full.size() >= size_t(kDepth)) {
            h.parked = true;
            return false;
        }
        if (!h.spare.empty()) {
            piece = std::move(h.spare.back());
            h.spare.pop_back();
        }
    }
    const bool more = m_source.next(&piece);
    QList<QPair<qint64, QByteArray>> patches;
    bool patchesOk = true;
    int patchErrno = 0;
    if (!more && m_source.patches) {
        patchesOk = m_source.patches(&patches);
        patchErrno = errno;
    }
    const std::lock_guard lock(h.mutex);
    h.full.push_back(std::move(piece));
    if (!more) {
        h.retired = std::exchange(m_source, {});
        h.last = true;
        h.patches = std::move(patches);
        h.patchesOk = patchesOk;
        h.patchErrno = patchErrno;
    }
    h.changed.notify_all();
    return more && !h.abandoned;
}

void BackgroundSnapshot::produce()
{
    // Pieces for at most kTurnNs per turn of the owner's event loop, then whatever else is
    // waiting (an entry to apply, a read, a heartbeat) runs before the next turn. One piece
    // per turn made a snapshot of a million keys take twice as long on a busy member (a turn
    // of its loop lasts about a millisecond), and the capture's cost grows with its life.
    if (!m_handoff || !running())
        return;
    QElapsedTimer turn;
    turn.start();
    const qint64 cpuStart = threadCpuNs();
    bool more;
    while ((more = produceOne()) && turn.nsecsElapsed() < kTurnNs) {
    }
    m_turns.longestNs = qMax(m_turns.longestNs, turn.nsecsElapsed());
    m_turns.longestCpuNs = qMax(m_turns.longestCpuNs, threadCpuNs() - cpuStart);
    if (more)
        QMetaObject::invokeMethod(this, &BackgroundSnapshot::produce, Qt::QueuedConnection);
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
    // The source and its buffers go with the writer (the member's holds the store's capture).
    m_source = {};
    m_handoff.reset();
    m_notifier.reset();
    if (m_readFd >= 0)
        ::close(m_readFd);
    m_readFd = -1;
}

} // namespace node
