// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "TokenDiscovery.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace server::discovery {

Q_LOGGING_CATEGORY(lcDiscovery, "qetcd.discovery")

namespace {

// etcd's client.DefaultRequestTimeout for the short requests (not the watches).
constexpr int kRequestTimeoutMs = 5000;

// Go's time.Duration.String() for whole seconds: "2s", "1m4s", "4m16s".
QString goSeconds(int seconds)
{
    if (seconds < 60)
        return QStringLiteral("%1s").arg(seconds);
    return QStringLiteral("%1m%2s").arg(seconds / 60).arg(seconds % 60);
}

DiscoveryLogic::Registration registrationFrom(const QJsonObject &node)
{
    DiscoveryLogic::Registration r;
    r.key = node.value(QLatin1String("key")).toString();
    r.value = node.value(QLatin1String("value")).toString();
    r.createdIndex = quint64(node.value(QLatin1String("createdIndex")).toDouble());
    r.modifiedIndex = quint64(node.value(QLatin1String("modifiedIndex")).toDouble());
    return r;
}

} // namespace

TokenDiscovery::TokenDiscovery(const Options &options, QObject *parent)
    : QObject(parent), m_options(options)
{
    qRegisterMetaType<Outcome>();
}

void TokenDiscovery::start()
{
    const std::optional<DiscoveryLogic::TokenUrl> url =
        DiscoveryLogic::parseTokenUrl(m_options.discoveryUrl);
    if (!url) {
        finish(DiscoveryLogic::Failure::InvalidUrl);
        return;
    }
    m_url = *url;
    if (!m_options.proxy.isEmpty()) {
        QString error;
        const std::optional<QUrl> proxy = DiscoveryLogic::proxyUrl(m_options.proxy, &error);
        if (!proxy) {
            finish(DiscoveryLogic::Failure::Other, error);
            return;
        }
        qCInfo(lcDiscovery, "using proxy \"%s\"", qPrintable(proxy->toString()));
        m_nam.setProxy(QNetworkProxy(QNetworkProxy::HttpProxy, proxy->host(),
                                     quint16(proxy->port(80)), proxy->userName(),
                                     proxy->password()));
    } else {
        // As etcd: no proxy unless --discovery-proxy names one.
        m_nam.setProxy(QNetworkProxy(QNetworkProxy::NoProxy));
    }
    // etcd's fast path: a full cluster is refused before registering.
    checkCluster(m_options.join ? Next::Register : Next::Wait);
}

QString TokenDiscovery::selfName() const
{
    return m_options.join ? QString::number(m_options.memberId, 16) : QString();
}

void TokenDiscovery::send(const QByteArray &method, const QString &path, const QString &query,
                          const QByteArray &body, bool longPoll, Handler handler)
{
    QUrl url = m_url.service;
    url.setPath(path);
    if (!query.isEmpty())
        url.setQuery(query);
    QNetworkRequest request(url);
    request.setTransferTimeout(longPoll ? 0 : kRequestTimeoutMs);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader,
                          QByteArrayLiteral("application/x-www-form-urlencoded"));
    QNetworkReply *reply = m_nam.sendCustomRequest(request, method, body);
    // Go's net/http names the method so in its errors: Get "http://...": ...
    const QString verb = QString::fromLatin1(method.left(1) + method.mid(1).toLower());
    connect(reply, &QNetworkReply::finished, this, [this, reply, handler, url, verb] {
        reply->deleteLater();
        if (m_finished)
            return;
        Answer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.etcdIndex = reply->rawHeader("X-Etcd-Index").toULongLong();
        const QByteArray bytes = reply->readAll();
        if (answer.status == 0 || answer.status >= 500) {
            answer.kind = Answer::Kind::Unreachable;
            answer.text = answer.status == 0
                              ? QStringLiteral("%1 \"%2\": %3")
                                    .arg(verb, url.toString(), reply->errorString())
                              : QStringLiteral("client: etcd member %1 returned HTTP %2")
                                    .arg(m_url.service.toString())
                                    .arg(answer.status);
            handler(answer);
            return;
        }
        if (bytes.trimmed().isEmpty()) {
            // A long poll the server ended without an event; for any other request an answer
            // without content, which the step reports with this text.
            answer.kind = Answer::Kind::Ok;
            answer.text = QStringLiteral("%1 \"%2\": empty response (HTTP %3)")
                              .arg(verb, url.toString())
                              .arg(answer.status);
            handler(answer);
            return;
        }
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
        if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
            answer.kind = Answer::Kind::InvalidJson;
            answer.text = QStringLiteral("client: response is invalid json. The endpoint is "
                                         "probably not valid etcd cluster endpoint.");
            handler(answer);
            return;
        }
        answer.json = doc.object();
        if (answer.json.contains(QLatin1String("errorCode"))) {
            answer.kind = Answer::Kind::EtcdError;
            answer.errorCode = answer.json.value(QLatin1String("errorCode")).toInt();
            // etcd's client.Error.Error(): "<code>: <message> (<cause>) [<index>]"
            answer.text = QStringLiteral("%1: %2 (%3) [%4]")
                              .arg(answer.errorCode)
                              .arg(answer.json.value(QLatin1String("message")).toString(),
                                   answer.json.value(QLatin1String("cause")).toString())
                              .arg(quint64(answer.json.value(QLatin1String("index")).toDouble()));
        }
        handler(answer);
    });
}

bool TokenDiscovery::checkFailed(Next next, const Answer &answer, bool sizeKey)
{
    switch (answer.kind) {
    case Answer::Kind::Ok:
        return false;
    case Answer::Kind::Unreachable:
        retry(QStringLiteral("cluster status check"), answer.text,
              [this, next] { checkCluster(next); });
        break;
    case Answer::Kind::InvalidJson:
        finish(DiscoveryLogic::Failure::BadDiscoveryEndpoint);
        break;
    case Answer::Kind::EtcdError:
        if (sizeKey && answer.errorCode == 100) // Key not found
            finish(DiscoveryLogic::Failure::SizeNotFound);
        else
            finish(DiscoveryLogic::Failure::Other, answer.text);
        break;
    }
    return true;
}

void TokenDiscovery::checkCluster(Next next)
{
    const QString sizeKey = m_url.token + QLatin1String("/_config/size");
    send("GET", sizeKey, {}, {}, false, [this, next](const Answer &answer) {
        if (checkFailed(next, answer, true))
            return;
        const QString value = answer.json.value(QLatin1String("node"))
                                  .toObject()
                                  .value(QLatin1String("value"))
                                  .toString();
        const std::optional<int> size = DiscoveryLogic::parseSize(value);
        if (!size) {
            finish(DiscoveryLogic::Failure::BadSizeKey);
            return;
        }
        send("GET", m_url.token, {}, {}, false,
             [this, next, size](const Answer &listing) { listed(next, *size, listing); });
    });
}

void TokenDiscovery::listed(Next next, int size, const Answer &answer)
{
    if (checkFailed(next, answer, false))
        return;
    QList<DiscoveryLogic::Registration> children;
    const QJsonArray nodes =
        answer.json.value(QLatin1String("node")).toObject().value(QLatin1String("nodes")).toArray();
    for (const QJsonValue &n : nodes) {
        const DiscoveryLogic::Registration r = registrationFrom(n.toObject());
        if (DiscoveryLogic::baseName(r.key) != QLatin1String("_config"))
            children.append(r);
    }
    const DiscoveryLogic::Check check = DiscoveryLogic::checkCluster(children, size, selfName());
    if (check.failure == DiscoveryLogic::Failure::FullCluster) {
        Outcome outcome;
        outcome.cluster = DiscoveryLogic::nodesToCluster(check.nodes, size);
        // A proxy asking for the cluster takes a full one as the answer (etcd's getCluster).
        outcome.failure =
            m_options.join ? DiscoveryLogic::Failure::FullCluster : outcome.cluster.failure;
        outcome.error = DiscoveryLogic::text(outcome.failure);
        m_finished = true;
        emit finished(outcome);
        return;
    }
    if (next == Next::Register)
        createSelf();
    else
        waitNodes(check.nodes, size, answer.etcdIndex);
}

void TokenDiscovery::createSelf()
{
    const QString key = DiscoveryLogic::selfKey(m_url.token, m_options.memberId);
    const QByteArray body = "value=" + QUrl::toPercentEncoding(m_options.registration);
    send("PUT", key, QStringLiteral("prevExist=false"), body, false,
         [this, key](const Answer &answer) {
             if (answer.kind == Answer::Kind::EtcdError && answer.errorCode == 105) {
                 finish(DiscoveryLogic::Failure::DuplicateId);
                 return;
             }
             if (answer.kind == Answer::Kind::InvalidJson) {
                 finish(DiscoveryLogic::Failure::BadDiscoveryEndpoint);
                 return;
             }
             if (answer.kind != Answer::Kind::Ok || answer.json.isEmpty()) {
                 // etcd does not retry its registration either.
                 finish(DiscoveryLogic::Failure::Other, answer.text);
                 return;
             }
             const quint64 created = quint64(answer.json.value(QLatin1String("node"))
                                                 .toObject()
                                                 .value(QLatin1String("createdIndex"))
                                                 .toDouble());
             // etcd: "ensure self appears on the server we connected to".
             send("GET", key, QStringLiteral("wait=true&waitIndex=%1").arg(created), {}, true,
                  [this](const Answer &seen) {
                      if (seen.kind != Answer::Kind::Ok) {
                          finish(seen.kind == Answer::Kind::InvalidJson
                                     ? DiscoveryLogic::Failure::BadDiscoveryEndpoint
                                     : DiscoveryLogic::Failure::Other,
                                 seen.text);
                          return;
                      }
                      checkCluster(Next::Wait);
                  });
         });
}

void TokenDiscovery::waitNodes(QList<DiscoveryLogic::Registration> nodes, int size, quint64 index)
{
    if (nodes.size() > size)
        nodes = nodes.mid(0, size);
    m_all = nodes;
    m_size = size;
    m_waitIndex = index + 1; // etcd's AfterIndex: index
    const QString self = selfName();
    for (const DiscoveryLogic::Registration &n : std::as_const(m_all)) {
        const QString base = DiscoveryLogic::baseName(n.key);
        if (base == self)
            qCInfo(lcDiscovery, "found self %s in the cluster", qPrintable(self));
        else
            qCInfo(lcDiscovery, "found peer %s in the cluster", qPrintable(base));
    }
    watchNext();
}

void TokenDiscovery::watchNext()
{
    if (m_all.size() >= m_size) {
        qCInfo(lcDiscovery, "found %d needed peer(s)", int(m_all.size()));
        Outcome outcome;
        outcome.cluster = DiscoveryLogic::nodesToCluster(m_all, m_size);
        outcome.failure = outcome.cluster.failure;
        outcome.error = DiscoveryLogic::text(outcome.failure);
        m_finished = true;
        emit finished(outcome);
        return;
    }
    qCInfo(lcDiscovery, "found %d peer(s), waiting for %d more", int(m_all.size()),
           m_size - int(m_all.size()));
    send("GET", m_url.token,
         QStringLiteral("wait=true&recursive=true&waitIndex=%1").arg(m_waitIndex), {}, true,
         [this](const Answer &answer) {
             switch (answer.kind) {
             case Answer::Kind::Unreachable:
                 retry(QStringLiteral("waiting for other nodes"), answer.text,
                       [this] { checkCluster(Next::Wait); });
                 return;
             case Answer::Kind::InvalidJson:
                 finish(DiscoveryLogic::Failure::BadDiscoveryEndpoint);
                 return;
             case Answer::Kind::EtcdError:
                 // 401: the service's history no longer has the index: list again (etcd's
                 // client would fail here; a fresh listing loses nothing).
                 if (answer.errorCode == 401) {
                     checkCluster(Next::Wait);
                     return;
                 }
                 finish(DiscoveryLogic::Failure::Other, answer.text);
                 return;
             case Answer::Kind::Ok:
                 break;
             }
             if (answer.json.isEmpty()) { // the poll ended without an event: ask again
                 watchNext();
                 return;
             }
             const DiscoveryLogic::Registration r =
                 registrationFrom(answer.json.value(QLatin1String("node")).toObject());
             m_waitIndex = r.modifiedIndex + 1;
             // Only new registrations count (etcd would take any event; a change of
             // _config or a deletion is not a member).
             const QString action = answer.json.value(QLatin1String("action")).toString();
             const QString base = DiscoveryLogic::baseName(r.key);
             if ((action == QLatin1String("create") || action == QLatin1String("set")) &&
                 base != QLatin1String("_config") && r.key.contains(QLatin1Char('/')) &&
                 m_url.token.endsWith(r.key.left(r.key.lastIndexOf(QLatin1Char('/'))))) {
                 qCInfo(lcDiscovery, "found peer %s in the cluster", qPrintable(base));
                 m_all.append(r);
             }
             watchNext();
         });
}

void TokenDiscovery::retry(const QString &step, const QString &detail, std::function<void()> again)
{
    if (m_retries >= m_options.maxRetries) {
        finish(DiscoveryLogic::Failure::TooManyRetries);
        return;
    }
    ++m_retries;
    const int seconds = DiscoveryLogic::backoffSeconds(m_retries);
    qCCritical(lcDiscovery).noquote() << QStringLiteral("error #0: %1").arg(detail);
    qCInfo(lcDiscovery, "%s: error connecting to %s, retrying in %s", qPrintable(step),
           qPrintable(m_url.service.toString()), qPrintable(goSeconds(seconds)));
    QTimer::singleShot(seconds * 1000, this, std::move(again));
}

void TokenDiscovery::finish(DiscoveryLogic::Failure failure, const QString &error)
{
    if (m_finished)
        return;
    if (failure == DiscoveryLogic::Failure::None)
        return; // the caller emits the outcome itself
    m_finished = true;
    Outcome outcome;
    outcome.failure = failure;
    outcome.error = error.isEmpty() ? DiscoveryLogic::text(failure) : error;
    emit finished(outcome);
}

} // namespace server::discovery
