// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QtGlobal>

#include <cstring>

namespace storage {

// True if the size bytes at data are all zero (true for none): what a preallocated WAL
// segment holds after its last record. Byte 0 is zero and every byte equals the next: one
// memcmp, at memory speed over the tens of MiB a fresh segment's tail can be. Pure.
inline bool isAllZero(const char *data, qsizetype size)
{
    return size <= 0 || (data[0] == 0 && std::memcmp(data, data + 1, size_t(size - 1)) == 0);
}

// The length of the size bytes at data without their trailing zero bytes: where a
// preallocated segment's written part ends. Whole 4 KiB blocks of zeros are skipped with
// isAllZero. Pure.
inline qsizetype lengthWithoutTrailingZeros(const char *data, qsizetype size)
{
    constexpr qsizetype kBlock = 4096;
    while (size >= kBlock && isAllZero(data + size - kBlock, kBlock))
        size -= kBlock;
    while (size > 0 && data[size - 1] == 0)
        --size;
    return size;
}

} // namespace storage
