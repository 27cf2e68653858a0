// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>

namespace api {
struct HttpResponse;
} // namespace api

namespace http {

// Turns response values into HTTP/1.1 bytes: status line, the response's
// headers, Date, and either Content-Length or chunked framing. Adds
// "Connection: close" when the connection ends after this response. HEAD
// answers keep their Content-Length but carry no body (Qt HttpServer 6.4 would
// send it, corrupting the next response on a kept-alive connection: Qt64.h,
// 4.). Pure; thread-safe (date() caches per thread).
class HttpWire
{
public:
    static QByteArray response(const api::HttpResponse &r, bool head, bool close);
    // Head of a response whose body follows in chunks (or, for HTTP/1.0
    // clients, as raw bytes until the connection closes).
    static QByteArray streamHead(const api::HttpResponse &r, bool chunked);
    static QByteArray chunk(const QByteArray &data);
    static QByteArray lastChunk() { return QByteArrayLiteral("0\r\n\r\n"); }
    static const char *reason(int status);
    // RFC 7231 date of the current second, cached per second.
    static QByteArray date();
};

} // namespace http
