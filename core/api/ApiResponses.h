// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "api/HttpResponse.h"

#include <QByteArray>
#include <QString>

// The plain answers every part of the v2 contract builds (V2Api, AuthApi, the
// daemon's own error paths): a text body, a JSON body, etcd's
// {"message": ...} error and Go's 405. Their own file so that V2Api and
// AuthApi both use them without including each other. Pure; thread-safe.
namespace api::responses {

// `text` as "text/plain; charset=utf-8".
HttpResponse text(int status, const QByteArray &text);
// `json` (already encoded) as "application/json".
HttpResponse json(int status, const QByteArray &json);
// {"message": ...}, etcd's httptypes.HTTPError.
HttpResponse httpError(int status, const QString &message);
// Go's http.Error "Method Not Allowed" with the Allow header.
HttpResponse methodNotAllowed(const QByteArray &allow);

} // namespace api::responses
