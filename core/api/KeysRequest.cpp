// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "api/KeysRequest.h"

#include "api/Form.h"
#include "api/HttpRequest.h"
#include "go/GoPath.h"
#include "go/GoStrconv.h"
#include "store/KeyLimits.h"
#include "store/WriteOp.h"

namespace api {

namespace {

// Go's strconv.ParseUint(s, 10, 64): digits only, no sign, no blanks.
std::optional<quint64> parseUint(const QString &s)
{
    if (s.isEmpty())
        return std::nullopt;
    for (QChar c : s) {
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return std::nullopt;
    }
    bool ok = false;
    const quint64 v = s.toULongLong(&ok, 10);
    if (!ok)
        return std::nullopt;
    return v;
}

store::EtcdError requestError(store::ErrorCode code, const QString &cause)
{
    return store::EtcdError::make(code, cause, 0);
}

// Bounded keys (README "Limits"), checked before anything is proposed; a POST creates
// one level more than it names.
std::optional<store::EtcdError> keyLimitError(const QString &cleanKey, const QByteArray &method)
{
    return store::KeyLimits::checkRequest(cleanKey, method == "POST");
}

} // namespace

std::variant<KeysRequest, store::EtcdError>
KeysRequest::parse(const HttpRequest &request, const QByteArray &keyPath, qint64 nowNs)
{
    const QByteArray &method = request.method;
    const bool bodyCarriesForm = (method == "PUT" || method == "POST" || method == "PATCH") &&
                                 request.header("Content-Type")
                                     .trimmed()
                                     .toLower()
                                     .startsWith("application/x-www-form-urlencoded");
    QString formError;
    const std::optional<Form> parsed =
        Form::parse(request.query, request.body, bodyCarriesForm, &formError);
    if (!parsed)
        return requestError(store::ErrorCode::InvalidForm, formError);
    const Form &form = *parsed;

    KeysRequest r;
    // The one canonical spelling of the key: what the permission check and the
    // store both use ("/a/" and "/a" name the same key, as in etcd's store).
    r.path = go::GoPath::clean(QString::fromUtf8(keyPath));
    if (std::optional<store::EtcdError> e = keyLimitError(r.path, method))
        return *e;

    auto uintField = [&](const char *name, quint64 *out) -> bool {
        const QString key = QLatin1String(name);
        if (!form.has(key))
            return true;
        auto v = parseUint(form.value(key));
        if (!v)
            return false;
        *out = *v;
        return true;
    };
    auto boolField = [&](const char *name, bool *out) -> bool {
        const QString key = QLatin1String(name);
        if (!form.has(key))
            return true;
        auto v = go::GoStrconv::parseBool(form.value(key));
        if (!v)
            return false;
        *out = *v;
        return true;
    };
    auto invalidValue = [](const char *name) {
        return QStringLiteral("invalid value for \"%1\"").arg(QLatin1String(name));
    };

    quint64 prevIndex = 0;
    if (!uintField("prevIndex", &prevIndex))
        return requestError(store::ErrorCode::IndexNaN, invalidValue("prevIndex"));
    if (!uintField("waitIndex", &r.waitIndex))
        return requestError(store::ErrorCode::IndexNaN, invalidValue("waitIndex"));

    bool wait = false, dir = false, quorum = false;
    const std::pair<const char *, bool *> bools[] = {
        {"recursive", &r.recursive}, {"sorted", &r.sorted}, {"wait", &wait}, {"dir", &dir},
        {"quorum", &quorum},         {"stream", &r.stream}};
    for (const auto &[name, target] : bools) {
        if (!boolField(name, target))
            return requestError(store::ErrorCode::InvalidField, invalidValue(name));
    }
    if (wait && method != "GET")
        return requestError(store::ErrorCode::InvalidField,
                            QStringLiteral("\"wait\" can only be used with GET requests"));

    const QString prevValue = form.value(u"prevValue");
    if (form.has(u"prevValue") && prevValue.isEmpty())
        return requestError(store::ErrorCode::PrevValueRequired,
                            QStringLiteral("\"prevValue\" cannot be empty"));
    if (!boolField("noValueOnSuccess", &r.noValueOnSuccess))
        return requestError(store::ErrorCode::InvalidField, invalidValue("noValueOnSuccess"));

    // An empty ttl means "no TTL" (how a TTL is removed with prevExist=true).
    std::optional<quint64> ttl;
    if (!form.value(u"ttl").isEmpty()) {
        ttl = parseUint(form.value(u"ttl"));
        if (!ttl)
            return requestError(store::ErrorCode::TtlNaN, invalidValue("ttl"));
    }

    std::optional<bool> prevExist;
    if (form.has(u"prevExist")) {
        prevExist = go::GoStrconv::parseBool(form.value(u"prevExist"));
        if (!prevExist)
            return requestError(store::ErrorCode::InvalidField,
                                QStringLiteral("invalid value for prevExist"));
    }

    bool refresh = false;
    if (form.has(u"refresh")) {
        auto v = go::GoStrconv::parseBool(form.value(u"refresh"));
        if (!v)
            return requestError(store::ErrorCode::InvalidField,
                                QStringLiteral("invalid value for refresh"));
        refresh = *v;
        if (refresh) {
            if (form.has(u"value") && !form.value(u"value").isEmpty())
                return requestError(store::ErrorCode::RefreshValue,
                                    QStringLiteral("A value was provided on a refresh"));
            if (!ttl)
                return requestError(store::ErrorCode::RefreshTtlRequired,
                                    QStringLiteral("No TTL value set"));
        }
    }

    store::Command &c = r.command;
    c.path = r.path;
    c.value = form.value(u"value");
    c.dir = dir;
    c.recursive = r.recursive;
    c.refresh = refresh;
    c.prevValue = prevValue;
    c.prevIndex = prevIndex;
    // This member's clock; the leader stamps the write again with its own as it enters
    // the log (Command::restamp), keeping the TTL.
    c.timeNs = nowNs;
    if (ttl)
        c.expirationNs = store::Command::expiryAfter(nowNs, *ttl);

    if (method == "GET" || method == "HEAD") {
        r.head = method == "HEAD";
        if (method == "GET" && quorum)
            r.kind = Kind::QuorumGet;
        else if (wait)
            r.kind = Kind::Watch;
        else
            r.kind = Kind::Get;
        return r;
    }

    r.kind = Kind::Write;
    // DELETE otherwise: the router lets no other method through.
    const store::WriteOp::Method writeMethod = method == "POST"  ? store::WriteOp::Method::Post
                                               : method == "PUT" ? store::WriteOp::Method::Put
                                                                 : store::WriteOp::Method::Delete;
    c.op = store::WriteOp::of(writeMethod, prevExist, prevIndex > 0 || !prevValue.isEmpty());
    c.unique = writeMethod == store::WriteOp::Method::Post;
    if (writeMethod == store::WriteOp::Method::Delete && c.recursive)
        c.dir = true;
    return r;
}

} // namespace api
