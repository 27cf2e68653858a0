// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "api/HttpRequest.h"
#include "api/HttpResponse.h"

#include <QSet>
#include <QStringList>

#include <optional>

namespace api {

// etcd's --cors: the origins whose browser pages may use the answers. When a
// request's Origin is listed, its answer carries the Access-Control-Allow-
// Headers/-Methods/-Origin headers etcd's CORS handler adds; with "*" every
// answer carries them, with origin "*" (etcd 3.4 does the same). An OPTIONS
// request (a browser's preflight) is answered 200 with no body, with those
// headers where they apply, whether or not --cors is set, as etcd does.
// Without --cors nothing else changes (etcd 2.2's default; 3.4 defaults to
// "*"). Immutable once made, so any thread may use it.
class CorsPolicy
{
public:
    explicit CorsPolicy(const QStringList &origins = {});

    // The answer to a preflight, or nullopt when `request` is not one.
    std::optional<HttpResponse> preflight(const HttpRequest &request) const;
    // Adds the headers to `response` when the request's origin is allowed.
    void decorate(const HttpRequest &request, HttpResponse &response) const;

private:
    bool m_any = false;
    QSet<QByteArray> m_origins;
};

} // namespace api
