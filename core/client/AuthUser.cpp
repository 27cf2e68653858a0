// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "client/AuthUser.h"

#include <QJsonArray>

namespace client {

AuthUser AuthUser::fromJson(const QJsonObject &object)
{
    AuthUser u;
    u.name = object.value(QLatin1String("user")).toString();
    const QJsonArray roles = object.value(QLatin1String("roles")).toArray();
    for (const QJsonValue &r : roles) {
        if (r.isObject()) {
            u.rolesWereObjects = true;
            u.roles.append(r.toObject().value(QLatin1String("role")).toString());
        } else {
            u.roles.append(r.toString());
        }
    }
    return u;
}

QStringList AuthUser::namesFromList(const QJsonObject &object)
{
    QStringList names;
    const QJsonArray users = object.value(QLatin1String("users")).toArray();
    for (const QJsonValue &u : users)
        names.append(u.isObject() ? u.toObject().value(QLatin1String("user")).toString()
                                  : u.toString());
    return names;
}

} // namespace client
