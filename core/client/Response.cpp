// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "client/Response.h"

#include "client/Error.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace client {

bool Response::parse(const QByteArray &body, Response *out, Error *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        if (error) {
            *error = Error::make(Error::Kind::Protocol,
                                 body.trimmed().isEmpty()
                                     ? QStringLiteral("client: response is empty")
                                     : QStringLiteral("client: malformed response: %1")
                                           .arg(pe.error != QJsonParseError::NoError
                                                    ? pe.errorString()
                                                    : QStringLiteral("not an object")));
        }
        return false;
    }
    const QJsonObject o = doc.object();
    out->action = o.value(QLatin1String("action")).toString();
    out->node = Node::fromJson(o.value(QLatin1String("node")).toObject());
    const QJsonValue prev = o.value(QLatin1String("prevNode"));
    if (prev.isObject())
        out->prevNode = Node::fromJson(prev.toObject());
    else
        out->prevNode.reset();
    return true;
}

} // namespace client
