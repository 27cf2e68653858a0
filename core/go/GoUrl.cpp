// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "go/GoUrl.h"

namespace go {

namespace {

bool isUnreserved(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '~';
}

// Go's shouldEscape for encodePath keeps these reserved characters as they are.
bool isPathSafe(char c)
{
    switch (c) {
    case '$':
    case '&':
    case '+':
    case ',':
    case '/':
    case ':':
    case ';':
    case '=':
    case '@':
        return true;
    default:
        return false;
    }
}

QByteArray percentEscape(const QByteArray &in, bool pathMode)
{
    static const char upper[] = "0123456789ABCDEF";
    QByteArray out;
    out.reserve(in.size() * 3 / 2);
    for (char c : in) {
        if (isUnreserved(c) || (pathMode && isPathSafe(c))) {
            out += c;
            continue;
        }
        if (!pathMode && c == ' ') {
            out += '+';
            continue;
        }
        const auto b = static_cast<unsigned char>(c);
        out += '%';
        out += upper[b >> 4];
        out += upper[b & 0xF];
    }
    return out;
}

} // namespace

QByteArray GoUrl::escapePath(const QByteArray &utf8)
{
    return percentEscape(utf8, true);
}

QByteArray GoUrl::escapeQuery(const QByteArray &utf8)
{
    return percentEscape(utf8, false);
}

} // namespace go
