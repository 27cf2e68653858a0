// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "client/AuthRole.h"

#include "client/JsonLists.h"

#include <QJsonArray>

namespace client {

AuthRole AuthRole::fromJson(const QJsonObject &object)
{
    AuthRole r;
    r.name = object.value(QLatin1String("role")).toString();
    const QJsonObject kv =
        object.value(QLatin1String("permissions")).toObject().value(QLatin1String("kv")).toObject();
    r.read = jsonStrings(kv.value(QLatin1String("read")));
    r.write = jsonStrings(kv.value(QLatin1String("write")));
    return r;
}

QStringList AuthRole::namesFromList(const QJsonObject &object)
{
    QStringList names;
    const QJsonArray roles = object.value(QLatin1String("roles")).toArray();
    for (const QJsonValue &r : roles)
        names.append(r.isObject() ? r.toObject().value(QLatin1String("role")).toString()
                                  : r.toString());
    return names;
}

} // namespace client
