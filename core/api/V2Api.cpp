// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "api/V2Api.h"

#include "api/ApiBackend.h"
#include "api/ApiResponses.h"
#include "api/JsonWriter.h"
#include "api/KeysRequest.h"
#include "api/MetricsText.h"
#include "api/StatsJson.h"
#include "api/StreamGroups.h"
#include "api/WatchState.h"
#include "auth/AuthStore.h"
#include "go/GoPath.h"
#include "go/GoUrl.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QUrl>

#include <algorithm>

namespace api {

Q_LOGGING_CATEGORY(lcApi, "qetcd.api")

namespace {

const QByteArray kKeysPrefix = QByteArrayLiteral("/v2/keys");
const QByteArray kMembersPrefix = QByteArrayLiteral("/v2/members");
const QByteArray kStatsPrefix = QByteArrayLiteral("/v2/stats/");

// `path` is `prefix` or below it ("/v2/keys", "/v2/keys/a"), without building strings.
bool isUnder(const QByteArray &path, const QByteArray &prefix)
{
    return path.startsWith(prefix) && (path.size() == prefix.size() || path[prefix.size()] == '/');
}

// Go's html.EscapeString, as http.Redirect uses it for the link it writes.
QByteArray htmlEscaped(const QByteArray &text)
{
    QByteArray out;
    for (char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&#34;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

QByteArray hexId(quint64 id)
{
    return QByteArray::number(id, 16);
}

bool isCreated(const store::Event &e)
{
    return e.action == store::Action::Create || (e.action == store::Action::Set && !e.prevNode);
}

// The state a watch shares between its store sink and its HTTP channel:
// events that arrive before the response head went out wait in `pending`.
} // namespace

V2Api::V2Api(ApiBackend &backend)
    : m_backend(backend), m_auth(backend),
      m_streamGroups(std::make_shared<StreamGroups>(backend, m_encodings))
{
}

V2Api::~V2Api()
{
    // Nothing will report these clients gone any more: dropping the channel breaks the cycle.
    for (const std::weak_ptr<WatchState> &weak : m_watches) {
        if (std::shared_ptr<WatchState> state = weak.lock()) {
            state->finished = true;
            state->channel.reset();
        }
    }
}

std::optional<HttpResponse> V2Api::redirectToCleanPath(const HttpRequest &request)
{
    if (go::GoPath::isCleanKeepingSlash(request.path))
        return std::nullopt;
    QByteArray location = go::GoUrl::escapePath(go::GoPath::cleanKeepingSlash(request.path));
    if (!request.query.isEmpty())
        location += '?' + request.query;
    HttpResponse r;
    r.status = 301;
    r.addHeader("Location", location);
    // As Go's http.Redirect: a small HTML body for GET and HEAD only.
    if (request.method == "GET" || request.method == "HEAD") {
        r.addHeader("Content-Type", "text/html; charset=utf-8");
        r.body = "<a href=\"" + htmlEscaped(location) + "\">Moved Permanently</a>.\n\n";
    }
    return r;
}

HttpResponse V2Api::errorResponse(const store::EtcdError &error) const
{
    return errorResponse(error, m_backend.clusterId());
}

HttpResponse V2Api::errorResponse(const store::EtcdError &error, quint64 clusterId)
{
    HttpResponse r = responses::json(error.httpStatus(), JsonWriter::error(error));
    r.addHeader("X-Etcd-Cluster-Id", hexId(clusterId));
    r.addHeader("X-Etcd-Index", QByteArray::number(error.index));
    return r;
}

void V2Api::addKeysHeaders(HttpResponse &response, quint64 etcdIndex) const
{
    addKeysHeaders(response, etcdIndex, m_backend.raftPosition(), m_backend.clusterId());
}

void V2Api::addKeysHeaders(HttpResponse &response, quint64 etcdIndex, const RaftPosition &raft,
                           quint64 clusterId)
{
    response.addHeader("X-Etcd-Cluster-Id", hexId(clusterId));
    response.addHeader("X-Etcd-Index", QByteArray::number(etcdIndex));
    response.addHeader("X-Raft-Index", QByteArray::number(raft.commitIndex));
    response.addHeader("X-Raft-Term", QByteArray::number(raft.term));
}

HttpResponse V2Api::keysResult(const store::StoreResult &result, bool withNodes) const
{
    return keysResult(result, withNodes, m_backend.raftPosition(), m_backend.clusterId());
}

HttpResponse V2Api::keysResult(const store::StoreResult &result, bool withNodes,
                               const RaftPosition &raft, quint64 clusterId)
{
    if (!result.ok())
        return errorResponse(*result.error, clusterId);
    HttpResponse r = responses::json(isCreated(result.event) ? 201 : 200,
                                     JsonWriter::event(result.event, withNodes));
    addKeysHeaders(r, result.event.etcdIndex, raft, clusterId);
    return r;
}

std::optional<HttpResponse> V2Api::handle(const HttpRequest &request, const ChannelFactory &defer)
{
    // Every handler below, the permission checks included, sees a clean path.
    if (std::optional<HttpResponse> moved = redirectToCleanPath(request))
        return moved;
    // Credentials no cache knows are checked off this thread (it ticks Raft);
    // the request comes back here once they have a verdict.
    if (auto taken = m_auth.verifyFirst(
            request, defer,
            [this](const HttpRequest &r, const ChannelFactory &d) { return handle(r, d); }))
        return taken->answer;
    const QByteArray &path = request.path;
    const QByteArray &method = request.method;
    const bool readOnly = method == "GET" || method == "HEAD";

    if (isUnder(path, kKeysPrefix)) {
        if (!readOnly && method != "PUT" && method != "POST" && method != "DELETE")
            return responses::methodNotAllowed("HEAD,GET,PUT,POST,DELETE");
        return handleKeys(request, path.mid(kKeysPrefix.size()), defer);
    }
    if (isUnder(path, kMembersPrefix)) {
        if (!readOnly && method != "PUT" && method != "POST" && method != "DELETE")
            return responses::methodNotAllowed("GET,POST,DELETE,PUT");
        if (!readOnly && !m_auth.allowsRootAccess(request))
            return AuthApi::insufficientCredentials();
        return handleMembers(request, path.mid(kMembersPrefix.size()), defer);
    }
    if (AuthApi::handles(path))
        return m_auth.handle(request, defer);
    if (path.startsWith(kStatsPrefix)) {
        const QByteArray which = path.mid(kStatsPrefix.size());
        if (which != "store" && which != "self" && which != "leader")
            return responses::text(404, "404 page not found\n");
        if (!readOnly)
            return responses::methodNotAllowed("GET");
        return handleStats(which);
    }
    struct Simple
    {
        const char *path;
        HttpResponse (V2Api::*handler)() const;
    };
    static const Simple simple[] = {{"/version", &V2Api::version},
                                    {"/health", &V2Api::health},
                                    {"/v2/machines", &V2Api::machines},
                                    {"/metrics", &V2Api::metrics}};
    for (const Simple &s : simple) {
        if (path == s.path) {
            if (!readOnly)
                return responses::methodNotAllowed("GET,HEAD");
            return (this->*s.handler)();
        }
    }
    return responses::text(404, "404 page not found\n");
}

std::optional<HttpResponse> V2Api::handleConcurrently(const HttpRequest &request) const
{
    // Only plain key reads: anything else (and anything unusual about a read,
    // such as a parameter error) is left to handle() on the owner thread, so
    // there is one implementation of every answer but this hot one.
    if (std::optional<HttpResponse> moved = redirectToCleanPath(request))
        return moved;
    const QByteArray &path = request.path;
    if ((request.method != "GET" && request.method != "HEAD") || !isUnder(path, kKeysPrefix))
        return std::nullopt;
    auto parsed = KeysRequest::parse(request, path.mid(kKeysPrefix.size()), m_backend.nowNs());
    const KeysRequest *r = std::get_if<KeysRequest>(&parsed);
    if (!r || r->kind != KeysRequest::Kind::Get)
        return std::nullopt;
    const Clock::time_point started = Clock::now();
    const std::optional<ConcurrentRead> read =
        m_backend.readConcurrently(r->path, r->recursive, r->sorted);
    if (!read)
        return std::nullopt;
    m_httpMetrics.received(request.method);
    return counted(request.method, started,
                   keysResult(read->result, true, read->raft, read->clusterId));
}

HttpResponse V2Api::counted(const QByteArray &method, Clock::time_point started,
                            HttpResponse response) const
{
    if (response.status >= 400)
        m_httpMetrics.failed(method, response.status);
    else
        m_httpMetrics.succeeded(method,
                                std::chrono::duration<double>(Clock::now() - started).count());
    return response;
}

store::StoreResult V2Api::readableOnly(const HttpRequest &request, store::StoreResult result) const
{
    // A reader with a prefix grant over the directory may read every child; one
    // without (an exact "/dir" grant) sees only the children it may read one by
    // one. etcd lists them all, values included.
    store::NodeValue &dir = result.event.node;
    if (!result.ok() || !dir.hasNodes || !m_backend.auth().isEnabled() ||
        m_auth.allowsKeyAccess(request, dir.key, true))
        return result;
    dir.nodes.removeIf([&](const store::NodeValue &child) {
        return !m_auth.allowsKeyAccess(request, child.key, false);
    });
    dir.hasNodes = !dir.nodes.isEmpty();
    return result;
}

std::optional<HttpResponse> V2Api::handleKeys(const HttpRequest &request, const QByteArray &keyPath,
                                              const ChannelFactory &defer)
{
    auto parsed = KeysRequest::parse(request, keyPath, m_backend.nowNs());
    if (auto *error = std::get_if<store::EtcdError>(&parsed))
        return errorResponse(*error);
    const KeysRequest &r = std::get<KeysRequest>(parsed);
    // Access is checked on the very key the store acts on (r.path, clean by
    // construction), never on a second spelling of it.
    if (!m_auth.allowsKeyAccess(request, r.path, r.recursive))
        return errorResponse(store::EtcdError::make(store::ErrorCode::Unauthorized,
                                                    QStringLiteral("Insufficient credentials"), 0));
    const bool withNodes = !r.noValueOnSuccess;
    // etcd counts a request once it parsed and passed the permission check, and labels a
    // quorum read QGET.
    const Clock::time_point started = Clock::now();
    const QByteArray method =
        r.kind == KeysRequest::Kind::QuorumGet ? QByteArrayLiteral("QGET") : request.method;
    m_httpMetrics.received(method);

    switch (r.kind) {
    case KeysRequest::Kind::Watch: {
        // Only a watch refused at once is counted (failed); an open one is never timed.
        std::optional<HttpResponse> refused =
            startWatch(r.path, r.recursive, r.stream, r.waitIndex, defer);
        if (refused && refused->status >= 400)
            m_httpMetrics.failed(method, refused->status);
        return refused;
    }
    case KeysRequest::Kind::Get:
        if (!m_backend.plainReadsNeedConsensus())
            return counted(
                method, started,
                keysResult(readableOnly(request, m_backend.get(r.path, r.recursive, r.sorted)),
                           true));
        // A member that has not caught up with its own log since it started (KeysBackend).
        [[fallthrough]];
    case KeysRequest::Kind::QuorumGet: {
        std::shared_ptr<ResponseChannel> channel = defer();
        m_backend.quorumGet(
            r.path, r.recursive, r.sorted,
            [this, channel, request, method, started](const store::StoreResult &result) {
                HttpResponse answer =
                    counted(method, started, keysResult(readableOnly(request, result), true));
                if (channel->isOpen())
                    channel->respond(std::move(answer));
            });
        return std::nullopt;
    }
    case KeysRequest::Kind::Write: {
        std::shared_ptr<ResponseChannel> channel = defer();
        m_backend.propose(r.command, [this, channel, withNodes, method,
                                      started](const store::StoreResult &result) {
            // noValueOnSuccess only trims the answers of value-setting actions.
            const store::Action a = result.event.action;
            const bool trim =
                !withNodes && (a == store::Action::Set || a == store::Action::CompareAndSwap ||
                               a == store::Action::Create || a == store::Action::Update);
            HttpResponse answer = counted(method, started, keysResult(result, !trim));
            if (channel->isOpen())
                channel->respond(std::move(answer));
        });
        return std::nullopt;
    }
    }
    return responses::text(500, "unreachable\n");
}

std::optional<HttpResponse> V2Api::startWatch(const QString &path, bool recursive, bool stream,
                                              quint64 waitIndex, const ChannelFactory &defer)
{
    if (stream && waitIndex == 0)
        return startGroupedStream(path, recursive, defer);
    auto state = std::make_shared<WatchState>();
    state->stream = stream;
    std::weak_ptr<WatchState> weak = state;
    ApiBackend *backend = &m_backend;

    // Runs with the store's lock held, once per watcher of each event: it only hands the
    // event's shared EncodedEvent to the channel, which builds the bytes (once for all
    // watchers) on the client's thread.
    auto onEvent = [weak, encodings = m_encodings](const store::Event &event) {
        auto s = weak.lock();
        if (!s || s->finished)
            return;
        std::shared_ptr<const EncodedEvent> encoded = encodings->get(event);
        if (!s->started) {
            s->pending.append(std::move(encoded));
            return;
        }
        if (!s->channel->isOpen())
            return;
        s->channel->writeEvent(encoded);
        if (!s->stream) {
            s->finished = true;
            s->channel->endStream();
        }
    };
    // The store dropped the watch (401 after a snapshot install): the head is out (only
    // Store::recover fails a watch, never watch() itself), so the error goes as the last
    // chunk of the body and ends a stream as well.
    auto onError = [weak](const store::EtcdError &error) {
        auto s = weak.lock();
        if (!s || s->finished || !s->started)
            return;
        s->finished = true;
        if (!s->channel->isOpen())
            return;
        s->channel->writeChunk(JsonWriter::error(error));
        s->channel->endStream();
    };
    store::WatchSink sink(onEvent, onError);

    store::WatchResult result = m_backend.watch(path, recursive, stream, waitIndex, sink);
    if (result.error)
        return errorResponse(*result.error);

    // From here on the answer is a (possibly long) chunked body: the head
    // goes out now so the client knows the watch is in place, as etcd does.
    state->channel = defer();
    state->watcherId = result.watcherId;
    HttpResponse head = responses::json(200, {});
    addKeysHeaders(head, result.etcdIndex);
    state->channel->beginStream(head);
    state->started = true;

    if (result.immediate)
        state->pending.prepend(std::make_shared<const EncodedEvent>(*result.immediate));
    for (const std::shared_ptr<const EncodedEvent> &event : std::as_const(state->pending)) {
        if (state->finished)
            break;
        state->channel->writeEvent(event);
        if (!stream) {
            state->finished = true;
            state->channel->endStream();
        }
    }
    state->pending.clear();

    if (state->finished) {
        if (state->watcherId)
            backend->cancelWatch(state->watcherId);
        return std::nullopt;
    }
    // The state lives as long as the channel's close callback or the sink
    // may need it: the callback below owns it.
    remember(state);
    state->channel->onClosed([state, backend] {
        state->finished = true;
        if (state->watcherId)
            backend->cancelWatch(state->watcherId);
    });
    return std::nullopt;
}

std::optional<HttpResponse> V2Api::startGroupedStream(const QString &path, bool recursive,
                                                      const ChannelFactory &defer)
{
    const StreamGroups::Joined joined = m_streamGroups->join(path, recursive);
    if (joined.error)
        return errorResponse(*joined.error);
    auto state = std::make_shared<WatchState>();
    state->stream = true;
    state->channel = defer();
    HttpResponse head = responses::json(200, {});
    addKeysHeaders(head, joined.etcdIndex);
    state->channel->beginStream(head);
    remember(state);
    m_streamGroups->started(joined.group, state);
    return std::nullopt;
}

void V2Api::remember(const std::shared_ptr<WatchState> &state)
{
    if (m_watches.size() >= m_sweepWatchesAt) {
        m_watches.erase(
            std::remove_if(m_watches.begin(), m_watches.end(),
                           [](const std::weak_ptr<WatchState> &w) { return w.expired(); }),
            m_watches.end());
        m_sweepWatchesAt = std::max<size_t>(2 * m_watches.size(), 64);
    }
    m_watches.push_back(state);
}

store::StoreStats V2Api::storeStats() const
{
    store::StoreStats s = m_backend.storeStats();
    s.watchers += m_streamGroups->extraMembers();
    return s;
}

std::optional<HttpResponse> V2Api::handleMembers(const HttpRequest &request, const QByteArray &rest,
                                                 const ChannelFactory &defer)
{
    const QByteArray method = request.method;
    QByteArray sub = rest.startsWith('/') ? rest.mid(1) : rest;

    if (method == "GET" || method == "HEAD") {
        if (sub.isEmpty()) {
            HttpResponse r = responses::json(200, StatsJson::members(m_backend.members()));
            r.addHeader("X-Etcd-Cluster-Id", hexId(m_backend.clusterId()));
            return r;
        }
        if (sub == "leader") {
            const quint64 leader = m_backend.leaderId();
            for (const MemberInfo &m : m_backend.members()) {
                if (leader != 0 && m.id == leader) {
                    HttpResponse r = responses::json(200, StatsJson::member(m) + '\n');
                    r.addHeader("X-Etcd-Cluster-Id", hexId(m_backend.clusterId()));
                    return r;
                }
            }
            return responses::httpError(503, QStringLiteral("During election"));
        }
        return responses::httpError(404, QStringLiteral("Not found"));
    }

    auto finish = [this](const std::shared_ptr<ResponseChannel> &channel, int okStatus) {
        return [this, channel, okStatus](const MemberChangeResult &result) {
            if (!channel->isOpen())
                return;
            using S = MemberChangeResult::Status;
            switch (result.status) {
            case S::Ok:
                if (okStatus == 201) {
                    HttpResponse r = responses::json(201, StatsJson::member(result.member) + '\n');
                    r.addHeader("X-Etcd-Cluster-Id", hexId(m_backend.clusterId()));
                    channel->respond(r);
                } else {
                    HttpResponse r;
                    r.status = 204;
                    r.addHeader("X-Etcd-Cluster-Id", hexId(m_backend.clusterId()));
                    channel->respond(r);
                }
                return;
            case S::Conflict:
                channel->respond(responses::httpError(409, result.message));
                return;
            case S::NotFound:
                channel->respond(responses::httpError(404, result.message));
                return;
            case S::Removed:
                channel->respond(responses::httpError(410, result.message));
                return;
            case S::Unsupported:
                channel->respond(responses::httpError(501, result.message));
                return;
            case S::Failed:
                channel->respond(responses::httpError(500, result.message));
                return;
            }
        };
    };

    // POST and PUT carry {"peerURLs": [...]} as JSON.
    auto readPeerUrls = [&](QStringList *urls) -> std::optional<HttpResponse> {
        QByteArray ctype = request.header("Content-Type");
        const qsizetype semi = ctype.indexOf(';');
        if (semi >= 0)
            ctype = ctype.left(semi);
        ctype = ctype.trimmed().toLower();
        if (ctype != "application/json")
            return responses::httpError(
                415, QStringLiteral("Bad Content-Type %1, accept application/json")
                         .arg(QString::fromUtf8(ctype)));
        QJsonParseError perr;
        const QJsonDocument doc = QJsonDocument::fromJson(request.body, &perr);
        if (perr.error != QJsonParseError::NoError || !doc.isObject())
            return responses::httpError(400, perr.error != QJsonParseError::NoError
                                                 ? perr.errorString()
                                                 : QStringLiteral("body must be a JSON object"));
        const QJsonValue list = doc.object().value(QLatin1String("peerURLs"));
        if (!list.isArray() || list.toArray().isEmpty())
            return responses::httpError(
                400, QStringLiteral("peerURLs must be a non-empty list of URLs"));
        for (const QJsonValue &v : list.toArray()) {
            const QUrl url(v.toString(), QUrl::StrictMode);
            if (!v.isString() || !url.isValid() ||
                (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
                url.host().isEmpty() || url.port() <= 0)
                return responses::httpError(
                    400, QStringLiteral("invalid peer URL %1").arg(v.toString()));
            urls->append(v.toString());
        }
        return std::nullopt;
    };

    if (method == "POST") {
        if (!sub.isEmpty())
            return responses::text(404, "404 page not found\n");
        QStringList urls;
        if (auto bad = readPeerUrls(&urls))
            return bad;
        m_backend.addMember(urls, finish(defer(), 201));
        return std::nullopt;
    }
    // PUT and DELETE address one member by its hex id.
    if (sub.isEmpty())
        return responses::methodNotAllowed("GET,POST,DELETE,PUT");
    bool ok = false;
    const quint64 id = sub.toULongLong(&ok, 16);
    if (!ok)
        return responses::httpError(
            404, QStringLiteral("No such member: %1").arg(QString::fromUtf8(sub)));
    if (method == "DELETE") {
        m_backend.removeMember(id, finish(defer(), 204));
        return std::nullopt;
    }
    QStringList urls;
    if (auto bad = readPeerUrls(&urls))
        return bad;
    m_backend.updateMember(id, urls, finish(defer(), 204));
    return std::nullopt;
}

HttpResponse V2Api::handleStats(const QByteArray &which)
{
    if (which == "store")
        return responses::json(200, StatsJson::store(storeStats()));
    if (which == "self")
        return responses::json(200, StatsJson::self(m_backend.selfStats()));
    const std::optional<LeaderStats> stats = m_backend.leaderStats();
    if (!stats)
        return responses::httpError(403, QStringLiteral("not current leader"));
    return responses::json(200, StatsJson::leader(*stats));
}

HttpResponse V2Api::version() const
{
    return responses::json(
        200, QByteArrayLiteral("{\"etcdserver\":\"2.2.4\",\"etcdcluster\":\"2.2.0\"}"));
}

HttpResponse V2Api::health() const
{
    const bool ok = m_backend.healthy();
    return responses::json(ok ? 200 : 503, ok ? QByteArrayLiteral("{\"health\":\"true\"}")
                                              : QByteArrayLiteral("{\"health\":\"false\"}"));
}

HttpResponse V2Api::machines() const
{
    QStringList urls;
    for (const MemberInfo &m : m_backend.members())
        urls += m.clientUrls;
    // etcd sorts them (RaftCluster.ClientURLs, Go's sort.Strings: byte order; URLs are ASCII);
    // python-etcd's test_machines compares the list as etcd gives it.
    urls.sort(Qt::CaseSensitive);
    return responses::text(200, urls.join(QStringLiteral(", ")).toUtf8());
}

HttpResponse V2Api::metrics() const
{
    HttpResponse r =
        responses::text(200, MetricsText::render(m_backend, storeStats(), m_httpMetrics));
    r.headers.first().second = "text/plain; version=0.0.4";
    return r;
}

} // namespace api
