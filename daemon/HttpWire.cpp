#include "HttpWire.h"

#include "api/HttpResponse.h"

#include <QDateTime>
#include <QLocale>

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

static void appendHead(QByteArray &out, const HttpResponse &r)
{
    out += "HTTP/1.1 ";
    out += QByteArray::number(r.status);
    out += ' ';
    out += HttpWire::reason(r.status);
    out += "\r\n";
    for (const auto &h : r.headers) {
        out += h.first;
        out += ": ";
        out += h.second;
        out += "\r\n";
    }
    out += "Date: ";
    out += HttpWire::date();
    out += "\r\n";
}

QByteArray HttpWire::response(const HttpResponse &r, bool head, bool close)
{
    QByteArray out;
    out.reserve(200 + r.body.size());
    appendHead(out, r);
    if (r.status != 204 && r.status >= 200) {
        out += "Content-Length: ";
        out += QByteArray::number(r.body.size());
        out += "\r\n";
    }
    if (close)
        out += "Connection: close\r\n";
    out += "\r\n";
    if (!head && r.status != 204)
        out += r.body;
    return out;
}

QByteArray HttpWire::streamHead(const HttpResponse &r, bool chunked)
{
    QByteArray out;
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
    return QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n";
}
