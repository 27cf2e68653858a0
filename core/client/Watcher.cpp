// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "client/Watcher.h"

#include "client/Client.h"
#include "client/ClientLog.h"
#include "client/Request.h"
#include "client/Transport.h"

#include <QNetworkReply>

namespace client {

namespace {

constexpr int firstBackoffMs = 100;
constexpr int maxBackoffMs = 2000;
// How long a watch waits for its response headers when the client sets no header timeout.
// A member sends a watch's headers at once and only then waits for an event (etcd and qetcd
// both do), so a watch without them is an attempt that failed. It is also the only way out of
// a loss inside Qt 6.4's QNetworkAccessManager: a long poll sent on a kept-alive connection
// just as its member was killed never finished, neither with an error nor with a resend
// (tst_client_daemon watchAcrossClusterFailoverAndRestart: 5 of 90 runs under ASan).
constexpr int defaultHeaderTimeoutMs = 5000;

quint64 headerIndex(QNetworkReply *reply)
{
    return reply->rawHeader("X-Etcd-Index").toULongLong();
}

void fillHeaders(Response *r, QNetworkReply *reply, int status)
{
    r->etcdIndex = headerIndex(reply);
    r->raftIndex = reply->rawHeader("X-Raft-Index").toULongLong();
    r->raftTerm = reply->rawHeader("X-Raft-Term").toULongLong();
    r->clusterId = QString::fromLatin1(reply->rawHeader("X-Etcd-Cluster-Id"));
    r->httpStatus = status;
}

void dispose(QPointer<QNetworkReply> &reply, QObject *receiver)
{
    if (reply) {
        reply->disconnect(receiver);
        reply->abort();
        reply->deleteLater();
    }
    reply = nullptr;
}

} // namespace

Watcher::Watcher(Client *client, const QString &key, const WatchOptions &options, QObject *parent)
    : QObject(parent), m_client(client), m_transport(new Transport(client->config(), this)),
      m_key(key), m_options(options), m_next(options.waitIndex)
{
    connect(m_transport, &Transport::requestSent, client, &Client::requestSent);
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &Watcher::connectNow);
    for (QTimer *t : {&m_pollHeaderTimer, &m_streamHeaderTimer})
        t->setSingleShot(true);
    connect(&m_pollHeaderTimer, &QTimer::timeout, this,
            [this] { fail(Transport::headerTimeout(m_endpoint)); });
    connect(&m_streamHeaderTimer, &QTimer::timeout, this,
            [this] { fail(Transport::headerTimeout(m_endpoint)); });
    m_idleTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, &Watcher::recheckIdle);
}

Watcher::~Watcher()
{
    abortAll();
}

void Watcher::start()
{
    if (m_running)
        return;
    m_running = true;
    connectNow();
}

void Watcher::stop()
{
    m_running = false;
    m_connected = false;
    m_retry.stop();
    abortAll();
}

void Watcher::restartFrom(quint64 index)
{
    stop();
    m_next = index;
    m_lastDelivered = index > 0 ? index - 1 : 0;
    start();
}

void Watcher::abortAll()
{
    m_pollHeaderTimer.stop();
    m_streamHeaderTimer.stop();
    m_idleTimer.stop();
    dispose(m_poll, this);
    dispose(m_stream, this);
    m_splitter.clear();
    m_gapFilling = false;
    m_heldBack.clear();
    m_headerIndex = 0;
}

QUrl Watcher::currentEndpoint()
{
    const QList<QUrl> endpoints = m_client ? m_client->endpoints() : QList<QUrl>();
    if (endpoints.isEmpty())
        return QUrl();
    if (!endpoints.contains(m_endpoint))
        m_endpoint = m_client->pinnedEndpoint();
    return m_endpoint;
}

void Watcher::connectNow()
{
    if (!m_running)
        return;
    abortAll();
    if (!m_client || currentEndpoint().isEmpty()) {
        stop();
        emit error(Error::make(Error::Kind::NoEndpoints,
                               QStringLiteral("client: no endpoints available")));
        return;
    }
    if (const Error e = m_transport->configurationError()) {
        stop();
        emit error(e);
        return;
    }
    if (m_options.stream)
        openStream();
    else
        poll();
}

Request Watcher::waitRequest(quint64 waitIndex, bool stream) const
{
    Request r;
    r.method = "GET";
    r.path = Request::keysPath(m_key);
    r.api = Request::Api::Keys;
    r.watch = true;
    r.addQuery(QStringLiteral("wait"), QStringLiteral("true"));
    if (stream)
        r.addQuery(QStringLiteral("stream"), QStringLiteral("true"));
    else
        r.addQuery(QStringLiteral("waitIndex"), QString::number(waitIndex));
    r.addQuery(QStringLiteral("recursive"),
               m_options.recursive ? QStringLiteral("true") : QStringLiteral("false"));
    return r;
}

QNetworkReply *Watcher::open(const Request &request, QTimer *headerTimer)
{
    QNetworkReply *reply = m_transport->send(m_endpoint, request);
    const int configured = m_client ? m_client->config().headerTimeoutMs : 0;
    headerTimer->start(configured > 0 ? configured : defaultHeaderTimeoutMs);
    return reply;
}

// --- long polls -------------------------------------------------------------------

void Watcher::poll()
{
    m_poll = open(waitRequest(m_next, false), &m_pollHeaderTimer);
    connect(m_poll, &QNetworkReply::metaDataChanged, this, &Watcher::pollHeaders);
    connect(m_poll, &QNetworkReply::finished, this, &Watcher::pollFinished);
}

void Watcher::pollHeaders()
{
    m_pollHeaderTimer.stop();
    if (!m_poll || !m_poll->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid())
        return;
    if (m_options.stream)
        return; // the stream is the connection that counts
    const int status = m_poll->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status / 100 == 5)
        return;
    m_headerIndex = headerIndex(m_poll);
    restartIdleTimer();
    m_roundErrors.clear();
    m_backoffMs = 0;
    m_everConnected = true;
    if (!m_connected) {
        m_connected = true;
        emit connected(m_endpoint);
    }
}

void Watcher::pollFinished()
{
    QNetworkReply *reply = m_poll;
    m_poll = nullptr;
    m_pollHeaderTimer.stop();
    if (!reply)
        return;
    reply->deleteLater();
    if (const Error e = connectionFailure(reply)) {
        fail(e);
        return;
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    if (status == 200 || status == 201) {
        if (body.trimmed().isEmpty()) {
            // The server ended an idle long poll; ask again from the same place.
            keepStartIndex(m_headerIndex);
            poll();
            return;
        }
        Response r;
        Error pe;
        if (!Response::parse(body, &r, &pe)) {
            fail(pe);
            return;
        }
        fillHeaders(&r, reply, status);
        const quint64 index = r.node.modifiedIndex;
        if (m_options.stream && index > m_streamStart) {
            gapClosed(); // the stream has (or will have) this one
            return;
        }
        deliver(r);
        if (!m_running)
            return;
        if (m_options.stream && m_next > m_streamStart) {
            gapClosed();
            return;
        }
        poll();
        return;
    }
    handleEtcdError(Error::fromKeysBody(body, status, m_endpoint));
}

// --- stream ---------------------------------------------------------------------

void Watcher::openStream()
{
    m_stream = open(waitRequest(0, true), &m_streamHeaderTimer);
    connect(m_stream, &QNetworkReply::metaDataChanged, this, &Watcher::streamHeaders);
    connect(m_stream, &QNetworkReply::readyRead, this, &Watcher::streamData);
    connect(m_stream, &QNetworkReply::finished, this, &Watcher::streamFinished);
}

void Watcher::streamHeaders()
{
    m_streamHeaderTimer.stop();
    if (!m_stream)
        return;
    const int status = m_stream->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200)
        return; // streamFinished() reports it
    m_streamStart = headerIndex(m_stream);
    m_headerIndex = m_streamStart;
    restartIdleTimer();
    m_roundErrors.clear();
    m_backoffMs = 0;
    m_everConnected = true;
    if (!m_connected) {
        m_connected = true;
        emit connected(m_endpoint);
    }
    if (m_next != 0 && m_next <= m_streamStart) {
        m_gapFilling = true;
        poll();
    } else if (m_next == 0) {
        m_next = m_streamStart + 1;
    }
}

void Watcher::streamData()
{
    if (!m_stream)
        return;
    const int status = m_stream->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200)
        return;
    restartIdleTimer();
    const QList<QByteArray> objects = m_splitter.feed(m_stream->readAll());
    if (m_splitter.overflowed()) {
        fail(Error::make(Error::Kind::Protocol,
                         QStringLiteral("watch event larger than %1 bytes")
                             .arg(JsonStreamSplitter::kDefaultMaxObjectBytes),
                         m_endpoint));
        return;
    }
    for (const QByteArray &object : objects) {
        Response r;
        Error pe;
        if (!Response::parse(object, &r, &pe)) {
            fail(pe);
            return;
        }
        fillHeaders(&r, m_stream, status);
        if (m_gapFilling)
            m_heldBack.append(r);
        else
            deliver(r);
        if (!m_running || !m_stream)
            return;
    }
}

void Watcher::streamFinished()
{
    QNetworkReply *reply = m_stream;
    if (!reply)
        return;
    m_streamHeaderTimer.stop();
    if (const Error e = connectionFailure(reply)) {
        fail(e);
        return;
    }
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status != 200) {
        handleEtcdError(Error::fromKeysBody(reply->readAll(), status, m_endpoint));
        return;
    }
    // The server ended the stream (e.g. it could not keep up): reconnect.
    fail(Error::make(Error::Kind::ConnectionClosed, QStringLiteral("EOF"), m_endpoint));
}

void Watcher::gapClosed()
{
    m_gapFilling = false;
    dispose(m_poll, this);
    const QList<Response> held = m_heldBack;
    m_heldBack.clear();
    for (const Response &r : held) {
        deliver(r);
        if (!m_running)
            return;
    }
    if (m_next <= m_streamStart)
        m_next = m_streamStart + 1;
}

void Watcher::keepStartIndex(quint64 connectionIndex)
{
    if (m_next == 0 && connectionIndex != 0)
        m_next = connectionIndex + 1;
}

void Watcher::restartIdleTimer()
{
    const int idleMs = m_client ? m_client->config().watchIdleRecheckMs : 0;
    if (idleMs > 0)
        m_idleTimer.start(idleMs);
}

void Watcher::recheckIdle()
{
    // Asking again costs one request: a member that is there sends the headers at once and the
    // watch goes on unnoticed (no disconnected(), no second connected()); one that is gone
    // fails the attempt (refused, or no headers in time) and fail() moves to the next member.
    // From the same index, so nothing is missed or delivered twice.
    qCDebug(lcClient) << "watch" << m_key << "idle; asking" << m_endpoint << "again";
    keepStartIndex(m_headerIndex);
    connectNow();
}

Error Watcher::connectionFailure(QNetworkReply *reply) const
{
    if (const Error te = Transport::transportError(reply, m_endpoint))
        return te;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status / 100 == 5)
        return Transport::serverError(status, m_endpoint);
    return Error();
}

void Watcher::deliver(const Response &response)
{
    const quint64 index = response.node.modifiedIndex;
    if (m_lastDelivered != 0 && index <= m_lastDelivered)
        return;
    m_lastDelivered = index;
    m_next = index + 1;
    emit event(response);
}

void Watcher::handleEtcdError(const Error &e)
{
    if (e.errorCode() == Error::WatcherCleared) {
        // The server dropped its watchers (recovery); the index is still good.
        fail(e);
        return;
    }
    stop();
    if (e.isHistoryCleared())
        emit historyCleared(e);
    else
        emit error(e);
}

void Watcher::fail(const Error &e)
{
    if (!m_running)
        return;
    qCDebug(lcClient) << "watch" << m_key << "lost" << m_endpoint << e.toString();
    keepStartIndex(m_headerIndex); // before abortAll() forgets it
    abortAll();
    m_connected = false;
    m_roundErrors.append(e);
    const int endpoints = m_client ? int(m_client->endpoints().size()) : 0;
    if (!m_everConnected && m_options.failIfUnreachable && m_roundErrors.size() >= endpoints) {
        const QList<Error> attempts = m_roundErrors;
        stop();
        emit error(Error::clusterUnavailable(attempts));
        return;
    }
    emit disconnected(e);
    if (!m_running)
        return;
    if (m_client && endpoints > 0) {
        const QList<QUrl> list = m_client->endpoints();
        const int at = int(list.indexOf(m_endpoint));
        m_endpoint = list.value((at + 1) % endpoints);
    }
    if (m_roundErrors.size() >= endpoints) {
        m_roundErrors.clear();
        m_backoffMs = m_backoffMs == 0 ? firstBackoffMs : qMin(m_backoffMs * 2, maxBackoffMs);
        m_retry.start(m_backoffMs);
    } else {
        m_retry.start(0);
    }
}

} // namespace client
