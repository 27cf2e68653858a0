// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "client/Member.h"

#include "client/JsonLists.h"

#include <QJsonArray>

namespace client {

Member Member::fromJson(const QJsonObject &object)
{
    Member m;
    m.id = object.value(QLatin1String("id")).toString();
    m.name = object.value(QLatin1String("name")).toString();
    m.peerUrls = jsonStrings(object.value(QLatin1String("peerURLs")));
    m.clientUrls = jsonStrings(object.value(QLatin1String("clientURLs")));
    return m;
}

QList<Member> Member::listFromJson(const QJsonObject &object)
{
    QList<Member> out;
    const QJsonArray array = object.value(QLatin1String("members")).toArray();
    for (const QJsonValue &item : array)
        out.append(Member::fromJson(item.toObject()));
    return out;
}

} // namespace client
