// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Reading a snapshot file back (storage::Snapshotter::decode, which
// loadNewest() runs on every file): header, checksum, lengths and the Raft
// snapshot metadata inside. A file that decodes must give back exactly the
// metadata and data it holds.
//
// Input: flags byte; bit 0 clear: the file's bytes as they are (named after
// nothing in particular). Bit 0 set: u8 metadata length, the metadata bytes
// and the data, which the harness wraps in a well-formed header with the right
// lengths and checksum and names after the metadata (so the fuzzer reaches
// the metadata decoder instead of failing the checksum); bit 1 then damages
// the data length field.
#include "FuzzInput.h"
#include "raft/SnapshotMetadata.h"
#include "storage/Crc32c.h"
#include "storage/Snapshotter.h"

#include <QtEndian>

using namespace storage;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput in(data, size);
    const quint8 flags = in.byte();
    QString problem;
    if (!(flags & 1)) {
        const QByteArray bytes = in.rest();
        const auto snap = Snapshotter::decode(Snapshotter::fileName(1, 1), bytes, &problem);
        FUZZ_CHECK(snap.has_value() == problem.isEmpty());
        return 0;
    }
    const QByteArray meta = in.take(in.byte());
    const QByteArray content = in.rest();
    QByteArray file("QETCDSNP", 8);
    char word[8];
    qToLittleEndian<quint32>(1, word);
    file.append(word, 4);
    file.append(4, '\0'); // checksum, below
    qToLittleEndian<quint32>(quint32(meta.size()), word);
    file.append(word, 4);
    file.append(meta);
    qToLittleEndian<quint64>(quint64(content.size()) + ((flags & 2) ? flags >> 2 : 0), word);
    file.append(word, 8);
    file.append(content);
    qToLittleEndian<quint32>(Crc32c::compute(file.constData() + 16, file.size() - 16), word);
    file.replace(12, 4, word, 4);

    const std::optional<raft::SnapshotMetadata> decodedMeta = raft::SnapshotMetadata::decode(meta);
    const QString name = decodedMeta ? Snapshotter::fileName(decodedMeta->term, decodedMeta->index)
                                     : Snapshotter::fileName(0, 0);
    const auto snap = Snapshotter::decode(name, file, &problem);
    FUZZ_CHECK(snap.has_value() == problem.isEmpty());
    if (snap) {
        FUZZ_CHECK(decodedMeta && snap->metadata == *decodedMeta);
        FUZZ_CHECK(snap->data == content);
        FUZZ_CHECK(raft::SnapshotMetadata::decode(snap->metadata.encode()) == snap->metadata);
    } else if (decodedMeta && !((flags & 2) && (flags >> 2) != 0)) {
        FUZZ_CHECK(false); // a well-formed file with decodable metadata must load
    }
    return 0;
}
