#include "api/ApiResponses.h"

#include "api/JsonWriter.h"

namespace api::responses {

HttpResponse text(int status, const QByteArray &text)
{
    HttpResponse r;
    r.status = status;
    r.addHeader("Content-Type", "text/plain; charset=utf-8");
    r.body = text;
    return r;
}

HttpResponse json(int status, const QByteArray &json)
{
    HttpResponse r;
    r.status = status;
    r.addHeader("Content-Type", "application/json");
    r.body = json;
    return r;
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
