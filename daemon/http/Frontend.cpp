// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "Frontend.h"

#include "Connection.h"
#include "HttpWire.h"
#include "MethodName.h"
#include "SocketChannel.h"
#include "api/ApiResponses.h"
#include "api/HttpRequest.h"
#include "api/V2Api.h"

#include <QHttpServerRequest>
#include <QLoggingCategory>
#include <QTcpSocket>

namespace http {

Q_LOGGING_CATEGORY(lcHttp, "qetcd.http")

Frontend::Frontend(api::V2Api &api, const api::CorsPolicy &cors, std::shared_ptr<Mailbox> apiThread,
                   Scope scope, QObject *parent)
    : QAbstractHttpServer(parent), m_api(api), m_cors(cors), m_scope(scope),
      m_apiThread(std::move(apiThread)), m_ownThread(Mailbox::create(this)),
      m_ownOutbox(std::make_shared<StreamOutbox>(m_ownThread))
{
    if (m_scope == Scope::All)
        m_sender = std::make_unique<StreamSender>();
}

Frontend::~Frontend()
{
    // Channels still held by the api thread write nothing from now on.
    m_ownThread->close();
    m_ownOutbox->close();
}

bool Frontend::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // Every client socket gets its Connection when it is adopted (Server).
    Connection *connection = Connection::of(socket);
    if (!connection || connection->refused())
        return true;
    connection->requestDone();

    // Qt's request object is reused for the connection's next request: copy it out.
    api::HttpRequest req;
    req.method = methodName(request.method());
    const QUrl url = request.url();
    req.path = url.path(QUrl::FullyDecoded).toUtf8();
    req.query = url.query(QUrl::FullyEncoded).toUtf8();
    req.body = request.body();
    req.peer = socket->peerAddress().toString().toUtf8();
    static const QByteArray wanted[] = {"Content-Type", "Connection", "Authorization", "Origin"};
    for (const QByteArray &name : wanted) {
        const QByteArray v = request.value(name);
        if (!v.isEmpty())
            req.headers.append({name, v});
    }
    const bool http10 = connection->http10();
    connection->serveInTurn([this, socket, connection, req = std::move(req), http10] {
        serve(socket, connection, req, http10);
    });
    return true;
}

void Frontend::serve(QTcpSocket *socket, Connection *connection, const api::HttpRequest &req,
                     bool http10)
{
    const bool head = req.method == "HEAD";
    // Qt HttpServer 6.4 ignores both (Qt64.h): the answer says so and the
    // connection closes after it.
    const QByteArray connectionHeader = req.header("Connection").toLower();
    const bool close =
        connectionHeader.contains("close") || (http10 && !connectionHeader.contains("keep-alive"));

    if (m_scope == Scope::MetricsOnly && req.path != "/metrics" && req.path != "/health") {
        connection->writeAnswer(
            HttpWire::response(api::responses::text(404, "404 page not found\n"), head, close),
            true, close);
        return;
    }
    if (const std::optional<api::HttpResponse> preflight = m_cors.preflight(req)) {
        connection->writeAnswer(HttpWire::response(*preflight, head, close), true, close);
        return;
    }
    if (std::optional<api::HttpResponse> now = m_api.handleConcurrently(req)) {
        m_cors.decorate(req, *now);
        connection->writeAnswer(HttpWire::response(*now, head, close), true, close);
        return;
    }
    api::HttpResponse cors;
    m_cors.decorate(req, cors);
    auto channel = std::make_shared<SocketChannel>(socket, connection, m_ownThread, m_ownOutbox,
                                                   m_apiThread, head, close, http10, cors.headers,
                                                   m_sender ? m_sender->outbox() : nullptr);
    api::V2Api *api = &m_api;
    auto handle = [api, req, channel] {
        const std::optional<api::HttpResponse> now =
            api->handle(req, [&channel] { return channel; });
        if (now)
            channel->respond(*now);
    };
    // On the api's own thread (a lone client is served there) the request is
    // handled now: posting it would cost a turn of the event loop per request.
    if (m_apiThread->isCurrentThread())
        handle();
    else
        m_apiThread->post(std::move(handle));
}

void Frontend::missingHandler(const QHttpServerRequest &, QTcpSocket *socket)
{
    // handleRequest answers every request; this only runs if Qt changes that.
    socket->write(
        HttpWire::response(api::responses::text(404, "404 page not found\n"), false, false));
}

} // namespace http
