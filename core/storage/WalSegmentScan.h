// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "storage/WalRecord.h"

#include <functional>

namespace storage {

// Walks the records of one WAL segment held in memory and decides how the segment ends.
// This is where the recovery rule lives:
//  - Clean: every byte belongs to a valid record, or the valid records are followed by
//    nothing but zero bytes: the rest of the space Wal preallocates for a segment (etcd's
//    decoder, too, stops at a zero length). goodBytes is then where the zeros begin. No record
//    we write is all zeros (its type byte is never 0), so no record is mistaken for them.
//  - TornTail: only for the last segment, and only for what a crash in the middle of an
//    append leaves behind: the first unreadable record is cut short by the end of the file
//    (incomplete header or payload), or it is complete but one of its 512-byte sectors reads
//    back as all zeros (a sector of the write that never landed; etcd's isTornEntry), and no
//    intact record follows anywhere in the rest of the file. The caller truncates the file at
//    goodBytes. That data was never synced, so it was never acknowledged.
//  - Corrupt: anything else — damage in a segment that was complete before the next one
//    was started, damage followed by an intact record (so data after it would be lost), a
//    complete last record whose checksum does not match although every sector of it was
//    written (a synced record, perhaps a vote or an acknowledged entry, damaged on disk), an
//    impossible length field (above kMaxPayloadBytes), a last record whose length field points
//    past the end of the file although the checksum matches the bytes that are there, or an
//    intact record we cannot understand (reserved bits, unknown type, or content that
//    onRecord rejects). The caller stops with badOffset and a reason that names the record
//    kind its header gives.
// Pure: works on bytes, no I/O.
class WalSegmentScan
{
public:
    enum class End { Clean, TornTail, Corrupt };
    // The unit a disk writes atomically, at worst: the torn-write rule looks for whole
    // sectors of zeros.
    static constexpr qsizetype kSectorBytes = 512;
    struct Outcome
    {
        End end = End::Clean;
        qsizetype goodBytes = 0;  // bytes of valid records from the start of the file
        qsizetype badOffset = -1; // where the first bad record starts (TornTail, Corrupt)
        QString reason;
    };
    // Returns an empty string to accept the record, or why its content is corrupt.
    using RecordHandler = std::function<QString(const WalRecord &record, qsizetype offset)>;

    static Outcome scan(const QByteArray &bytes, bool isLastSegment, const RecordHandler &onRecord);

    // Where the records of a segment's first bytes claim to end: follows the length fields
    // from offset 0 (checking nothing else) to the first record that does not end within
    // bytes, and returns its end, or bytes.size() if they all do. Wal::open reads a segment
    // up to its last non-zero byte and pads it with zeros to here; the rest of the file,
    // zeros, cannot change what scan() finds when it finds the segment Clean.
    static qsizetype claimedEnd(const QByteArray &bytes);

    // Offset of the first intact record we could have written at or after from, or -1.
    static qsizetype findIntactRecord(const QByteArray &bytes, qsizetype from);
};

} // namespace storage
