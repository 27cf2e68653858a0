// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArrayView>

#include <optional>

namespace http {

// What ConnectionGuard needs to know about an HTTP/1.x request head, read
// from the raw bytes of a connection before Qt's parser sees them: where the
// head ends, the Content-Length it declares and whether it asks for
// "100 Continue". Only these few facts are extracted; validating the head is
// Qt's parser's job, so a malformed Content-Length counts as 0 here (Qt
// reports it). The bytes are untrusted: nothing is read outside the view and
// nothing is allocated. Pure; thread-safe.
struct RequestHead
{
    qsizetype bytes = 0;      // the head up to and including its blank line ("\r\n\r\n")
    qint64 contentLength = 0; // 0 when absent or malformed
    bool expectContinue = false;

    // True if the request line at the start of `start` ends in HTTP/1.0 (the
    // connection closes after the answer). `start` may hold only part of it.
    static bool isHttp10(QByteArrayView start);
    // The head at the start of `bytes`, or nullopt while its blank line has
    // not arrived.
    static std::optional<RequestHead> parse(QByteArrayView bytes);
};

} // namespace http
