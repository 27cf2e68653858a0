// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace go {

// Go's encoding/json string literal, exactly as json.Marshal and json.Encoder
// (with their default HTML escaping) write it, as built by the Go 1.19 of
// etcd 3.4.x: the one implementation behind the server's answers
// (api/JsonWriter) and the client's and qetcdctl's request bodies and output
// (client/GoText).
//
// The rules (encoding/json encodeState.string, escapeHTML = true):
// - '"' and '\\' are backslash-escaped; '\n' '\r' '\t' as \n \r \t;
// - other bytes below 0x20 as \u00XX in lower-case hex (also \b and \f:
//   Go writes "\b" and "\f" only since 1.22, etcd 3.4's Go writes \u0008 \u000c);
// - '<' '>' '&' as \u003c \u003e \u0026; DEL (0x7F) stays as it is;
// - U+2028 and U+2029 as \u2028 \u2029 (JSONP safety);
// - each byte that does not start a valid UTF-8 sequence (as utf8.DecodeRune
//   judges: overlong forms, surrogates, above U+10FFFF, truncated sequences)
//   becomes \ufffd, and decoding resumes at the next byte; a valid U+FFFD
//   (EF BF BD) stays as its three bytes;
// - everything else is copied unchanged.
// Pure functions over bytes; thread-safe. Runs of bytes that need nothing are
// copied in one append, since every GET of the server passes through here.
class GoJson
{
public:
    // Appends the quoted literal of `utf8` to `out`.
    static void appendString(QByteArray &out, QByteArrayView utf8);
    // The quoted literal of `utf8`.
    static QByteArray string(QByteArrayView utf8);
};

} // namespace go
