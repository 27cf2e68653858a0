// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "client/Client.h"

#include "client/ClientLog.h"
#include "client/GoText.h"
#include "client/Member.h"
#include "client/Transport.h"
#include "client/Watcher.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>

#include <algorithm>

namespace client {

namespace {

QString boolText(bool b)
{
    return b ? QStringLiteral("true") : QStringLiteral("false");
}

QByteArray jsonList(const QStringList &items)
{
    if (items.isEmpty())
        return "null";
    QByteArray out = "[";
    for (int i = 0; i < items.size(); ++i) {
        if (i)
            out += ',';
        out += go::jsonString(items[i]);
    }
    return out + ']';
}

QByteArray kvJson(const QStringList &read, const QStringList &write)
{
    return "{\"kv\":{\"read\":" + jsonList(read) + ",\"write\":" + jsonList(write) + "}}";
}

Request apiRequest(const QByteArray &method, const QString &path, Request::Api api, QList<int> ok)
{
    Request r;
    r.method = method;
    r.path = path;
    r.api = api;
    r.okStatus = std::move(ok);
    r.messageOnAnyStatus = api == Request::Api::Auth;
    return r;
}

} // namespace

Client::Client(const ClientConfig &config, QObject *parent)
    : QObject(parent), m_config(config), m_transport(new Transport(config, this)),
      m_endpoints(config.endpoints)
{
    connect(m_transport, &Transport::requestSent, this, &Client::requestSent);
    if (m_config.autoSyncIntervalMs > 0) {
        m_autoSync.setInterval(m_config.autoSyncIntervalMs);
        connect(&m_autoSync, &QTimer::timeout, this,
                [this] { sync()->then(this, [](Reply *) {}); });
        m_autoSync.start();
    }
}

Client::~Client() = default;

Error Client::configurationError() const
{
    return m_transport->configurationError();
}

void Client::setEndpoints(const QList<QUrl> &endpoints)
{
    if (endpoints == m_endpoints)
        return;
    const QUrl pinned = pinnedEndpoint();
    m_endpoints = endpoints;
    m_pinned = std::max<qsizetype>(0, m_endpoints.indexOf(pinned));
    qCDebug(lcClient) << "endpoints" << m_endpoints;
    emit endpointsChanged(m_endpoints);
}

QUrl Client::pinnedEndpoint() const
{
    return m_endpoints.isEmpty() ? QUrl() : m_endpoints.value(m_pinned % m_endpoints.size());
}

// --- dispatch -----------------------------------------------------------------

Reply *Client::send(const Request &request, const QUrl &onlyEndpoint)
{
    auto *reply = new Reply(request, this);
    if (onlyEndpoint.isValid()) {
        reply->m_request.failover = false;
        reply->m_endpoints = {onlyEndpoint};
    } else {
        reply->m_endpoints = m_endpoints;
        reply->m_first = m_endpoints.isEmpty() ? 0 : m_pinned % m_endpoints.size();
    }
    Error early = m_transport->configurationError();
    if (!early && reply->m_endpoints.isEmpty())
        early =
            Error::make(Error::Kind::NoEndpoints, QStringLiteral("client: no endpoints available"));
    if (early) {
        QMetaObject::invokeMethod(
            reply, [reply, early] { reply->finish(early); }, Qt::QueuedConnection);
        return reply;
    }
    if (m_config.totalTimeoutMs > 0 && !request.watch) {
        connect(&reply->m_deadline, &QTimer::timeout, reply, [reply] {
            if (reply->m_current) {
                reply->m_current->disconnect(reply);
                reply->m_current->abort();
                reply->m_current->deleteLater();
            }
            reply->finish(
                Error::make(Error::Kind::Deadline, QStringLiteral("context deadline exceeded")));
        });
        reply->m_deadline.start(m_config.totalTimeoutMs);
    }
    connect(&reply->m_headerTimer, &QTimer::timeout, reply,
            [this, reply] { attemptTimedOut(reply, reply->m_currentIndex); });
    attempt(reply);
    return reply;
}

void Client::attempt(Reply *reply)
{
    if (reply->m_finished)
        return;
    const int n = reply->m_endpoints.size();
    if (reply->m_tried >= n) {
        reply->finish(reply->m_request.failover ? Error::clusterUnavailable(reply->m_attempts)
                                                : reply->m_attempts.value(0));
        return;
    }
    const int index = (reply->m_first + reply->m_tried) % n;
    QNetworkReply *net = m_transport->send(reply->m_endpoints[index], reply->m_request);
    reply->m_current = net;
    connect(net, &QNetworkReply::metaDataChanged, reply, [reply] { reply->m_headerTimer.stop(); });
    connect(net, &QNetworkReply::finished, reply,
            [this, reply, index] { attemptFinished(reply, index); });
    reply->m_currentIndex = index;
    if (m_config.headerTimeoutMs > 0)
        reply->m_headerTimer.start(m_config.headerTimeoutMs);
}

void Client::attemptTimedOut(Reply *reply, int index)
{
    if (reply->m_current) {
        reply->m_current->disconnect(reply);
        reply->m_current->abort();
        reply->m_current->deleteLater();
        reply->m_current = nullptr;
    }
    reply->m_attempts.append(Transport::headerTimeout(reply->m_endpoints[index]));
    ++reply->m_tried;
    attempt(reply);
}

void Client::attemptFinished(Reply *reply, int index)
{
    QNetworkReply *net = reply->m_current;
    reply->m_current = nullptr;
    reply->m_headerTimer.stop();
    if (!net || reply->m_finished)
        return;
    net->deleteLater();
    const QUrl endpoint = reply->m_endpoints[index];

    const Error transportError = Transport::transportError(net, endpoint);
    if (transportError) {
        qCDebug(lcClient) << "attempt failed" << endpoint << transportError.toString();
        reply->m_attempts.append(transportError);
        ++reply->m_tried;
        attempt(reply);
        return;
    }
    const int status = net->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->m_request.failover && status / 100 == 5) {
        reply->m_attempts.append(Transport::serverError(status, endpoint));
        ++reply->m_tried;
        attempt(reply);
        return;
    }
    if (reply->m_request.failover && index != m_pinned && reply->m_endpoints == m_endpoints)
        m_pinned = index;
    reply->m_status = status;
    reply->m_body = net->readAll();
    reply->m_headers = net->rawHeaderPairs();
    reply->m_endpoint = endpoint;
    Error e = interpret(reply);
    if (!e && reply->m_validate)
        e = reply->m_validate(reply);
    reply->finish(e);
}

Error Client::interpret(Reply *reply) const
{
    const int status = reply->m_status;
    const QByteArray &body = reply->m_body;
    if (reply->m_request.api == Request::Api::Keys) {
        if (status == 200 || status == 201) {
            Response r;
            Error e;
            if (!Response::parse(body, &r, &e))
                return e;
            return Error();
        }
        return Error::fromKeysBody(body, status, reply->m_endpoint);
    }
    const Request &request = reply->m_request;
    if (request.okStatus.contains(status))
        return Error();
    if (request.messageOnAnyStatus || request.messageStatus.contains(status)) {
        const QString decodeError = go::jsonDecodeError(body, request.goErrorType);
        const QString message =
            decodeError.isEmpty()
                ? QJsonDocument::fromJson(body).object().value(QLatin1String("message")).toString()
                : decodeError;
        return Error::make(Error::Kind::Http, message, reply->m_endpoint, status);
    }
    return Error::make(Error::Kind::Http, QStringLiteral("unexpected status code %1").arg(status),
                       reply->m_endpoint, status);
}

// --- keys -----------------------------------------------------------------------

Reply *Client::get(const QString &key, const GetOptions &options)
{
    Request r = apiRequest("GET", Request::keysPath(key), Request::Api::Keys, {200});
    r.addQuery(QStringLiteral("recursive"), boolText(options.recursive));
    r.addQuery(QStringLiteral("sorted"), boolText(options.sorted));
    r.addQuery(QStringLiteral("quorum"), boolText(options.quorum));
    return send(r);
}

Reply *Client::set(const QString &key, const QString &value, const SetOptions &options)
{
    Request r = apiRequest("PUT", Request::keysPath(key), Request::Api::Keys, {200, 201});
    QList<QPair<QString, QString>> form;
    if (options.dir) {
        r.addQuery(QStringLiteral("dir"), QStringLiteral("true"));
    } else {
        if (!options.prevValue.isEmpty())
            r.addQuery(QStringLiteral("prevValue"), options.prevValue);
        if (!options.refresh)
            form.append({QStringLiteral("value"), value});
    }
    if (options.prevIndex != 0)
        r.addQuery(QStringLiteral("prevIndex"), QString::number(options.prevIndex));
    if (options.prevExist != SetOptions::PrevExist::Ignore)
        r.addQuery(QStringLiteral("prevExist"),
                   boolText(options.prevExist == SetOptions::PrevExist::MustExist));
    if (options.ttl > 0)
        form.append({QStringLiteral("ttl"), QString::number(options.ttl)});
    else if (options.clearTtl)
        form.append({QStringLiteral("ttl"), QString()});
    if (options.refresh)
        form.append({QStringLiteral("refresh"), QStringLiteral("true")});
    r.setFormBody(form);
    return send(r);
}

Reply *Client::create(const QString &key, const QString &value, qint64 ttl)
{
    SetOptions o;
    o.prevExist = SetOptions::PrevExist::MustNotExist;
    o.ttl = ttl;
    return set(key, value, o);
}

Reply *Client::update(const QString &key, const QString &value, qint64 ttl)
{
    SetOptions o;
    o.prevExist = SetOptions::PrevExist::MustExist;
    o.ttl = ttl;
    return set(key, value, o);
}

Reply *Client::setDir(const QString &key, const SetOptions &options)
{
    SetOptions o = options;
    o.dir = true;
    return set(key, QString(), o);
}

Reply *Client::createInOrder(const QString &dir, const QString &value, qint64 ttl)
{
    Request r = apiRequest("POST", Request::keysPath(dir), Request::Api::Keys, {200, 201});
    QList<QPair<QString, QString>> form{{QStringLiteral("value"), value}};
    if (ttl > 0)
        form.append({QStringLiteral("ttl"), QString::number(ttl)});
    r.setFormBody(form);
    return send(r);
}

Reply *Client::remove(const QString &key, const DeleteOptions &options)
{
    Request r = apiRequest("DELETE", Request::keysPath(key), Request::Api::Keys, {200});
    if (!options.prevValue.isEmpty())
        r.addQuery(QStringLiteral("prevValue"), options.prevValue);
    if (options.prevIndex != 0)
        r.addQuery(QStringLiteral("prevIndex"), QString::number(options.prevIndex));
    if (options.dir)
        r.addQuery(QStringLiteral("dir"), QStringLiteral("true"));
    if (options.recursive)
        r.addQuery(QStringLiteral("recursive"), QStringLiteral("true"));
    r.contentType = "application/x-www-form-urlencoded";
    return send(r);
}

Reply *Client::waitOnce(const QString &key, const WatchOptions &options)
{
    Request r = apiRequest("GET", Request::keysPath(key), Request::Api::Keys, {200});
    r.addQuery(QStringLiteral("wait"), QStringLiteral("true"));
    r.addQuery(QStringLiteral("waitIndex"), QString::number(options.waitIndex));
    r.addQuery(QStringLiteral("recursive"), boolText(options.recursive));
    r.watch = true;
    return send(r);
}

Watcher *Client::watch(const QString &key, const WatchOptions &options, QObject *parent)
{
    auto *w = new Watcher(this, key, options, parent ? parent : this);
    w->start();
    return w;
}

// --- cluster --------------------------------------------------------------------

Reply *Client::listMembers()
{
    return send(apiRequest("GET", QStringLiteral("/v2/members"), Request::Api::Members, {200}));
}

Reply *Client::leader()
{
    return send(
        apiRequest("GET", QStringLiteral("/v2/members/leader"), Request::Api::Members, {200}));
}

Reply *Client::addMember(const QStringList &peerUrls)
{
    Request r = apiRequest("POST", QStringLiteral("/v2/members"), Request::Api::Members, {201});
    r.messageStatus = {409};
    r.goErrorType = QStringLiteral("httptypes.HTTPError");
    r.setJsonBody("{\"peerURLs\":" + jsonList(peerUrls) + '}');
    return send(r);
}

Reply *Client::removeMember(const QString &id)
{
    return send(
        apiRequest("DELETE", QStringLiteral("/v2/members/") + id, Request::Api::Members, {204}));
}

Reply *Client::updateMember(const QString &id, const QStringList &peerUrls)
{
    Request r =
        apiRequest("PUT", QStringLiteral("/v2/members/") + id, Request::Api::Members, {204});
    r.setJsonBody("{\"peerURLs\":" + jsonList(peerUrls) + '}');
    return send(r);
}

Reply *Client::sync()
{
    Reply *reply = listMembers();
    reply->m_validate = [this](Reply *r) {
        QList<QUrl> urls;
        const QList<Member> members = r->members();
        for (const Member &m : members) {
            for (const QString &u : m.clientUrls)
                urls.append(QUrl(u));
        }
        if (urls.isEmpty())
            return Error::make(Error::Kind::NoEndpoints,
                               QStringLiteral("client: no endpoints available"));
        setEndpoints(urls);
        return Error();
    };
    return reply;
}

Reply *Client::leaderStats()
{
    return send(apiRequest("GET", QStringLiteral("/v2/stats/leader"), Request::Api::Plain, {200}));
}

Reply *Client::selfStats()
{
    return send(apiRequest("GET", QStringLiteral("/v2/stats/self"), Request::Api::Plain, {200}));
}

Reply *Client::storeStats()
{
    return send(apiRequest("GET", QStringLiteral("/v2/stats/store"), Request::Api::Plain, {200}));
}

Reply *Client::version(const QUrl &endpoint)
{
    return send(apiRequest("GET", QStringLiteral("/version"), Request::Api::Plain, {200}),
                endpoint);
}

Reply *Client::health(const QUrl &endpoint)
{
    return send(apiRequest("GET", QStringLiteral("/health"), Request::Api::Plain, {200, 503}),
                endpoint);
}

Reply *Client::machines()
{
    return send(apiRequest("GET", QStringLiteral("/v2/machines"), Request::Api::Plain, {200}));
}

// --- auth -----------------------------------------------------------------------

Reply *Client::authStatus()
{
    return send(apiRequest("GET", QStringLiteral("/v2/auth/enable"), Request::Api::Auth, {200}));
}

Reply *Client::enableAuth()
{
    return send(
        apiRequest("PUT", QStringLiteral("/v2/auth/enable"), Request::Api::Auth, {200, 201}));
}

Reply *Client::disableAuth()
{
    return send(
        apiRequest("DELETE", QStringLiteral("/v2/auth/enable"), Request::Api::Auth, {200, 201}));
}

Reply *Client::listUsers()
{
    Request r = apiRequest("GET", QStringLiteral("/v2/auth/users"), Request::Api::Auth, {200});
    r.contentType = "application/json";
    return send(r);
}

Reply *Client::getUser(const QString &name)
{
    return send(
        apiRequest("GET", QStringLiteral("/v2/auth/users/") + name, Request::Api::Auth, {200}));
}

Reply *Client::addUser(const QString &name, const QString &password)
{
    Request r =
        apiRequest("PUT", QStringLiteral("/v2/auth/users/") + name, Request::Api::Auth, {200, 201});
    r.setJsonBody("{\"user\":" + go::jsonString(name) +
                  ",\"password\":" + go::jsonString(password) + ",\"roles\":null}");
    return send(r);
}

Reply *Client::removeUser(const QString &name)
{
    return send(apiRequest("DELETE", QStringLiteral("/v2/auth/users/") + name, Request::Api::Auth,
                           {200, 201}));
}

Reply *Client::changePassword(const QString &name, const QString &password)
{
    Request r =
        apiRequest("PUT", QStringLiteral("/v2/auth/users/") + name, Request::Api::Auth, {200});
    r.setJsonBody("{\"user\":" + go::jsonString(name) +
                  ",\"password\":" + go::jsonString(password) + ",\"roles\":null}");
    return send(r);
}

Reply *Client::grantUserRoles(const QString &name, const QStringList &roles)
{
    Request r =
        apiRequest("PUT", QStringLiteral("/v2/auth/users/") + name, Request::Api::Auth, {200});
    r.setJsonBody("{\"user\":" + go::jsonString(name) +
                  ",\"roles\":null,\"grant\":" + jsonList(roles) + '}');
    return send(r);
}

Reply *Client::revokeUserRoles(const QString &name, const QStringList &roles)
{
    Request r =
        apiRequest("PUT", QStringLiteral("/v2/auth/users/") + name, Request::Api::Auth, {200});
    r.setJsonBody("{\"user\":" + go::jsonString(name) +
                  ",\"roles\":null,\"revoke\":" + jsonList(roles) + '}');
    return send(r);
}

Reply *Client::listRoles()
{
    Request r = apiRequest("GET", QStringLiteral("/v2/auth/roles"), Request::Api::Auth, {200});
    r.messageOnAnyStatus = false; // the Go client reports only the status here
    r.contentType = "application/json";
    return send(r);
}

Reply *Client::getRole(const QString &name)
{
    return send(
        apiRequest("GET", QStringLiteral("/v2/auth/roles/") + name, Request::Api::Auth, {200}));
}

Reply *Client::addRole(const QString &name)
{
    Request r =
        apiRequest("PUT", QStringLiteral("/v2/auth/roles/") + name, Request::Api::Auth, {200, 201});
    r.setJsonBody("{\"role\":" + go::jsonString(name) + ",\"permissions\":" + kvJson({}, {}) + '}');
    return send(r);
}

Reply *Client::removeRole(const QString &name)
{
    return send(apiRequest("DELETE", QStringLiteral("/v2/auth/roles/") + name, Request::Api::Auth,
                           {200, 201}));
}

Reply *Client::grantRolePermissions(const QString &name, const QStringList &read,
                                    const QStringList &write)
{
    Request r =
        apiRequest("PUT", QStringLiteral("/v2/auth/roles/") + name, Request::Api::Auth, {200});
    r.setJsonBody("{\"role\":" + go::jsonString(name) + ",\"permissions\":" + kvJson({}, {}) +
                  ",\"grant\":" + kvJson(read, write) + '}');
    return send(r);
}

Reply *Client::revokeRolePermissions(const QString &name, const QStringList &read,
                                     const QStringList &write)
{
    Request r =
        apiRequest("PUT", QStringLiteral("/v2/auth/roles/") + name, Request::Api::Auth, {200});
    r.setJsonBody("{\"role\":" + go::jsonString(name) + ",\"permissions\":" + kvJson({}, {}) +
                  ",\"revoke\":" + kvJson(read, write) + '}');
    return send(r);
}

// --- helpers --------------------------------------------------------------------

bool Client::normalizePeerUrls(const QStringList &urls, QStringList *out, QString *error)
{
    if (urls.isEmpty()) {
        *error = QStringLiteral("no valid URLs given");
        return false;
    }
    QStringList result;
    for (QString in : urls) {
        in = in.trimmed();
        const QUrl u(in, QUrl::StrictMode);
        const QString scheme = u.scheme();
        if (scheme != QLatin1String("http") && scheme != QLatin1String("https") &&
            scheme != QLatin1String("unix") && scheme != QLatin1String("unixs")) {
            *error = QStringLiteral("URL scheme must be http, https, unix, or unixs: %1").arg(in);
            return false;
        }
        if (u.host().isEmpty() || u.port() == -1) {
            *error = QStringLiteral("URL address does not have the form \"host:port\": %1").arg(in);
            return false;
        }
        if (!u.path().isEmpty()) {
            *error = QStringLiteral("URL must not contain a path: %1").arg(in);
            return false;
        }
        result.append(in);
    }
    std::sort(result.begin(), result.end());
    *out = result;
    return true;
}

QList<QUrl> Client::parseEndpoints(const QStringList &endpoints)
{
    QList<QUrl> out;
    for (const QString &e : endpoints) {
        QUrl u(e);
        if (u.scheme().isEmpty() || !e.contains(QLatin1String("://")))
            u = QUrl(QStringLiteral("http://") + e);
        out.append(u);
    }
    return out;
}

} // namespace client
