// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>
#include <QString>

namespace storage {

enum class WalRecordType : quint8 {
    Metadata = 1,       // opaque bytes given to Wal::create (member id, cluster id, ...)
    HardState = 2,      // raft::HardState::encode()
    Entry = 3,          // raft::Entry::encode()
    SnapshotMarker = 4, // u64 LE index, u64 LE term
};

// One framed record of a WAL segment (the layout is documented in Wal.h):
//   u32 LE payload length | u8 type | 3 zero bytes | u32 LE CRC-32C | payload
// The CRC covers the first 8 header bytes (length, type, reserved) and the payload, so a
// damaged length or type is caught as surely as damaged data.
// parse() is the only reader of untrusted bytes: it never reads outside [data, data + size)
// and never allocates from a length field; payloads it returns alias the caller's buffer.
struct WalRecord
{
    static constexpr int kHeaderBytes = 12;
    // No record this large is ever written (an entry is bounded by the request size limit);
    // a length above it can only be damage.
    static constexpr quint32 kMaxPayloadBytes = 256u * 1024 * 1024;

    enum class Parse {
        Ok,
        Incomplete,       // the buffer ends inside the header or the payload
        ImpossibleLength, // length field above kMaxPayloadBytes
        BadChecksum,      // CRC mismatch: damaged or never fully written
        BadReservedBytes, // CRC matches but reserved bytes are set: not a format we write
        UnknownType,      // CRC matches but the type is not one we know
    };

    WalRecordType type = WalRecordType::Metadata;
    QByteArray payload;

    // Appends the framed record to out.
    void appendTo(QByteArray &out) const;
    qsizetype encodedSize() const { return kHeaderBytes + payload.size(); }

    // Parses the record starting at data. On Ok fills *record (payload aliasing data, valid
    // while the buffer lives) and *recordBytes (header + payload).
    static Parse parse(const char *data, qsizetype size, WalRecord *record, qsizetype *recordBytes);
    // True for outcomes where the record's bytes are intact (CRC verified), whatever they hold.
    static bool isIntact(Parse p)
    {
        return p == Parse::Ok || p == Parse::BadReservedBytes || p == Parse::UnknownType;
    }
    static QString describe(Parse p);
    // What the type byte of a record header names ("hard state record", ...), for error
    // messages; the byte may itself be damaged, so any value gets a description.
    static QString kindName(quint8 type);
    // The type byte of the record header at data (size >= 5), without any check.
    static quint8 typeByte(const char *data) { return quint8(data[4]); }
    // The payload length a record header at data claims (size >= 4), without any check.
    static quint32 lengthField(const char *data);
    // True if the bytes from data to data + size are one whole record whose stored checksum
    // matches once its length field is taken to be size - kHeaderBytes: a complete last
    // record whose length field was damaged (and so looks cut short) rather than a torn one.
    static bool checksumMatchesWithLength(const char *data, qsizetype size);

    static QByteArray encodeMarker(quint64 index, quint64 term);
    static bool decodeMarker(const QByteArray &payload, quint64 *index, quint64 *term);
};

} // namespace storage
