// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArrayView>

namespace go {

// Go's unicode/utf8.DecodeRune: which bytes Go's encoders (encoding/json,
// strconv.Quote) accept as one UTF-8 sequence. Everything they replace or
// escape byte by byte is what this rejects. Pure; thread-safe.
class GoUtf8
{
public:
    // The code point of the UTF-8 sequence at s[i] and its length in *len;
    // -1 with *len = 1 where Go answers (RuneError, 1): a stray continuation
    // byte, an overlong form, a surrogate, a code point above U+10FFFF or a
    // sequence cut short. `i` must be < s.size().
    static int decodeRune(QByteArrayView s, qsizetype i, qsizetype *len);
};

} // namespace go
