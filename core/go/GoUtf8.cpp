// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "go/GoUtf8.h"

namespace go {

int GoUtf8::decodeRune(QByteArrayView s, qsizetype i, qsizetype *len)
{
    const uchar b0 = uchar(s[i]);
    *len = 1;
    if (b0 < 0x80)
        return b0;
    // Go's first-byte classes and second-byte ranges: the ranges exclude the
    // overlong forms (E0 80..9F, F0 80..8F), the surrogates (ED A0..BF) and
    // what lies above U+10FFFF (F4 90..), so no check is needed afterwards.
    qsizetype need = 0;
    int cp = 0;
    uchar lo = 0x80, hi = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        need = 2;
        cp = b0 & 0x1F;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        need = 3;
        cp = b0 & 0x0F;
        if (b0 == 0xE0)
            lo = 0xA0;
        else if (b0 == 0xED)
            hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        need = 4;
        cp = b0 & 0x07;
        if (b0 == 0xF0)
            lo = 0x90;
        else if (b0 == 0xF4)
            hi = 0x8F;
    } else {
        return -1;
    }
    if (s.size() - i < need)
        return -1;
    const uchar b1 = uchar(s[i + 1]);
    if (b1 < lo || b1 > hi)
        return -1;
    cp = (cp << 6) | (b1 & 0x3F);
    for (qsizetype k = 2; k < need; ++k) {
        const uchar b = uchar(s[i + k]);
        if ((b & 0xC0) != 0x80)
            return -1;
        cp = (cp << 6) | (b & 0x3F);
    }
    *len = need;
    return cp;
}

} // namespace go
