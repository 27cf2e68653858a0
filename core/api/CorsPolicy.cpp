// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "api/CorsPolicy.h"

namespace api {

CorsPolicy::CorsPolicy(const QStringList &origins)
{
    for (const QString &origin : origins) {
        if (origin == QLatin1String("*"))
            m_any = true;
        else
            m_origins.insert(origin.toUtf8());
    }
}

std::optional<HttpResponse> CorsPolicy::preflight(const HttpRequest &request) const
{
    if (request.method != "OPTIONS")
        return std::nullopt;
    HttpResponse r;
    r.status = 200;
    decorate(request, r);
    return r;
}

void CorsPolicy::decorate(const HttpRequest &request, HttpResponse &response) const
{
    QByteArray granted;
    if (m_any) {
        granted = QByteArrayLiteral("*"); // etcd 3.4 answers "*" then, Origin or not
    } else if (!m_origins.isEmpty()) {
        const QByteArray origin = request.header("Origin");
        if (origin.isEmpty() || !m_origins.contains(origin))
            return;
        granted = origin;
    } else {
        return;
    }
    response.addHeader("Access-Control-Allow-Headers", "accept, content-type, authorization");
    response.addHeader("Access-Control-Allow-Methods", "POST, GET, OPTIONS, PUT, DELETE");
    response.addHeader("Access-Control-Allow-Origin", granted);
}

} // namespace api
