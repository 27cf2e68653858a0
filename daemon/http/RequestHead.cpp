// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "RequestHead.h"

namespace http {

namespace {

// Case-insensitive search for a header line start such as "\r\ncontent-length:"
// (`lowerName` in lower case) within the head.
qsizetype findHeader(QByteArrayView head, QByteArrayView lowerName)
{
    const qsizetype last = head.size() - lowerName.size();
    for (qsizetype i = 0; i <= last; ++i) {
        if (head[i] != '\r')
            continue;
        qsizetype k = 0;
        while (k < lowerName.size()) {
            char c = head[i + k];
            if (c >= 'A' && c <= 'Z')
                c = char(c - 'A' + 'a');
            if (c != lowerName[k])
                break;
            ++k;
        }
        if (k == lowerName.size())
            return i;
    }
    return -1;
}

} // namespace

bool RequestHead::isHttp10(QByteArrayView start)
{
    const qsizetype eol = start.indexOf("\r\n");
    const QByteArrayView line = eol >= 0 ? start.first(eol) : start;
    return line.endsWith("HTTP/1.0");
}

std::optional<RequestHead> RequestHead::parse(QByteArrayView bytes)
{
    const qsizetype end = bytes.indexOf("\r\n\r\n");
    if (end < 0)
        return std::nullopt;
    RequestHead r;
    r.bytes = end + 4;
    // Up to the end of the last header line: every line, the last included, ends in "\r\n",
    // so a header name found here always has its line end after it.
    const QByteArrayView head = bytes.first(end + 2);
    static constexpr QByteArrayView contentLength("\r\ncontent-length:");
    const qsizetype cl = findHeader(head, contentLength);
    if (cl >= 0) {
        const qsizetype from = cl + contentLength.size();
        const qsizetype lineEnd = head.indexOf("\r\n", from);
        bool ok = false;
        r.contentLength = head.sliced(from, lineEnd - from).trimmed().toLongLong(&ok);
        if (!ok)
            r.contentLength = 0;
    }
    r.expectContinue = findHeader(head, "\r\nexpect: 100-continue") >= 0;
    return r;
}

} // namespace http
