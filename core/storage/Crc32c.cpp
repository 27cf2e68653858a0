// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "storage/Crc32c.h"

#include <isa-l/crc.h>

#include <algorithm>
#include <climits>

namespace storage {

quint32 Crc32c::compute(const char *data, qsizetype size, quint32 previous)
{
    // ISA-L works on the raw shift register: feed it the inverted previous checksum and
    // invert its result. Its length is an int, so very large inputs go in slices.
    unsigned int reg = ~previous;
    auto *p = reinterpret_cast<unsigned char *>(const_cast<char *>(data));
    while (size > 0) {
        const int chunk = int(std::min<qsizetype>(size, INT_MAX));
        reg = crc32_iscsi(p, chunk, reg);
        p += chunk;
        size -= chunk;
    }
    return ~reg;
}

} // namespace storage
