#pragma once

#include "storage/WalRecord.h"

#include <functional>

namespace storage {

// Walks the records of one WAL segment held in memory and decides how the segment ends.
// This is where the recovery rule lives:
//  - Clean: every byte belongs to a valid record.
//  - TornTail: only for the last segment. The first unreadable record (incomplete, impossible
//    length or CRC mismatch) is followed by no intact record anywhere in the rest of the file,
//    which is what a crash in the middle of an append leaves behind (a prefix, or a prefix
//    plus zeros/garbage). The caller truncates the file at goodBytes.
//  - Corrupt: anything else — damage in a segment that was complete before the next one was
//    started, damage followed by an intact record (so data after it would be lost), or an
//    intact record we cannot understand (reserved bits, unknown type, or content that
//    onRecord rejects). The caller stops with badOffset and reason.
// Pure: works on bytes, no I/O.
class WalSegmentScan
{
public:
    enum class End { Clean, TornTail, Corrupt };
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

    // Offset of the first intact record we could have written at or after from, or -1.
    static qsizetype findIntactRecord(const QByteArray &bytes, qsizetype from);
};

} // namespace storage
