// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "Forwarding.h"

#include "ProxyFrontend.h"
#include "http/Connection.h"
#include "http/HttpWire.h"

#include <QLoggingCategory>

namespace server::proxy {

Q_DECLARE_LOGGING_CATEGORY(lcProxy)

namespace {

// Hop-by-hop headers (etcd's singleHopHeaders, from Go's httputil.ReverseProxy): not passed on.
bool hopByHop(QByteArrayView name)
{
    static const QByteArrayView names[] = {
        "Connection", "Keep-Alive", "Proxy-Authenticate", "Proxy-Authorization",
        "Te",         "Trailers",   "Transfer-Encoding",  "Upgrade"};
    for (QByteArrayView n : names) {
        if (name.compare(n, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

Forwarding::Forwarding(ProxyFrontend *frontend, QTcpSocket *client, http::Connection *connection,
                       Request request, QList<Director::Endpoint> endpoints)
    : QObject(frontend), m_frontend(frontend), m_client(client), m_connection(connection),
      m_request(std::move(request)), m_endpoints(std::move(endpoints))
{
    connect(client, &QTcpSocket::disconnected, this, &Forwarding::clientGone);
    connect(client, &QObject::destroyed, this, &Forwarding::clientGone);
    m_clientDrain.watch(client, this, [this] { clientWritten(); });
}

Forwarding::~Forwarding()
{
    if (m_upstream) {
        m_upstream->abandon();
        m_upstream->deleteLater();
    }
}

QByteArray Forwarding::errorAnswer(int status, const char *reason, const QByteArray &message,
                                   bool close)
{
    const QByteArray body = "{\"message\":\"" + message + "\"}";
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
                     "\r\nContent-Type: application/json\r\nDate: " + http::HttpWire::date() +
                     "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    if (close)
        out += "Connection: close\r\n";
    out += "\r\n" + body;
    return out;
}

void Forwarding::start()
{
    if (m_endpoints.isEmpty()) {
        qCWarning(lcProxy, "zero endpoints currently available");
        finish(errorAnswer(503, "Service Unavailable",
                           "httpproxy: zero endpoints currently available", m_request.close),
               m_request.close);
        return;
    }
    tryEndpoint(false);
}

void Forwarding::tryEndpoint(bool freshConnection)
{
    const Director::Endpoint &endpoint = m_endpoints.at(m_index);
    m_upstream = m_frontend->takeConnection(endpoint, freshConnection);
    m_upstream->send(m_request.bytes, m_request.head, this);
}

void Forwarding::upstreamFailed(bool nothingReceived, const QString &why)
{
    UpstreamConnection *failed = m_upstream;
    m_upstream = nullptr;
    const bool wasReused = failed->reused();
    failed->deleteLater();
    if (m_finished)
        return;
    if (m_headSent && m_chunked) {
        // Mid-stream: the member went away. The answer ends here, cleanly.
        qCInfo(lcProxy).noquote() << "stream from" << m_endpoints.at(m_index).key
                                  << "ended:" << why;
        finish(m_request.http10 ? QByteArray() : http::HttpWire::lastChunk(), m_closeAfter);
        return;
    }
    if (m_headSent) {
        // Part of an answer was passed on: the client cannot be told otherwise.
        qCWarning(lcProxy).noquote()
            << "answer from" << m_endpoints.at(m_index).key << "cut short:" << why;
        finish(QByteArray(), true);
        return;
    }
    // A kept-alive connection the member closed while it was idle: once more on a new one, as
    // Go's transport retries, without blaming the member.
    if (wasReused && nothingReceived) {
        tryEndpoint(true);
        return;
    }
    qCWarning(lcProxy).noquote() << "failed to direct request to" << m_endpoints.at(m_index).key
                                 << ":" << why;
    m_frontend->director().failed(m_endpoints.at(m_index).key);
    next();
}

void Forwarding::next()
{
    if (++m_index < m_endpoints.size()) {
        tryEndpoint(false);
        return;
    }
    const QByteArray message = "httpproxy: unable to get response from " +
                               QByteArray::number(m_endpoints.size()) + " endpoint(s)";
    qCWarning(lcProxy).noquote() << message;
    finish(errorAnswer(502, "Bad Gateway", message, m_request.close), m_request.close);
}

void Forwarding::upstreamHead(const ResponseReader &reader)
{
    m_closeAfter = m_request.close;
    QByteArray head;
    head.reserve(512);
    head += "HTTP/1.1 ";
    head += QByteArray::number(reader.status());
    head += ' ';
    head += reader.reason().isEmpty() ? QByteArray(http::HttpWire::reason(reader.status()))
                                      : reader.reason();
    head += "\r\n";
    const bool extra = !m_request.extraHeaders.isEmpty();
    for (const auto &h : reader.headers()) {
        if (hopByHop(h.first))
            continue;
        if (extra && h.first.startsWith("Access-Control-"))
            continue; // the proxy's --cors decides
        head += h.first;
        head += ": ";
        head += h.second;
        head += "\r\n";
    }
    for (const auto &h : m_request.extraHeaders)
        head += h.first + ": " + h.second + "\r\n";
    switch (reader.framing()) {
    case ResponseReader::Framing::Chunked:
    case ResponseReader::Framing::UntilClose:
        if (m_request.http10) {
            m_closeAfter = true; // the body's end is the connection's
        } else {
            m_chunked = true;
            head += "Transfer-Encoding: chunked\r\n";
        }
        break;
    case ResponseReader::Framing::Length:
    case ResponseReader::Framing::None:
        break;
    }
    if (m_closeAfter)
        head += "Connection: close\r\n";
    head += "\r\n";
    m_headSent = true;
    if (m_connection)
        m_connection->writeAnswer(head, false, false);
}

void Forwarding::upstreamBody(const QByteArray &bytes)
{
    if (!m_connection || !m_client)
        return;
    m_connection->writeAnswer(m_chunked ? http::HttpWire::chunk(bytes) : bytes, false, false);
    if (!m_paused && m_client && transport::SocketDrain::unsentBytes(m_client) > highWaterBytes &&
        m_upstream) {
        m_paused = true;
        m_upstream->pause();
    }
}

void Forwarding::clientWritten()
{
    if (m_paused && m_client && transport::SocketDrain::unsentBytes(m_client) < lowWaterBytes &&
        m_upstream) {
        m_paused = false;
        m_upstream->resume();
    }
}

void Forwarding::upstreamDone()
{
    UpstreamConnection *done = m_upstream;
    m_upstream = nullptr;
    m_frontend->giveBack(done);
    finish(m_chunked ? http::HttpWire::lastChunk() : QByteArray(), m_closeAfter);
}

void Forwarding::finish(const QByteArray &bytes, bool closeAfter)
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_connection && m_client && m_client->state() == QAbstractSocket::ConnectedState) {
        m_connection->writeAnswer(bytes, true, closeAfter);
        // The answer leaves now rather than at the event loop's next turn.
        if (m_client && m_client->state() == QAbstractSocket::ConnectedState)
            m_client->flush();
    }
    deleteLater();
}

void Forwarding::clientGone()
{
    // The client left (a watch given up, a timeout): the member's side is of no more use.
    m_connection = nullptr;
    if (m_upstream) {
        m_upstream->abandon();
        m_upstream->deleteLater();
        m_upstream = nullptr;
    }
    m_finished = true;
    deleteLater();
}

} // namespace server::proxy
