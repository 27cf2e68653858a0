// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "api/ApiResponses.h"

#include "api/JsonWriter.h"

namespace api::responses {

namespace {

HttpResponse withBody(int status, const QByteArray &contentType, const QByteArray &body)
{
    HttpResponse r;
    r.status = status;
    r.addHeader("Content-Type", contentType);
    r.body = body;
    return r;
}

} // namespace

HttpResponse text(int status, const QByteArray &text)
{
    return withBody(status, QByteArrayLiteral("text/plain; charset=utf-8"), text);
}

HttpResponse json(int status, const QByteArray &json)
{
    return withBody(status, QByteArrayLiteral("application/json"), json);
}

HttpResponse httpError(int status, const QString &message)
{
    QByteArray body("{\"message\":");
    JsonWriter::appendString(body, message);
    body.append('}');
    return json(status, body);
}

HttpResponse methodNotAllowed(const QByteArray &allow)
{
    HttpResponse r = text(405, "Method Not Allowed\n");
    r.addHeader("Allow", allow);
    return r;
}

} // namespace api::responses
