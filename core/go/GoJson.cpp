// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "go/GoJson.h"

#include "go/GoUtf8.h"

namespace go {

namespace {

const char hexDigits[] = "0123456789abcdef";

// encoding/json's htmlSafeSet for ASCII: printable bytes but '"', '\\', '<',
// '>' and '&'. DEL (0x7F) is safe.
constexpr bool isHtmlSafe(uchar c)
{
    return c >= 0x20 && c < 0x80 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&';
}

void appendAsciiEscape(QByteArray &out, uchar c)
{
    switch (c) {
    case '"':
        out.append("\\\"");
        break;
    case '\\':
        out.append("\\\\");
        break;
    case '\n':
        out.append("\\n");
        break;
    case '\r':
        out.append("\\r");
        break;
    case '\t':
        out.append("\\t");
        break;
    default: // other controls and < > &
        out.append("\\u00");
        out.append(hexDigits[c >> 4]);
        out.append(hexDigits[c & 0xF]);
    }
}

} // namespace

void GoJson::appendString(QByteArray &out, QByteArrayView s)
{
    out.append('"');
    const qsizetype n = s.size();
    qsizetype start = 0; // the first byte not yet copied
    qsizetype i = 0;
    while (i < n) {
        const uchar c = uchar(s[i]);
        if (c < 0x80) {
            if (!isHtmlSafe(c)) {
                out.append(s.data() + start, i - start);
                appendAsciiEscape(out, c);
                start = i + 1;
            }
            ++i;
            continue;
        }
        qsizetype len = 1;
        const int cp = GoUtf8::decodeRune(s, i, &len);
        if (cp < 0) {
            out.append(s.data() + start, i - start);
            out.append("\\ufffd");
            start = ++i;
            continue;
        }
        if (cp == 0x2028 || cp == 0x2029) {
            out.append(s.data() + start, i - start);
            out.append(cp == 0x2028 ? "\\u2028" : "\\u2029");
            start = i + len;
        }
        i += len;
    }
    out.append(s.data() + start, n - start);
    out.append('"');
}

QByteArray GoJson::string(QByteArrayView utf8)
{
    QByteArray out;
    out.reserve(utf8.size() + 2);
    appendString(out, utf8);
    return out;
}

} // namespace go
