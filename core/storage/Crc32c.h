// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>

namespace storage {

// CRC-32C (Castagnoli, the iSCSI polynomial) in its standard form: initial value and final
// xor 0xFFFFFFFF, so crc32c("123456789") == 0xE3069283. The work is done by Intel ISA-L's
// crc32_iscsi, which uses the SSE4.2/PCLMUL instructions where the CPU has them; ISA-L leaves
// the pre/post inversion to the caller, which is what this wrapper adds.
// extend() continues a checksum over more bytes: compute(a + b) == compute(b, compute(a)).
// Stateless and thread-safe.
class Crc32c
{
public:
    static quint32 compute(const char *data, qsizetype size, quint32 previous = 0);
    static quint32 compute(const QByteArray &bytes, quint32 previous = 0)
    {
        return compute(bytes.constData(), bytes.size(), previous);
    }
};

} // namespace storage
