// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "api/AuthJson.h"

#include "api/JsonWriter.h"
#include "auth/AuthRole.h"
#include "auth/AuthUser.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace api {

namespace {

// The first JSON value of `body` as an object; `null` reads as an empty
// object (Go leaves the struct as it was). nullopt if it is not an object.
std::optional<QJsonObject> firstObject(const QByteArray &body)
{
    QJsonParseError error;
    QJsonDocument doc = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::GarbageAtEnd)
        doc = QJsonDocument::fromJson(body.left(error.offset), &error);
    if (error.error == QJsonParseError::NoError)
        return doc.isObject() ? std::optional<QJsonObject>(doc.object()) : std::nullopt;
    const QByteArray trimmed = body.trimmed();
    if (trimmed == "null" ||
        (trimmed.startsWith("null") && QByteArrayView(" \t\r\n").contains(trimmed.at(4))))
        return QJsonObject();
    return std::nullopt;
}

// Go matches a field by exact name first, then case-insensitively.
QJsonValue field(const QJsonObject &o, QLatin1String name)
{
    const auto exact = o.constFind(name);
    if (exact != o.constEnd())
        return *exact;
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        if (it.key().compare(name, Qt::CaseInsensitive) == 0)
            return *it;
    }
    return QJsonValue(QJsonValue::Undefined);
}

bool readString(const QJsonValue &v, QString *out)
{
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isString())
        return false;
    *out = v.toString();
    return true;
}

// A []string: null leaves it unset; a null element reads as "".
bool readList(const QJsonValue &v, std::optional<QStringList> *out)
{
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isArray())
        return false;
    QStringList list;
    for (const QJsonValue &item : v.toArray()) {
        if (!item.isString() && !item.isNull())
            return false;
        list.append(item.toString());
    }
    *out = list;
    return true;
}

bool readList(const QJsonValue &v, QStringList *out)
{
    std::optional<QStringList> list;
    if (!readList(v, &list))
        return false;
    *out = list.value_or(QStringList());
    return true;
}

// {"kv":{"read":[...],"write":[...]}}
bool readPermissions(const QJsonValue &v, std::optional<auth::AuthPermissions> *out)
{
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isObject())
        return false;
    auth::AuthPermissions p;
    const QJsonValue kv = field(v.toObject(), QLatin1String("kv"));
    if (!kv.isUndefined() && !kv.isNull()) {
        if (!kv.isObject())
            return false;
        const QJsonObject o = kv.toObject();
        if (!readList(field(o, QLatin1String("read")), &p.read) ||
            !readList(field(o, QLatin1String("write")), &p.write))
            return false;
    }
    *out = p;
    return true;
}

void appendList(QByteArray &out, const std::optional<QStringList> &list)
{
    if (!list) {
        out.append("null");
        return;
    }
    out.append('[');
    for (qsizetype i = 0; i < list->size(); ++i) {
        if (i)
            out.append(',');
        JsonWriter::appendString(out, list->at(i));
    }
    out.append(']');
}

void appendPermissions(QByteArray &out, const auth::AuthPermissions &p)
{
    out.append("{\"kv\":{\"read\":");
    appendList(out, p.read);
    out.append(",\"write\":");
    appendList(out, p.write);
    out.append("}}");
}

void appendRoleObject(QByteArray &out, const auth::AuthRole &role,
                      const std::optional<auth::AuthPermissions> &grant = std::nullopt,
                      const std::optional<auth::AuthPermissions> &revoke = std::nullopt)
{
    out.append("{\"role\":");
    JsonWriter::appendString(out, role.name);
    out.append(",\"permissions\":");
    appendPermissions(out, role.permissions);
    if (grant) {
        out.append(",\"grant\":");
        appendPermissions(out, *grant);
    }
    if (revoke) {
        out.append(",\"revoke\":");
        appendPermissions(out, *revoke);
    }
    out.append('}');
}

void appendUserWithRoles(QByteArray &out, const QString &name, const QList<auth::AuthRole> &roles)
{
    out.append("{\"user\":");
    JsonWriter::appendString(out, name);
    if (!roles.isEmpty()) {
        out.append(",\"roles\":[");
        for (qsizetype i = 0; i < roles.size(); ++i) {
            if (i)
                out.append(',');
            appendRoleObject(out, roles.at(i));
        }
        out.append(']');
    }
    out.append('}');
}

} // namespace

std::optional<AuthJson::UserRequest> AuthJson::parseUser(const QByteArray &body)
{
    const std::optional<QJsonObject> o = firstObject(body);
    if (!o)
        return std::nullopt;
    UserRequest r;
    if (!readString(field(*o, QLatin1String("user")), &r.user) ||
        !readString(field(*o, QLatin1String("password")), &r.password) ||
        !readList(field(*o, QLatin1String("roles")), &r.roles) ||
        !readList(field(*o, QLatin1String("grant")), &r.grant) ||
        !readList(field(*o, QLatin1String("revoke")), &r.revoke))
        return std::nullopt;
    return r;
}

std::optional<AuthJson::RoleRequest> AuthJson::parseRole(const QByteArray &body)
{
    const std::optional<QJsonObject> o = firstObject(body);
    if (!o)
        return std::nullopt;
    RoleRequest r;
    std::optional<auth::AuthPermissions> permissions;
    if (!readString(field(*o, QLatin1String("role")), &r.role) ||
        !readPermissions(field(*o, QLatin1String("permissions")), &permissions) ||
        !readPermissions(field(*o, QLatin1String("grant")), &r.grant) ||
        !readPermissions(field(*o, QLatin1String("revoke")), &r.revoke))
        return std::nullopt;
    r.permissions = permissions.value_or(auth::AuthPermissions());
    return r;
}

QByteArray AuthJson::user(const auth::AuthUser &user)
{
    QByteArray out("{\"user\":");
    JsonWriter::appendString(out, user.name);
    out.append(",\"roles\":");
    appendList(out, user.roles);
    out.append("}\n");
    return out;
}

QByteArray AuthJson::role(const auth::AuthRole &role,
                          const std::optional<auth::AuthPermissions> &grant,
                          const std::optional<auth::AuthPermissions> &revoke)
{
    QByteArray out;
    appendRoleObject(out, role, grant, revoke);
    out.append('\n');
    return out;
}

QByteArray AuthJson::userWithRoles(const QString &name, const QList<auth::AuthRole> &roles)
{
    QByteArray out;
    appendUserWithRoles(out, name, roles);
    out.append('\n');
    return out;
}

QByteArray AuthJson::userList(const QList<QPair<QString, QList<auth::AuthRole>>> &users)
{
    if (users.isEmpty())
        return QByteArrayLiteral("{\"users\":null}\n");
    QByteArray out("{\"users\":[");
    for (qsizetype i = 0; i < users.size(); ++i) {
        if (i)
            out.append(',');
        appendUserWithRoles(out, users.at(i).first, users.at(i).second);
    }
    out.append("]}\n");
    return out;
}

QByteArray AuthJson::roleList(const QList<auth::AuthRole> &roles)
{
    QByteArray out("{\"roles\":[");
    for (qsizetype i = 0; i < roles.size(); ++i) {
        if (i)
            out.append(',');
        appendRoleObject(out, roles.at(i));
    }
    out.append("]}\n");
    return out;
}

QByteArray AuthJson::enabled(bool enabled)
{
    return enabled ? QByteArrayLiteral("{\"enabled\":true}\n")
                   : QByteArrayLiteral("{\"enabled\":false}\n");
}

} // namespace api
