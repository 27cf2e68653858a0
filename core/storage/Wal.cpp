// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "storage/Wal.h"

#include "storage/DiskOps.h"
#include "storage/HexPairName.h"
#include "storage/StorageLogging.h"
#include "storage/WalReplay.h"
#include "storage/WalSegmentScan.h"
#include "storage/ZeroBytes.h"

#include "metrics/EtcdBuckets.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>

namespace storage {

namespace {

constexpr QLatin1StringView kSuffix(".wal");
constexpr QFile::Permissions kFilePermissions = QFile::ReadOwner | QFile::WriteOwner;

// Segment names found in dir, sorted by sequence number.
QList<HexPairName> listSegments(const QString &dir)
{
    QList<HexPairName> out;
    const QStringList names = QDir(dir).entryList({QStringLiteral("*.wal")}, QDir::Files);
    for (const QString &name : names) {
        if (auto parsed = HexPairName::parse(name, kSuffix))
            out.append(*parsed);
    }
    std::sort(out.begin(), out.end(),
              [](const HexPairName &a, const HexPairName &b) { return a.first < b.first; });
    return out;
}

// The first segment open() must read. With a fixed replay start (the snapshot the member
// loaded), a segment whose successor begins at or below start + 1 holds only entries the
// snapshot covers, and the successor's head repeats the newest metadata, marker and hard state:
// replay starts at the last segment that begins at or below start + 1, as etcd's wal.Open does.
// At a million keys the skipped segments were ~270 MB, about two seconds of a restart
// (issue 15). Without a fixed start (the WAL tool's check) every segment is read.
qsizetype firstToRead(const QList<HexPairName> &segments, std::optional<quint64> replayAfter)
{
    qsizetype first = 0;
    if (!replayAfter)
        return first;
    while (first + 1 < segments.size() && segments[first + 1].second <= *replayAfter + 1)
        ++first;
    return first;
}

// Reads a segment for open(): whole, or only as far as its records go. That is up to its last
// non-zero byte, padded with zeros to the end of the record that byte is in (records may end
// in zeros; WalSegmentScan::claimedEnd). The rest of a preallocated segment, up to 64 MiB of
// zeros a restarting member would hold in memory, is not read. *inPart: bytes were left out.
StorageResult readSegment(QFile &f, bool whole, QByteArray *bytes, bool *inPart)
{
    *inPart = false;
    if (whole)
        return DiskOps::readAll(f, bytes);
    qint64 dataEnd = 0;
    StorageResult r = DiskOps::sizeWithoutTrailingZeros(f, &dataEnd);
    if (r.ok())
        r = DiskOps::readAll(f, bytes, dataEnd);
    if (!r.ok())
        return r;
    const qint64 size = f.size();
    const qint64 needed = std::min<qint64>(size, WalSegmentScan::claimedEnd(*bytes));
    if (needed > bytes->size())
        bytes->append(qsizetype(needed - bytes->size()), '\0');
    *inPart = bytes->size() < size;
    return r;
}

QString absoluteClean(const QString &dir)
{
    return QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
}

} // namespace

QString Wal::Segment::fileName() const
{
    return HexPairName::format(sequence, firstIndex, kSuffix);
}

Wal::Wal(const QString &dir, const Options &options)
    : m_dir(dir), m_options(options), m_fsyncSeconds(metrics::buckets::diskSeconds())
{
}

Wal::~Wal() = default;

QString Wal::pathOf(const Segment &s) const
{
    return m_dir + u'/' + s.fileName();
}

QStringList Wal::segmentFiles() const
{
    QStringList out;
    for (const Segment &s : m_segments)
        out.append(s.fileName());
    return out;
}

QStringList Wal::segmentFilesIn(const QString &dir)
{
    QStringList out;
    for (const HexPairName &n : listSegments(dir))
        out.append(HexPairName::format(n.first, n.second, kSuffix));
    return out;
}

bool Wal::exists(const QString &dir)
{
    return !listSegments(dir).isEmpty();
}

Wal::Opened Wal::create(const QString &dir, const QByteArray &metadata, const Options &options)
{
    const QString path = absoluteClean(dir);
    if (exists(path))
        return {StorageResult::failure(StorageStatus::AlreadyExists,
                                       tr("WAL directory %1 already holds a WAL").arg(path)),
                nullptr};
    const QString parent = QFileInfo(path).path();
    const QString tmp = path + QStringLiteral(".tmp");
    // A leftover from a create() that crashed: it never became the WAL, so it holds nothing.
    QDir(tmp).removeRecursively();
    for (const QString &d : {parent, tmp}) {
        const StorageResult r = DiskOps::makePrivateDirs(d);
        if (!r.ok())
            return {r, nullptr};
    }

    std::unique_ptr<Wal> wal(new Wal(path, options));
    const Segment first{0, 0};
    qint64 headBytes = 0;
    {
        QFile f;
        QByteArray head;
        WalRecord{WalRecordType::Metadata, metadata}.appendTo(head);
        StorageResult r = DiskOps::createFile(f, tmp + u'/' + first.fileName(), true);
        if (r.ok()) {
            preallocate(f, options);
            r = DiskOps::writeAll(f, head);
        }
        if (r.ok())
            r = DiskOps::dataSync(f);
        if (r.ok())
            r = DiskOps::syncDirectory(tmp);
        if (!r.ok()) {
            f.close();
            QDir(tmp).removeRecursively(); // never half a WAL, and no space held by one
            return {r, nullptr};
        }
        headBytes = head.size();
    }
    // An empty directory (made by an operator for --wal-dir, say) gives way to the new WAL;
    // anything else in it is not ours to delete.
    if (QFileInfo::exists(path) && !QDir().rmdir(path))
        return {StorageResult::failure(StorageStatus::AlreadyExists,
                                       tr("WAL directory %1 exists and is not empty").arg(path)),
                nullptr};
    if (!QDir().rename(tmp, path))
        return {StorageResult::failure(StorageStatus::IoError,
                                       tr("cannot rename %1 to %2").arg(tmp, path)),
                nullptr};
    const StorageResult r = DiskOps::syncDirectory(parent);
    if (!r.ok())
        return {r, nullptr};

    wal->m_segments = {first};
    wal->m_metadata = metadata;
    wal->m_file.setFileName(wal->pathOf(first));
    // Read-write, not append: the next record goes right after the head, before the zeros of
    // a preallocated segment (WriteOnly alone would truncate).
    if (!wal->m_file.open(QIODevice::ReadWrite | QIODevice::Unbuffered) ||
        !wal->m_file.seek(headBytes))
        return {
            StorageResult::failure(
                StorageStatus::IoError,
                tr("cannot open %1: %2").arg(wal->m_file.fileName(), wal->m_file.errorString())),
            nullptr};
    wal->m_fileBytes = headBytes;
    qCInfo(lcStorage) << "created WAL in" << path;
    return {StorageResult::success(), std::move(wal)};
}

Wal::Opened Wal::open(const QString &dir, ReadOut *out, const Options &options)
{
    const QString path = absoluteClean(dir);
    const QList<HexPairName> names = listSegments(path);
    if (names.isEmpty())
        return {
            StorageResult::failure(StorageStatus::NotFound, tr("no WAL segments in %1").arg(path)),
            nullptr};
    std::unique_ptr<Wal> wal(new Wal(path, options));
    for (const HexPairName &n : names)
        wal->m_segments.append(Segment{n.first, n.second});
    for (qsizetype i = 1; i < wal->m_segments.size(); ++i) {
        if (wal->m_segments[i].sequence != wal->m_segments[i - 1].sequence + 1)
            return {StorageResult::failure(StorageStatus::Corrupt,
                                           tr("WAL segments are missing between %1 and %2")
                                               .arg(wal->pathOf(wal->m_segments[i - 1]),
                                                    wal->pathOf(wal->m_segments[i]))),
                    nullptr};
    }

    // Segments are first read only as far as their records go (readSegment), leaving a
    // preallocated segment's zeros on disk. Should a segment so read not scan Clean, the
    // whole WAL is read again, every byte, so that damage is judged on all of it.
    std::optional<WalReplay> replay;
    QByteArray metadata;
    bool haveMetadata = false;
    WalSegmentScan::Outcome tail;
    qsizetype tornEnd = 0; // a torn tail: where its unfinished write ends
    for (const bool whole : {false, true}) {
        replay.emplace(options.replayAfter);
        metadata.clear();
        haveMetadata = false;
        tail = {};
        bool readAgain = false;
        for (qsizetype i = firstToRead(names, options.replayAfter); i < wal->m_segments.size();
             ++i) {
            const QString file = wal->pathOf(wal->m_segments[i]);
            QFile f(file);
            if (!f.open(QIODevice::ReadOnly))
                return {StorageResult::failure(StorageStatus::IoError,
                                               tr("cannot open %1: %2").arg(file, f.errorString())),
                        nullptr};
            QByteArray bytes;
            bool inPart = false;
            if (const StorageResult r = readSegment(f, whole, &bytes, &inPart); !r.ok())
                return {r, nullptr};

            bool firstRecord = true;
            auto onRecord = [&](const WalRecord &r, qsizetype) -> QString {
                if (std::exchange(firstRecord, false) && r.type != WalRecordType::Metadata)
                    return tr("segment does not begin with a metadata record");
                switch (r.type) {
                case WalRecordType::Metadata:
                    if (!haveMetadata) {
                        metadata = QByteArray(r.payload.constData(), r.payload.size());
                        haveMetadata = true;
                    } else if (r.payload != metadata) {
                        return tr("metadata differs from the oldest segment's");
                    }
                    return {};
                case WalRecordType::HardState: {
                    const auto hs = raft::HardState::decode(r.payload);
                    if (!hs)
                        return tr("undecodable hard state");
                    replay->addHardState(*hs);
                    return {};
                }
                case WalRecordType::Entry: {
                    auto entry = raft::Entry::decode(r.payload);
                    if (!entry)
                        return tr("undecodable entry");
                    entry->data.detach(); // must not alias the segment buffer
                    return replay->addEntry(*entry);
                }
                case WalRecordType::SnapshotMarker: {
                    SnapshotMarker m;
                    if (!WalRecord::decodeMarker(r.payload, &m.index, &m.term))
                        return tr("undecodable snapshot marker");
                    replay->addMarker(m);
                    return {};
                }
                }
                return tr("unknown record type");
            };
            const bool isLast = i == wal->m_segments.size() - 1;
            const WalSegmentScan::Outcome outcome = WalSegmentScan::scan(bytes, isLast, onRecord);
            if (outcome.end != WalSegmentScan::End::Clean && inPart) {
                readAgain = true;
                break;
            }
            if (out && outcome.end != WalSegmentScan::End::Clean) {
                out->damagedSegment = i;
                out->damagedFile = file;
                out->damagedOffset = outcome.badOffset;
                out->tornTail = outcome.end == WalSegmentScan::End::TornTail;
            }
            if (outcome.end == WalSegmentScan::End::Corrupt)
                return {StorageResult::failure(StorageStatus::Corrupt,
                                               tr("corrupt WAL record in %1 at offset %2: %3")
                                                   .arg(file)
                                                   .arg(outcome.badOffset)
                                                   .arg(outcome.reason)),
                        nullptr};
            if (isLast) {
                tail = outcome;
                if (outcome.end == WalSegmentScan::End::TornTail) {
                    // Where the unfinished write ends: its last written byte, or further if
                    // its record claims more (sectors lost to zeros). Zeros after that were
                    // never written: a preallocated segment's unused space.
                    const qsizetype written =
                        lengthWithoutTrailingZeros(bytes.constData(), bytes.size());
                    tornEnd = std::clamp(WalSegmentScan::claimedEnd(QByteArray::fromRawData(
                                             bytes.constData(), written)), // no copy
                                         written, bytes.size());
                }
            }
        }
        if (!readAgain)
            break;
    }
    if (!haveMetadata)
        return {StorageResult::failure(StorageStatus::Corrupt,
                                       tr("corrupt WAL record in %1 at offset 0: no readable "
                                          "metadata record in the WAL")
                                           .arg(wal->pathOf(wal->m_segments.first()))),
                nullptr};
    const qint64 lastSegmentBytes = QFileInfo(wal->pathOf(wal->m_segments.last())).size();
    const QString missing = replay->finish();
    if (!missing.isEmpty())
        return {StorageResult::failure(StorageStatus::MissingEntries,
                                       tr("WAL in %1 cannot be replayed: %2").arg(path, missing)),
                nullptr};

    // Everything checked out: only now touch the disk.
    QString warning;
    if (tail.end == WalSegmentScan::End::TornTail) {
        const Segment last = wal->m_segments.last();
        const QString file = wal->pathOf(last);
        const qint64 size = QFileInfo(file).size();
        const qint64 unfinished = std::min<qint64>(tornEnd, size) - tail.goodBytes;
        if (tornEnd < size) {
            warning = (options.readOnly
                           ? tr("WAL %1 ends in a torn record at offset %2 (%3); a restart "
                                "truncates the unfinished write of %4 bytes from a crash, and "
                                "%5 bytes of zeros after it")
                           : tr("WAL %1 ended in a torn record at offset %2 (%3); truncated the "
                                "unfinished write of %4 bytes from a crash, and %5 bytes of "
                                "zeros after it"))
                          .arg(file)
                          .arg(tail.badOffset)
                          .arg(tail.reason)
                          .arg(unfinished)
                          .arg(size - tornEnd);
        } else {
            warning =
                (options.readOnly
                     ? tr("WAL %1 ends in a torn record at offset %2 (%3); a restart truncates "
                          "the last %4 bytes, an unfinished write from a crash")
                     : tr("WAL %1 ended in a torn record at offset %2 (%3); truncated the last "
                          "%4 bytes, an unfinished write from a crash"))
                    .arg(file)
                    .arg(tail.badOffset)
                    .arg(tail.reason)
                    .arg(unfinished);
        }
        if (!options.readOnly)
            qCWarning(lcStorage).noquote() << warning;
        StorageResult r;
        if (options.readOnly) {
            // Checking only: the caller reports it.
        } else if (tail.goodBytes == 0) {
            // Nothing of this segment was ever synced; it would be a segment without a head.
            if (!QFile::remove(file))
                r = StorageResult::failure(StorageStatus::IoError,
                                           tr("cannot remove %1").arg(file));
            else
                r = DiskOps::syncDirectory(path);
            wal->m_segments.removeLast();
        } else {
            QFile f(file);
            if (!f.open(QIODevice::ReadWrite) || !f.resize(tail.goodBytes))
                r = StorageResult::failure(StorageStatus::IoError,
                                           tr("cannot truncate %1: %2").arg(file, f.errorString()));
            else
                r = DiskOps::dataSync(f);
        }
        if (!r.ok())
            return {r, nullptr};
    } else if (!options.readOnly && tail.goodBytes < lastSegmentBytes) {
        // The newest segment was preallocated; the next write starts another one, so its
        // zeros only hold disk space.
        QFile f(wal->pathOf(wal->m_segments.last()));
        if (f.open(QIODevice::ReadWrite))
            cutPreallocatedTail(f, tail.goodBytes);
    }

    wal->m_metadata = metadata;
    wal->m_durable = {replay->hardState(), replay->lastMarker(), replay->lastIndex()};
    wal->m_next = wal->m_durable;
    // The next write starts a fresh segment whose head repeats metadata, marker and hard state.
    if (out) {
        out->metadata = metadata;
        out->hardState = replay->hardState();
        out->lastMarker = replay->lastMarker();
        out->replayedAfter = replay->startIndex();
        out->entries = replay->takeEntries();
        out->tornTailTruncated = tail.end == WalSegmentScan::End::TornTail && !options.readOnly;
        out->warning = warning;
    }
    return {StorageResult::success(), std::move(wal)};
}

void Wal::append(const raft::HardState &hardState, const QList<raft::Entry> &entries)
{
    for (const raft::Entry &e : entries) {
        m_pending.append(WalRecord{WalRecordType::Entry, e.encode()});
        m_next.lastIndex = e.index; // later indexes, if any, are overwritten
    }
    // After the entries, so a hard state on disk never commits an index that is not there.
    if (!hardState.isEmpty()) {
        m_pending.append(WalRecord{WalRecordType::HardState, hardState.encode()});
        m_next.hardState = hardState;
    }
}

void Wal::appendSnapshotMarker(const SnapshotMarker &marker)
{
    m_pending.append(WalRecord{WalRecordType::SnapshotMarker,
                               WalRecord::encodeMarker(marker.index, marker.term)});
    m_next.marker = marker;
    m_next.lastIndex = std::max(m_next.lastIndex, marker.index);
}

void Wal::appendHead(QByteArray &out) const
{
    WalRecord{WalRecordType::Metadata, m_metadata}.appendTo(out);
    const SnapshotMarker &m = m_durable.marker;
    if (!m.isEmpty())
        WalRecord{WalRecordType::SnapshotMarker, WalRecord::encodeMarker(m.index, m.term)}.appendTo(
            out);
    if (!m_durable.hardState.isEmpty())
        WalRecord{WalRecordType::HardState, m_durable.hardState.encode()}.appendTo(out);
}

void Wal::preallocate(QFileDevice &file, const Options &options)
{
    if (!options.preallocate)
        return;
    QString why;
    if (DiskOps::preallocate(file, options.segmentBytes, &why))
        return;
    // Not worth more than a debug line: the segment works as well, its writes only extend it.
    qCDebug(lcStorage).noquote() << "cannot preallocate" << options.segmentBytes << "bytes for"
                                 << file.fileName() << "(" << why << "); it grows by appends";
}

void Wal::cutPreallocatedTail(QFileDevice &file, qint64 size)
{
    // Not synced: if a crash undoes the cut, the zeros read back as the segment's end again.
    const StorageResult r = DiskOps::truncate(file, size);
    if (!r.ok())
        qCWarning(lcStorage).noquote()
            << "cannot give back the preallocated end of a WAL segment:" << r.error;
}

StorageResult Wal::startSegment(QByteArray &head)
{
    const Segment next{m_segments.isEmpty() ? 0 : m_segments.last().sequence + 1,
                       m_durable.lastIndex + 1};
    // The file is longer than its records only when it was preallocated: zeros follow them.
    if (m_file.isOpen() && m_file.size() > m_fileBytes)
        cutPreallocatedTail(m_file, m_fileBytes);
    const StorageResult r = DiskOps::createFile(m_file, pathOf(next), true);
    if (!r.ok())
        return r;
    preallocate(m_file, m_options);
    m_segments.append(next);
    m_fileBytes = 0;
    appendHead(head);
    qCDebug(lcStorage) << "started WAL segment" << m_file.fileName();
    return StorageResult::success();
}

StorageResult Wal::undoUnsyncedWrite(const StorageResult &cause, bool newSegment)
{
    StorageResult r;
    if (newSegment) {
        // The segment was created by this sync: remove it, so that the retry starts it again
        // (with its head) and no segment without a head is left for a restart to read.
        const QString file = m_file.fileName();
        m_file.close();
        m_segments.removeLast();
        if (!QFile::remove(file))
            r = StorageResult::failure(StorageStatus::IoError, tr("cannot remove %1").arg(file));
        else
            r = DiskOps::syncDirectory(m_dir);
    } else {
        // Back to the end of the last synced record: the retry appends exactly there. A
        // preallocated segment loses its zeros too, and grows by appends from here on.
        r = DiskOps::truncate(m_file, m_fileBytes);
    }
    if (!r.ok())
        return fail(r);
    // Debug only: the caller retries and logs at a bounded rate (WalWriter).
    qCDebug(lcStorage).noquote() << "WAL write found no space; nothing of it was kept:"
                                 << cause.error;
    return cause;
}

StorageResult Wal::fail(const StorageResult &r)
{
    m_failure = r;
    qCCritical(lcStorage).noquote() << "WAL write failed, refusing further writes:" << r.error;
    return r;
}

StorageResult Wal::sync()
{
    if (m_failure)
        return *m_failure;
    if (m_pending.isEmpty())
        return StorageResult::success();

    for (const WalRecord &r : std::as_const(m_pending)) {
        // The reader would take such a length for damage; refuse before anything is written.
        if (quint64(r.payload.size()) > WalRecord::kMaxPayloadBytes)
            return fail(StorageResult::failure(
                StorageStatus::IoError, tr("WAL record of %1 bytes exceeds the limit of %2 bytes")
                                            .arg(r.payload.size())
                                            .arg(WalRecord::kMaxPayloadBytes)));
    }
    QByteArray buffer;
    const bool newSegment = !m_file.isOpen() || m_fileBytes >= m_options.segmentBytes;
    if (newSegment) {
        const StorageResult r = startSegment(buffer);
        if (r.status == StorageStatus::NoSpace)
            return r; // nothing was created; m_pending is kept for the retry
        if (!r.ok())
            return fail(r);
    }
    qsizetype total = buffer.size();
    for (const WalRecord &r : std::as_const(m_pending))
        total += r.encodedSize();
    buffer.reserve(total);
    for (const WalRecord &r : std::as_const(m_pending))
        r.appendTo(buffer);

    StorageResult r = DiskOps::writeAll(m_file, buffer);
    if (r.status == StorageStatus::NoSpace)
        return undoUnsyncedWrite(r, newSegment);
    if (!r.ok())
        return fail(r);
    // Whatever fdatasync says (ENOSPC included) is final: see fail().
    QElapsedTimer fsyncClock;
    fsyncClock.start();
    r = DiskOps::dataSync(m_file);
    m_fsyncSeconds.Observe(double(fsyncClock.nsecsElapsed()) / 1e9);
    // etcd's "slow fdatasync" warning, at its 1 s: every write waits for this sync.
    if (const qint64 syncMs = fsyncClock.elapsed(); syncMs >= 1000)
        qCWarning(lcStorage).noquote()
            << tr("slow fdatasync of the WAL in %1: %2 ms, expected less than 1000 ms; every write "
                  "waits for it")
                   .arg(m_dir)
                   .arg(syncMs);
    if (r.ok() && newSegment)
        r = DiskOps::syncDirectory(m_dir);
    if (!r.ok())
        return fail(r);
    m_syncCount.fetch_add(1, std::memory_order_relaxed);

    m_fileBytes += buffer.size();
    m_durable = m_next;
    m_pending.clear();
    return StorageResult::success();
}

StorageResult Wal::save(const raft::HardState &hardState, const QList<raft::Entry> &entries)
{
    append(hardState, entries);
    return sync();
}

StorageResult Wal::saveSnapshotMarker(const SnapshotMarker &marker)
{
    appendSnapshotMarker(marker);
    return sync();
}

StorageResult Wal::purge(int maxFiles, quint64 snapshotIndex, QStringList *removed)
{
    if (maxFiles <= 0)
        return StorageResult::success();
    // Replay after a restart starts at the newest durable marker, so nothing beyond it may go.
    const quint64 bound = std::min(snapshotIndex, m_durable.marker.index);
    bool any = false;
    while (m_segments.size() > maxFiles && m_segments.size() >= 2 &&
           m_segments[1].firstIndex <= bound + 1) {
        const QString file = pathOf(m_segments.first());
        if (!QFile::remove(file) && QFileInfo::exists(file))
            return StorageResult::failure(StorageStatus::IoError, tr("cannot remove %1").arg(file));
        if (removed)
            removed->append(m_segments.first().fileName());
        qCInfo(lcStorage) << "purged WAL segment" << file;
        m_segments.removeFirst();
        any = true;
    }
    return any ? DiskOps::syncDirectory(m_dir) : StorageResult::success();
}

} // namespace storage
