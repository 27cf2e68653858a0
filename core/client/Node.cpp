#include "client/Node.h"

#include <QJsonArray>

namespace client {

namespace {

quint64 toIndex(const QJsonValue &v)
{
    return v.isDouble() ? static_cast<quint64>(v.toDouble()) : 0;
}

} // namespace

Node Node::fromJson(const QJsonObject &object)
{
    Node n;
    n.key = object.value(QLatin1String("key")).toString();
    n.value = object.value(QLatin1String("value")).toString();
    n.dir = object.value(QLatin1String("dir")).toBool();
    n.createdIndex = toIndex(object.value(QLatin1String("createdIndex")));
    n.modifiedIndex = toIndex(object.value(QLatin1String("modifiedIndex")));
    n.expiration = object.value(QLatin1String("expiration")).toString();
    n.ttl = static_cast<qint64>(object.value(QLatin1String("ttl")).toDouble());
    const QJsonValue children = object.value(QLatin1String("nodes"));
    n.nodesPresent = children.isArray();
    const QJsonArray array = children.toArray();
    n.nodes.reserve(array.size());
    for (const QJsonValue &child : array)
        n.nodes.append(Node::fromJson(child.toObject()));
    return n;
}

QJsonObject Node::toJson() const
{
    QJsonObject o;
    o.insert(QLatin1String("key"), key);
    if (dir)
        o.insert(QLatin1String("dir"), true);
    else
        o.insert(QLatin1String("value"), value);
    if (!nodes.isEmpty() || nodesPresent) {
        QJsonArray array;
        for (const Node &child : nodes)
            array.append(child.toJson());
        o.insert(QLatin1String("nodes"), array);
    }
    if (!expiration.isEmpty())
        o.insert(QLatin1String("expiration"), expiration);
    if (ttl != 0)
        o.insert(QLatin1String("ttl"), double(ttl));
    o.insert(QLatin1String("createdIndex"), double(createdIndex));
    o.insert(QLatin1String("modifiedIndex"), double(modifiedIndex));
    return o;
}

} // namespace client
