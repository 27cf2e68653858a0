// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QString>

#include <optional>

namespace storage {

// File names made of two 64-bit numbers in 16 lower-case hex digits, as etcd names its files:
// "<first>-<second><suffix>", e.g. WAL segments "%016llx-%016llx.wal" (sequence, first index)
// and snapshots "%016llx-%016llx.snap" (term, index). Fixed width makes name order equal
// numeric order. parse() accepts exactly what format() produces and nothing else, so stray
// files (".tmp", ".broken", editor backups) are never mistaken for data.
struct HexPairName
{
    quint64 first = 0;
    quint64 second = 0;

    static QString format(quint64 first, quint64 second, QLatin1StringView suffix);
    static std::optional<HexPairName> parse(const QString &fileName, QLatin1StringView suffix);
};

} // namespace storage
