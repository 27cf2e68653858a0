// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "auth/AuthListing.h"

#include <QJsonArray>

#include <algorithm>

namespace admin {

namespace {

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    for (const QJsonValue &s : v.toArray())
        out.append(s.toString());
    return out;
}

template <typename T> void sortByName(QList<T> &list)
{
    std::sort(list.begin(), list.end(), [](const T &a, const T &b) { return a.name < b.name; });
}

} // namespace

AuthListing::Role AuthListing::role(const QJsonObject &o)
{
    Role r;
    r.name = o.value(QLatin1String("role")).toString();
    const QJsonObject kv =
        o.value(QLatin1String("permissions")).toObject().value(QLatin1String("kv")).toObject();
    r.read = strings(kv.value(QLatin1String("read")));
    r.write = strings(kv.value(QLatin1String("write")));
    return r;
}

QList<AuthListing::User> AuthListing::users(const QJsonObject &answer)
{
    QList<User> out;
    for (const QJsonValue &v : answer.value(QLatin1String("users")).toArray()) {
        User u;
        if (v.isString()) { // etcd 2.2: bare names
            u.name = v.toString();
        } else {
            const QJsonObject o = v.toObject();
            u.name = o.value(QLatin1String("user")).toString();
            for (const QJsonValue &r : o.value(QLatin1String("roles")).toArray())
                u.roles.append(r.isString() ? r.toString() : role(r.toObject()).name);
        }
        u.roles.sort();
        out.append(u);
    }
    sortByName(out);
    return out;
}

QList<AuthListing::Role> AuthListing::roles(const QJsonObject &answer)
{
    QList<Role> out;
    for (const QJsonValue &v : answer.value(QLatin1String("roles")).toArray()) {
        if (v.isString()) {
            Role r;
            r.name = v.toString();
            out.append(r);
        } else {
            out.append(role(v.toObject()));
        }
    }
    sortByName(out);
    return out;
}

bool AuthListing::enabled(const QJsonObject &answer)
{
    return answer.value(QLatin1String("enabled")).toBool();
}

} // namespace admin
