#include "storage/WalSegmentScan.h"

#include <QCoreApplication>

namespace storage {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("storage::WalSegmentScan", text);
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
        const QString what = WalRecord::describe(p);
        if (WalRecord::isIntact(p) || !isLastSegment)
            return {End::Corrupt, pos, pos, what};
        const qsizetype next = findIntactRecord(bytes, pos + 1);
        if (next >= 0)
            return {End::Corrupt, pos, pos,
                    tr("%1, but an intact record follows at offset %2, so this is not an "
                       "unfinished write")
                        .arg(what)
                        .arg(next)};
        return {End::TornTail, pos, pos, what};
    }
    return {End::Clean, size, -1, {}};
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
