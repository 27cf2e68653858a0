// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "storage/WalSegmentScan.h"

#include "storage/ZeroBytes.h"

#include <QCoreApplication>

#include <algorithm>

namespace storage {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("storage::WalSegmentScan", text);
}

// "<kind>: <problem>" for the unreadable record at pos, when its header is there to name it.
QString describeAt(const QByteArray &bytes, qsizetype pos, WalRecord::Parse p)
{
    const QString problem = WalRecord::describe(p);
    if (bytes.size() - pos < WalRecord::kHeaderBytes)
        return problem;
    return WalRecord::kindName(WalRecord::typeByte(bytes.constData() + pos)) +
           QStringLiteral(": ") + problem;
}

// Applies the torn-write rule to the unreadable last record at pos (nothing intact after it).
// Returns an empty string if a crash in the middle of the append explains it, otherwise why
// it cannot be one (appended to the description of the damage).
QString notTornBecause(const QByteArray &bytes, qsizetype pos, WalRecord::Parse p)
{
    const char *data = bytes.constData() + pos;
    const qsizetype rest = bytes.size() - pos;
    if (p == WalRecord::Parse::ImpossibleLength) {
        // No record we write has such a length, and a sector that never landed reads back as
        // zeros, which can only make a length smaller: this header is damage.
        return tr("; no record is ever written with such a length, so this is not an "
                  "unfinished write");
    }
    if (p == WalRecord::Parse::Incomplete) {
        // The header claims more bytes than the file has: cut short, unless the bytes that are
        // there verify as one whole record under a corrected length.
        if (WalRecord::checksumMatchesWithLength(data, rest))
            return tr("; its checksum matches the %1 bytes up to the end of the file, so the "
                      "record is complete and its length field is damaged")
                .arg(rest);
        return {};
    }
    if (p != WalRecord::Parse::BadChecksum)
        return tr("; not an unfinished write");
    // A complete record with a checksum mismatch is torn only if some sector of it never
    // reached the disk; such a sector reads back as zeros (etcd's isTornEntry).
    const qsizetype end = pos + WalRecord::kHeaderBytes + WalRecord::lengthField(data);
    for (qsizetype from = pos; from < end;) {
        const qsizetype to =
            std::min(end, (from / WalSegmentScan::kSectorBytes + 1) * WalSegmentScan::kSectorBytes);
        const char *chunk = bytes.constData() + from;
        if (std::all_of(chunk, chunk + (to - from), [](char c) { return c == 0; }))
            return {};
        from = to;
    }
    return tr("; the record is complete and none of its sectors reads back as zeros, so "
              "it was damaged on disk after it was written, not cut short by a crash");
}

} // namespace

WalSegmentScan::Outcome WalSegmentScan::scan(const QByteArray &bytes, bool isLastSegment,
                                             const RecordHandler &onRecord)
{
    const char *data = bytes.constData();
    const qsizetype size = bytes.size();
    qsizetype pos = 0;
    while (pos < size) {
        WalRecord record;
        qsizetype n = 0;
        const WalRecord::Parse p = WalRecord::parse(data + pos, size - pos, &record, &n);
        if (p == WalRecord::Parse::Ok) {
            const QString problem = onRecord(record, pos);
            if (!problem.isEmpty())
                return {End::Corrupt, pos, pos, problem};
            pos += n;
            continue;
        }
        if (isAllZero(data + pos, size - pos)) // preallocated space never written to
            return {End::Clean, pos, -1, {}};
        const QString what = describeAt(bytes, pos, p);
        if (WalRecord::isIntact(p) || !isLastSegment)
            return {End::Corrupt, pos, pos, what};
        const qsizetype next = findIntactRecord(bytes, pos + 1);
        if (next >= 0)
            return {End::Corrupt, pos, pos,
                    tr("%1, but an intact record follows at offset %2, so this is not an "
                       "unfinished write")
                        .arg(what)
                        .arg(next)};
        const QString damage = notTornBecause(bytes, pos, p);
        if (!damage.isEmpty())
            return {End::Corrupt, pos, pos, what + damage};
        return {End::TornTail, pos, pos, what};
    }
    return {End::Clean, size, -1, {}};
}

qsizetype WalSegmentScan::claimedEnd(const QByteArray &bytes)
{
    const qsizetype size = bytes.size();
    qsizetype pos = 0;
    while (pos < size) {
        if (size - pos < WalRecord::kHeaderBytes)
            return pos + WalRecord::kHeaderBytes; // the rest of the header is zeros
        const quint32 length = WalRecord::lengthField(bytes.constData() + pos);
        if (length > WalRecord::kMaxPayloadBytes)
            return size; // damage: scan() says so without more bytes
        const qsizetype end = pos + WalRecord::kHeaderBytes + qsizetype(length);
        if (end > size)
            return end;
        pos = end;
    }
    return size;
}

qsizetype WalSegmentScan::findIntactRecord(const QByteArray &bytes, qsizetype from)
{
    const char *data = bytes.constData();
    const qsizetype size = bytes.size();
    for (qsizetype off = from; off + WalRecord::kHeaderBytes <= size; ++off) {
        // Cheap filter before the CRC: every record we write has zero reserved bytes and a
        // known type, so random bytes almost never get as far as a checksum over a long length.
        const char *h = data + off;
        const quint8 type = quint8(h[4]);
        if (h[5] != 0 || h[6] != 0 || h[7] != 0 || type < quint8(WalRecordType::Metadata) ||
            type > quint8(WalRecordType::SnapshotMarker))
            continue;
        if (WalRecord::parse(h, size - off, nullptr, nullptr) == WalRecord::Parse::Ok)
            return off;
    }
    return -1;
}

} // namespace storage
