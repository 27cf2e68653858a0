// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "storage/StorageResult.h"

#include <QString>

#include <functional>

class QFile;
class QFileDevice;

namespace storage {

// The few durability operations Qt does not offer: fdatasync of an open file (QFileDevice has
// no sync call, and QSaveFile::commit ignores sync errors), fsync of a directory so that a
// created, renamed or deleted name survives a crash, directory creation with 0700
// permissions for every missing component, and reads and writes whose failure says why
// (readAll also advises its buffer as huge pages: files read whole at start-up are large).
//
// Errors name the path and carry strerror's text ("No space left on device"), never
// QFileDevice::errorString(): Qt reports a short write (what a filling disk produces first)
// without setting any error, so its text is "Unknown error". A full file system or quota
// (ENOSPC, EDQUOT) while creating or writing a file comes back as NoSpace, everything else as
// IoError. A failed fdatasync/fsync is always IoError, whatever errno says: after it the
// kernel may have dropped the dirty pages, so the write must never be retried as if they were
// still there (the "fsyncgate" lesson).
// Stateless; callable from any thread.
class DiskOps
{
public:
    // NoSpace for ENOSPC and EDQUOT, IoError otherwise.
    static StorageStatus statusForErrno(int err);
    static QString errnoText(int err);

    // Creates path (0600) and opens file on it write-only and unbuffered. exclusive: fail if
    // it exists (O_EXCL); otherwise an existing file is truncated.
    static StorageResult createFile(QFile &file, const QString &path, bool exclusive);
    // Writes all of data at the file's current offset with write(2), carrying on after short
    // writes; the file must be unbuffered (or flushed). On failure an unknown prefix of data
    // may be in the file: the caller cuts it off (truncate()) or removes the file.
    static StorageResult writeAll(QFileDevice &file, const QByteArray &data);
    // Reads the rest of an open file (from its offset to the size it has now) into *out with
    // read(2), carrying on after short reads; a file that shrinks meanwhile yields what was
    // there. A buffer of 2 MiB or more is advised as transparent huge pages first (Linux):
    // snapshots and WAL segments are read once at start-up, hundreds of MB, and on virtual
    // machines the first touch of every 4 KiB page traps. Measured on our test host with a
    // 296 MB snapshot: read + CRC 1.44 s with 4 KiB pages, 0.55 s with 2 MiB pages.
    // maxBytes >= 0 reads at most that many.
    static StorageResult readAll(QFileDevice &file, QByteArray *out, qint64 maxBytes = -1);
    // The file's size without the zero bytes it ends in (a preallocated file's unwritten
    // space), found by reading backwards from the end 1 MiB at a time.
    static StorageResult sizeWithoutTrailingZeros(QFileDevice &file, qint64 *size);
    // Cuts the file back to size bytes and moves its offset there.
    static StorageResult truncate(QFileDevice &file, qint64 size);
    // Gives the disk space of [offset, offset + length) back to the file system, the file's
    // size unchanged and the range reading as zeros from then on (a hole: Linux fallocate
    // FALLOC_FL_PUNCH_HOLE). False where the file system cannot (the space then stays in use);
    // the file must be open for writing.
    static bool releaseRange(QFileDevice &file, qint64 offset, qint64 length);
    // Reserves the disk space of the first size bytes of the file and makes it that long, the
    // new bytes reading as zeros (Linux fallocate, mode 0; etcd's Preallocate with extend).
    // Overwriting reserved space leaves the file's size alone, so fdatasync need not write the
    // inode each time: on our ext4 test host a 300-byte write + fdatasync took 0.18 ms at the
    // end of a file and 0.12 ms inside a preallocated one (5,000 of each), and a member's WAL
    // syncs took 8 to 30% less time (bench/fsync-ab.sh). False, with errno's
    // text in *why, where the file system cannot (ENOTSUP) or has no room; the file is then
    // unchanged.
    static bool preallocate(QFileDevice &file, qint64 size, QString *why);
    // Writes data to path atomically: into path + ".tmp", fdatasynced, renamed over path, then
    // the directory fsynced; a reader sees no file, the old one or the complete new one. On any
    // failure the temporary file is removed (a full disk keeps no half-written file) and path
    // is untouched. beforeCommit (a test seam) runs before the rename; false abandons the write.
    static StorageResult writeFileAtomically(const QString &path, const QByteArray &data,
                                             const std::function<bool()> &beforeCommit = {});
    // Makes the complete, synced file `from` visible as `to` (same file system): renamed over
    // it, then to's directory fsynced. The last step of writeFileAtomically(), for a file
    // written some other way (a snapshot received from the leader).
    static StorageResult commitFile(const QString &from, const QString &to);

    static StorageResult dataSync(QFileDevice &file);
    static StorageResult syncDirectory(const QString &dir);
    // Creates dir and any missing parents with owner-only permissions; existing ones are kept.
    static StorageResult makePrivateDirs(const QString &dir);
};

} // namespace storage
