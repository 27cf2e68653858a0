#include "client/Member.h"

#include <QJsonArray>

namespace client {

namespace {

QStringList strings(const QJsonValue &v)
{
    QStringList out;
    const QJsonArray array = v.toArray();
    for (const QJsonValue &item : array)
        out.append(item.toString());
    return out;
}

} // namespace

Member Member::fromJson(const QJsonObject &object)
{
    Member m;
    m.id = object.value(QLatin1String("id")).toString();
    m.name = object.value(QLatin1String("name")).toString();
    m.peerUrls = strings(object.value(QLatin1String("peerURLs")));
    m.clientUrls = strings(object.value(QLatin1String("clientURLs")));
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
