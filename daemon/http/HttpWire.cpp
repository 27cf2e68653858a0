// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "HttpWire.h"

#include "api/EncodedEvent.h"

#include "api/HttpResponse.h"

#include <QDateTime>
#include <QLocale>

namespace http {

const char *HttpWire::reason(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 410:
        return "Gone";
    case 412:
        return "Precondition Failed";
    case 413:
        return "Request Entity Too Large";
    case 415:
        return "Unsupported Media Type";
    case 417:
        return "Expectation Failed";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    default:
        return "Unknown";
    }
}

QByteArray HttpWire::date()
{
    // Per thread: every client thread formats its own responses.
    thread_local qint64 cachedSecond = -1;
    thread_local QByteArray cached;
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    if (now != cachedSecond) {
        cachedSecond = now;
        cached = QLocale::c()
                     .toString(QDateTime::fromSecsSinceEpoch(now, Qt::UTC),
                               QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
                     .toLatin1();
    }
    return cached;
}

namespace {

// Sizes first, then one allocation and plain copies: this runs for every answer.
qsizetype headSize(const api::HttpResponse &r)
{
    qsizetype n = 64 + 37; // status line and Date
    for (const auto &h : r.headers)
        n += h.first.size() + h.second.size() + 4;
    return n;
}

void put(QByteArray &out, QByteArrayView bytes)
{
    out.append(bytes.data(), bytes.size());
}

void appendHead(QByteArray &out, const api::HttpResponse &r)
{
    put(out, "HTTP/1.1 ");
    char status[4] = {char('0' + r.status / 100 % 10), char('0' + r.status / 10 % 10),
                      char('0' + r.status % 10), ' '};
    out.append(status, 4);
    put(out, HttpWire::reason(r.status));
    put(out, "\r\n");
    for (const auto &h : r.headers) {
        put(out, h.first);
        put(out, ": ");
        put(out, h.second);
        put(out, "\r\n");
    }
    put(out, "Date: ");
    put(out, HttpWire::date());
    put(out, "\r\n");
}

} // namespace

QByteArray HttpWire::response(const api::HttpResponse &r, bool head, bool close)
{
    const bool withBody = !head && r.status != 204;
    QByteArray out;
    out.reserve(headSize(r) + 64 + (withBody ? r.body.size() : 0));
    appendHead(out, r);
    if (r.status != 204 && r.status >= 200) {
        put(out, "Content-Length: ");
        char digits[24];
        int n = 0;
        qsizetype length = r.body.size();
        do {
            digits[sizeof digits - 1 - n++] = char('0' + length % 10);
            length /= 10;
        } while (length);
        out.append(digits + sizeof digits - n, n);
        put(out, "\r\n");
    }
    if (close)
        put(out, "Connection: close\r\n");
    put(out, "\r\n");
    if (withBody)
        put(out, r.body);
    return out;
}

QByteArray HttpWire::streamHead(const api::HttpResponse &r, bool chunked)
{
    QByteArray out;
    out.reserve(headSize(r) + 32);
    appendHead(out, r);
    if (chunked)
        out += "Transfer-Encoding: chunked\r\n";
    else
        out += "Connection: close\r\n";
    out += "\r\n";
    return out;
}

QByteArray HttpWire::chunk(const QByteArray &data)
{
    return api::EncodedEvent::frameChunk(data);
}

} // namespace http
