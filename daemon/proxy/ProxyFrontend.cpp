// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "ProxyFrontend.h"

#include "Forwarding.h"
#include "http/Connection.h"
#include "http/HttpWire.h"
#include "http/MethodName.h"

#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QTcpSocket>

namespace server::proxy {

Q_DECLARE_LOGGING_CATEGORY(lcProxy)

namespace {

// Request headers not passed to the member: hop-by-hop ones (etcd's list), the framing (the
// proxy sets Content-Length), Expect (the client's 100-continue was answered here) and
// X-Forwarded-For (extended below).
bool dropped(QByteArrayView name)
{
    static const QByteArrayView names[] = {
        "Connection", "Keep-Alive",     "Proxy-Authenticate", "Proxy-Authorization",
        "Te",         "Trailers",       "Transfer-Encoding",  "Upgrade",
        "Expect",     "Content-Length", "X-Forwarded-For"};
    for (QByteArrayView n : names) {
        if (name.compare(n, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray plainAnswer(int status, const char *reason, const QByteArray &contentType,
                       const QByteArray &body, bool close)
{
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason + "\r\n";
    if (!contentType.isEmpty())
        out += "Content-Type: " + contentType + "\r\n";
    out += "Date: " + http::HttpWire::date() +
           "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    if (close)
        out += "Connection: close\r\n";
    return out + "\r\n" + body;
}

} // namespace

ProxyFrontend::ProxyFrontend(std::shared_ptr<Director> director, const Options &options,
                             QObject *parent)
    : QAbstractHttpServer(parent), m_director(std::move(director)), m_options(options),
      m_cors(options.cors)
{
}

ProxyFrontend::~ProxyFrontend() = default;

UpstreamConnection *ProxyFrontend::takeConnection(const Director::Endpoint &endpoint, bool fresh)
{
    if (!fresh) {
        auto it = m_idle.find(endpoint.key);
        if (it != m_idle.end()) {
            while (!it->isEmpty()) {
                UpstreamConnection *c = it->takeLast();
                if (c->reusable()) {
                    c->disconnect(this);
                    return c;
                }
                c->deleteLater();
            }
        }
    }
    return new UpstreamConnection(endpoint, m_options.timeouts, m_options.upstreamTls, this);
}

void ProxyFrontend::giveBack(UpstreamConnection *connection)
{
    QList<UpstreamConnection *> &idle = m_idle[connection->key()];
    if (!connection->reusable() || idle.size() >= maxIdlePerMember) {
        connection->deleteLater();
        return;
    }
    idle.append(connection);
    connect(connection, &UpstreamConnection::closedWhileIdle, this, &ProxyFrontend::dropIdle);
}

void ProxyFrontend::dropIdle(UpstreamConnection *connection)
{
    m_idle[connection->key()].removeOne(connection);
    connection->deleteLater();
}

bool ProxyFrontend::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    http::Connection *connection = http::Connection::of(socket);
    if (!connection || connection->refused())
        return true;
    connection->requestDone();

    // Qt's request object is reused for the connection's next request: everything the answer
    // needs is taken out now.
    const QByteArray method = http::methodName(request.method());
    const QByteArray connectionHeader = request.value("Connection").toLower();
    const bool http10 = connection->http10();
    Forwarding::Request out;
    out.http10 = http10;
    out.close =
        connectionHeader.contains("close") || (http10 && !connectionHeader.contains("keep-alive"));
    out.head = method == "HEAD";
    const QUrl url = request.url();
    const QByteArray path = url.path(QUrl::FullyEncoded).toUtf8();

    // etcd's readonly proxy: anything but GET is refused before it reaches the mux.
    if (m_options.readOnly && method != "GET") {
        const bool close = out.close;
        connection->serveInTurn([connection, close] {
            connection->writeAnswer(plainAnswer(501, "Not Implemented", {}, {}, close), true,
                                    close);
        });
        return true;
    }
    api::HttpRequest corsView;
    corsView.method = method;
    if (const QByteArray origin = request.value("Origin"); !origin.isEmpty())
        corsView.headers.append({QByteArrayLiteral("Origin"), origin});
    if (const std::optional<api::HttpResponse> preflight = m_cors.preflight(corsView)) {
        QByteArray answer = "HTTP/1.1 200 OK\r\n";
        for (const auto &h : preflight->headers)
            answer += h.first + ": " + h.second + "\r\n";
        answer += "Date: " + http::HttpWire::date() + "\r\nContent-Length: 0\r\n";
        if (out.close)
            answer += "Connection: close\r\n";
        answer += "\r\n";
        const bool close = out.close;
        connection->serveInTurn(
            [connection, answer, close] { connection->writeAnswer(answer, true, close); });
        return true;
    }
    if (path == "/v2/config/local/proxy") {
        QByteArray answer;
        if (method != "GET") {
            answer = plainAnswer(405, "Method Not Allowed", "text/plain; charset=utf-8",
                                 "Method Not Allowed\n", out.close);
            answer.replace("\r\nContent-Length", "\r\nAllow: GET\r\nContent-Length");
        } else {
            QJsonArray endpoints;
            for (const Director::Endpoint &e : m_director->endpoints())
                endpoints.append(e.url.toString());
            const QByteArray body =
                QJsonDocument(QJsonObject{{QStringLiteral("endpoints"), endpoints}})
                    .toJson(QJsonDocument::Compact) +
                '\n';
            answer = plainAnswer(200, "OK", "text/plain; charset=utf-8", body, out.close);
        }
        const bool close = out.close;
        connection->serveInTurn(
            [connection, answer, close] { connection->writeAnswer(answer, true, close); });
        return true;
    }
    api::HttpResponse corsHeaders;
    m_cors.decorate(corsView, corsHeaders);
    out.extraHeaders = corsHeaders.headers;

    // The request as the member gets it: HTTP/1.1, the client's headers but the hop-by-hop
    // ones, X-Forwarded-For extended with the client's address (etcd's maybeSetForwardedFor).
    const QByteArray body = request.body();
    const QByteArray query = url.query(QUrl::FullyEncoded).toUtf8();
    QByteArray &bytes = out.bytes;
    bytes.reserve(256 + body.size());
    bytes += method;
    bytes += ' ';
    bytes += path.isEmpty() ? QByteArray("/") : path;
    if (!query.isEmpty() || url.hasQuery()) {
        bytes += '?';
        bytes += query;
    }
    bytes += " HTTP/1.1\r\n";
    QByteArray forwardedFor;
    bool hasHost = false;
    for (const auto &h : request.headers()) {
        if (h.first.compare("X-Forwarded-For", Qt::CaseInsensitive) == 0) {
            forwardedFor += (forwardedFor.isEmpty() ? "" : ", ") + h.second;
            continue;
        }
        if (dropped(h.first))
            continue;
        if (h.first.compare("Host", Qt::CaseInsensitive) == 0)
            hasHost = true;
        bytes += h.first;
        bytes += ": ";
        bytes += h.second;
        bytes += "\r\n";
    }
    if (!hasHost)
        bytes += "Host: " + url.host().toUtf8() + "\r\n";
    QString peer = socket->peerAddress().toString();
    if (peer.startsWith(QLatin1String("::ffff:")))
        peer = peer.mid(7);
    bytes += "X-Forwarded-For: ";
    if (!forwardedFor.isEmpty())
        bytes += forwardedFor + ", ";
    bytes += peer.toUtf8();
    bytes += "\r\n";
    if (!body.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH") {
        bytes += "Content-Length: ";
        bytes += QByteArray::number(body.size());
        bytes += "\r\n";
    }
    bytes += "\r\n";
    bytes += body;

    QPointer<QTcpSocket> client(socket);
    connection->serveInTurn([this, client, connection, out = std::move(out)]() mutable {
        if (!client)
            return;
        auto *forwarding =
            new Forwarding(this, client, connection, std::move(out), m_director->endpoints());
        forwarding->start();
    });
    return true;
}

void ProxyFrontend::missingHandler(const QHttpServerRequest &, QTcpSocket *socket)
{
    // handleRequest answers every request; this only runs if Qt changes that.
    socket->write(
        plainAnswer(404, "Not Found", "text/plain; charset=utf-8", "404 page not found\n", false));
}

} // namespace server::proxy
