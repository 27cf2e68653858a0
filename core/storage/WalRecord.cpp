// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "storage/WalRecord.h"

#include "storage/Crc32c.h"

#include <QCoreApplication>
#include <QtEndian>

#include <cstring>

namespace storage {

namespace {

constexpr int kChecksumOffset = 8;

bool knownType(quint8 t)
{
    return t >= quint8(WalRecordType::Metadata) && t <= quint8(WalRecordType::SnapshotMarker);
}

} // namespace

void WalRecord::appendTo(QByteArray &out) const
{
    char header[kHeaderBytes] = {};
    qToLittleEndian<quint32>(quint32(payload.size()), header);
    header[4] = char(type);
    const quint32 crc = Crc32c::compute(payload, Crc32c::compute(header, kChecksumOffset));
    qToLittleEndian<quint32>(crc, header + kChecksumOffset);
    out.append(header, kHeaderBytes);
    out.append(payload);
}

WalRecord::Parse WalRecord::parse(const char *data, qsizetype size, WalRecord *record,
                                  qsizetype *recordBytes)
{
    if (size < kHeaderBytes)
        return Parse::Incomplete;
    const quint32 length = qFromLittleEndian<quint32>(data);
    if (length > kMaxPayloadBytes)
        return Parse::ImpossibleLength;
    if (qsizetype(length) > size - kHeaderBytes)
        return Parse::Incomplete;
    const quint32 stored = qFromLittleEndian<quint32>(data + kChecksumOffset);
    const quint32 actual =
        Crc32c::compute(data + kHeaderBytes, length, Crc32c::compute(data, kChecksumOffset));
    if (stored != actual)
        return Parse::BadChecksum;
    if (data[5] != 0 || data[6] != 0 || data[7] != 0)
        return Parse::BadReservedBytes;
    if (!knownType(quint8(data[4])))
        return Parse::UnknownType;
    if (record) {
        record->type = WalRecordType(quint8(data[4]));
        record->payload = QByteArray::fromRawData(data + kHeaderBytes, qsizetype(length));
    }
    if (recordBytes)
        *recordBytes = kHeaderBytes + qsizetype(length);
    return Parse::Ok;
}

QString WalRecord::describe(Parse p)
{
    const char *text = "";
    switch (p) {
    case Parse::Ok:
        text = QT_TRANSLATE_NOOP("storage::WalRecord", "valid record");
        break;
    case Parse::Incomplete:
        text =
            QT_TRANSLATE_NOOP("storage::WalRecord", "record is incomplete (file ends inside it)");
        break;
    case Parse::ImpossibleLength:
        text = QT_TRANSLATE_NOOP("storage::WalRecord", "impossible record length");
        break;
    case Parse::BadChecksum:
        text = QT_TRANSLATE_NOOP("storage::WalRecord", "CRC-32C mismatch");
        break;
    case Parse::BadReservedBytes:
        text = QT_TRANSLATE_NOOP("storage::WalRecord", "reserved header bytes are not zero");
        break;
    case Parse::UnknownType:
        text = QT_TRANSLATE_NOOP("storage::WalRecord", "unknown record type");
        break;
    }
    return QCoreApplication::translate("storage::WalRecord", text);
}

QString WalRecord::kindName(quint8 type)
{
    switch (WalRecordType(type)) {
    case WalRecordType::Metadata:
        return QCoreApplication::translate("storage::WalRecord", "metadata record");
    case WalRecordType::HardState:
        return QCoreApplication::translate("storage::WalRecord", "hard state record");
    case WalRecordType::Entry:
        return QCoreApplication::translate("storage::WalRecord", "entry record");
    case WalRecordType::SnapshotMarker:
        return QCoreApplication::translate("storage::WalRecord", "snapshot marker record");
    }
    return QCoreApplication::translate("storage::WalRecord", "record of unknown type %1").arg(type);
}

quint32 WalRecord::lengthField(const char *data)
{
    return qFromLittleEndian<quint32>(data);
}

bool WalRecord::checksumMatchesWithLength(const char *data, qsizetype size)
{
    if (size < kHeaderBytes || quint64(size - kHeaderBytes) > kMaxPayloadBytes)
        return false;
    char header[kChecksumOffset];
    memcpy(header, data, kChecksumOffset);
    qToLittleEndian<quint32>(quint32(size - kHeaderBytes), header);
    const quint32 stored = qFromLittleEndian<quint32>(data + kChecksumOffset);
    return stored == Crc32c::compute(data + kHeaderBytes, size - kHeaderBytes,
                                     Crc32c::compute(header, kChecksumOffset));
}

QByteArray WalRecord::encodeMarker(quint64 index, quint64 term)
{
    QByteArray out(16, Qt::Uninitialized);
    qToLittleEndian<quint64>(index, out.data());
    qToLittleEndian<quint64>(term, out.data() + 8);
    return out;
}

bool WalRecord::decodeMarker(const QByteArray &payload, quint64 *index, quint64 *term)
{
    if (payload.size() != 16)
        return false;
    *index = qFromLittleEndian<quint64>(payload.constData());
    *term = qFromLittleEndian<quint64>(payload.constData() + 8);
    return true;
}

} // namespace storage
