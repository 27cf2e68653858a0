// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Reading a WAL segment back at start-up (core/storage): WalRecord::parse on
// every record, WalSegmentScan's torn-tail/corruption rule, and the decoding
// of each record's content into WalReplay, as Wal::open does. A disk is not
// hostile, but it can hold anything after a crash or damage, and recovery
// must neither crash nor accept damage as data.
//
// Input: flags byte (bit 0: last segment, bit 1: frame the records), then
//  - raw mode: the segment bytes as they are (the fuzzer rarely gets a CRC right);
//  - framed mode: records as type byte, u8 length, payload, each framed here with
//    a valid checksum; then the damage to apply: a byte count to cut off the end,
//    and pairs (position, xor) of bytes to flip.
#include "FuzzInput.h"
#include "raft/Entry.h"
#include "raft/HardState.h"
#include "storage/WalRecord.h"
#include "storage/WalReplay.h"
#include "storage/WalSegmentScan.h"

using namespace storage;

namespace {

// What Wal::open does with each record's content (its onRecord): the first record
// is the metadata, later metadata must repeat it, the rest decode into the replay.
struct Reader
{
    WalReplay replay{std::nullopt};
    bool firstRecord = true;
    QByteArray metadata;

    QString onRecord(const WalRecord &r)
    {
        if (std::exchange(firstRecord, false) && r.type != WalRecordType::Metadata)
            return QStringLiteral("segment does not begin with a metadata record");
        switch (r.type) {
        case WalRecordType::Metadata:
            if (metadata.isNull())
                metadata = QByteArray(r.payload.constData(), r.payload.size());
            else if (r.payload != metadata)
                return QStringLiteral("metadata differs");
            return {};
        case WalRecordType::HardState: {
            const auto hs = raft::HardState::decode(r.payload);
            if (!hs)
                return QStringLiteral("undecodable hard state");
            FUZZ_CHECK(raft::HardState::decode(hs->encode()) == hs);
            replay.addHardState(*hs);
            return {};
        }
        case WalRecordType::Entry: {
            auto entry = raft::Entry::decode(r.payload);
            if (!entry)
                return QStringLiteral("undecodable entry");
            entry->data.detach();
            FUZZ_CHECK(raft::Entry::decode(entry->encode()) == entry);
            return replay.addEntry(*entry);
        }
        case WalRecordType::SnapshotMarker: {
            SnapshotMarker m;
            if (!WalRecord::decodeMarker(r.payload, &m.index, &m.term))
                return QStringLiteral("undecodable snapshot marker");
            FUZZ_CHECK(WalRecord::encodeMarker(m.index, m.term) == r.payload);
            replay.addMarker(m);
            return {};
        }
        }
        return QStringLiteral("unknown record type");
    }
};

WalSegmentScan::Outcome scanWith(Reader &reader, const QByteArray &bytes, bool isLast)
{
    return WalSegmentScan::scan(bytes, isLast, [&](const WalRecord &r, qsizetype offset) {
        FUZZ_CHECK(offset >= 0 && offset + r.encodedSize() <= bytes.size());
        return reader.onRecord(r);
    });
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput in(data, size);
    const quint8 flags = in.byte();
    const bool isLast = flags & 1;
    QByteArray bytes;
    if (flags & 2) {
        const int records = in.byte() % 16;
        for (int i = 0; i < records && !in.atEnd(); ++i) {
            WalRecord r;
            r.type = WalRecordType(in.byte() % 6); // 0 and 5 are unknown types
            r.payload = in.take(in.byte());
            r.appendTo(bytes);
        }
        bytes.chop(qMin<qsizetype>(bytes.size(), in.byte()));
        while (!in.atEnd() && !bytes.isEmpty()) {
            const qsizetype at = (qsizetype(in.byte()) << 8 | in.byte()) % bytes.size();
            bytes[at] = char(bytes[at] ^ in.byte());
        }
    } else {
        bytes = in.rest();
    }

    Reader reader;
    const WalSegmentScan::Outcome out = scanWith(reader, bytes, isLast);
    reader.replay.finish();
    FUZZ_CHECK(out.goodBytes >= 0 && out.goodBytes <= bytes.size());
    switch (out.end) {
    case WalSegmentScan::End::Clean: {
        FUZZ_CHECK(out.badOffset == -1);
        // Records up to goodBytes, then only the zeros of preallocated space; the records
        // alone read back clean to the same end.
        const QByteArray tail = bytes.mid(out.goodBytes);
        FUZZ_CHECK(tail.count('\0') == tail.size());
        if (!tail.isEmpty()) {
            Reader again;
            const WalSegmentScan::Outcome cut = scanWith(again, bytes.left(out.goodBytes), isLast);
            FUZZ_CHECK(cut.end == WalSegmentScan::End::Clean && cut.goodBytes == out.goodBytes);
        }
        break;
    }
    case WalSegmentScan::End::TornTail: {
        FUZZ_CHECK(isLast && out.badOffset == out.goodBytes && !out.reason.isEmpty());
        // What recovery keeps after truncating the torn tail reads back clean.
        Reader again;
        const WalSegmentScan::Outcome cut = scanWith(again, bytes.left(out.goodBytes), true);
        FUZZ_CHECK(cut.end == WalSegmentScan::End::Clean);
        break;
    }
    case WalSegmentScan::End::Corrupt:
        FUZZ_CHECK(out.badOffset >= 0 && out.badOffset <= bytes.size() && !out.reason.isEmpty());
        break;
    }
    return 0;
}
