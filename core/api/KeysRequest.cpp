#include "api/KeysRequest.h"

#include "api/Form.h"
#include "api/HttpRequest.h"
#include "go/GoPath.h"
#include "go/GoStrconv.h"
#include "store/KeyLimits.h"

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

EtcdError requestError(ErrorCode code, const QString &cause)
{
    return EtcdError::make(code, cause, 0);
}

// Bounded keys (README "Limits"), checked before anything is proposed; a POST creates
// one level more than it names.
std::optional<EtcdError> keyLimitError(const QString &cleanKey, const QByteArray &method)
{
    return KeyLimits::checkRequest(cleanKey, method == "POST");
}

} // namespace

std::variant<KeysRequest, EtcdError> KeysRequest::parse(const HttpRequest &request,
                                                        const QByteArray &keyPath, qint64 nowNs)
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
        return requestError(ErrorCode::InvalidForm, formError);
    const Form &form = *parsed;

    KeysRequest r;
    // The one canonical spelling of the key: what the permission check and the
    // store both use ("/a/" and "/a" name the same key, as in etcd's store).
    r.path = GoPath::clean(QString::fromUtf8(keyPath));
    if (std::optional<EtcdError> e = keyLimitError(r.path, method))
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
        auto v = GoStrconv::parseBool(form.value(key));
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
        return requestError(ErrorCode::IndexNaN, invalidValue("prevIndex"));
    if (!uintField("waitIndex", &r.waitIndex))
        return requestError(ErrorCode::IndexNaN, invalidValue("waitIndex"));

    bool wait = false, dir = false, quorum = false;
    const std::pair<const char *, bool *> bools[] = {
        {"recursive", &r.recursive}, {"sorted", &r.sorted}, {"wait", &wait}, {"dir", &dir},
        {"quorum", &quorum},         {"stream", &r.stream}};
    for (const auto &[name, target] : bools) {
        if (!boolField(name, target))
            return requestError(ErrorCode::InvalidField, invalidValue(name));
    }
    if (wait && method != "GET")
        return requestError(ErrorCode::InvalidField,
                            QStringLiteral("\"wait\" can only be used with GET requests"));

    const QString prevValue = form.value(u"prevValue");
    if (form.has(u"prevValue") && prevValue.isEmpty())
        return requestError(ErrorCode::PrevValueRequired,
                            QStringLiteral("\"prevValue\" cannot be empty"));
    if (!boolField("noValueOnSuccess", &r.noValueOnSuccess))
        return requestError(ErrorCode::InvalidField, invalidValue("noValueOnSuccess"));

    // An empty ttl means "no TTL" (how a TTL is removed with prevExist=true).
    std::optional<quint64> ttl;
    if (!form.value(u"ttl").isEmpty()) {
        ttl = parseUint(form.value(u"ttl"));
        if (!ttl)
            return requestError(ErrorCode::TtlNaN, invalidValue("ttl"));
    }

    std::optional<bool> prevExist;
    if (form.has(u"prevExist")) {
        prevExist = GoStrconv::parseBool(form.value(u"prevExist"));
        if (!prevExist)
            return requestError(ErrorCode::InvalidField,
                                QStringLiteral("invalid value for prevExist"));
    }

    bool refresh = false;
    if (form.has(u"refresh")) {
        auto v = GoStrconv::parseBool(form.value(u"refresh"));
        if (!v)
            return requestError(ErrorCode::InvalidField,
                                QStringLiteral("invalid value for refresh"));
        refresh = *v;
        if (refresh) {
            if (form.has(u"value") && !form.value(u"value").isEmpty())
                return requestError(ErrorCode::RefreshValue,
                                    QStringLiteral("A value was provided on a refresh"));
            if (!ttl)
                return requestError(ErrorCode::RefreshTtlRequired,
                                    QStringLiteral("No TTL value set"));
        }
    }

    Command &c = r.command;
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
        c.expirationNs = Command::expiryAfter(nowNs, *ttl);

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
    if (method == "POST") {
        c.op = Command::Op::Create;
        c.unique = true;
    } else if (method == "PUT") {
        if (prevExist) {
            if (*prevExist)
                c.op = (prevIndex == 0 && prevValue.isEmpty()) ? Command::Op::Update
                                                               : Command::Op::CompareAndSwap;
            else
                c.op = Command::Op::Create;
        } else if (prevIndex > 0 || !prevValue.isEmpty()) {
            c.op = Command::Op::CompareAndSwap;
        } else {
            c.op = Command::Op::Set;
        }
    } else { // DELETE (the router lets no other method through)
        c.op = (prevIndex > 0 || !prevValue.isEmpty()) ? Command::Op::CompareAndDelete
                                                       : Command::Op::Delete;
        if (c.recursive)
            c.dir = true;
    }
    return r;
}
