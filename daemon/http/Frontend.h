// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "Mailbox.h"
#include "StreamOutbox.h"
#include "StreamSender.h"
#include "api/CorsPolicy.h"

#include <QAbstractHttpServer>

#include <memory>

namespace api {
class V2Api;
struct HttpRequest;
} // namespace api

namespace http {

class Connection;

// One client thread's HTTP server: Qt HttpServer's parser, with routing done
// by the v2 contract layer (V2Api) rather than QHttpServer's regex router,
// and --cors applied to every answer. Copies each request into plain values
// and serves it in its connection's turn (Connection::serveInTurn): a plain
// key read is answered right here (V2Api::handleConcurrently, under the
// node's read lock), everything else is posted to the api thread with a
// SocketChannel to answer through. Writes the bytes itself through the
// Connection (compact JSON, one write per response, HEAD without body,
// Connection: close and HTTP/1.0 honoured: see Qt64.h). Its sockets come from
// Server, which made their Connection. Lives on its client thread, like its
// sockets; borrows the api. Its watch streams' events are written by its own StreamSender
// thread (plain TCP) or on its own thread (TLS). With Scope::MetricsOnly (--listen-metrics-urls, as
// etcd) it answers /metrics and /health and 404 to everything else, so a monitoring port opened to
// a scraper gives no access to keys.
class Frontend : public QAbstractHttpServer
{
    Q_OBJECT
public:
    enum class Scope { All, MetricsOnly };
    Frontend(api::V2Api &api, const api::CorsPolicy &cors, std::shared_ptr<Mailbox> apiThread,
             Scope scope = Scope::All, QObject *parent = nullptr);
    ~Frontend() override;

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    // Answers one request; its connection calls it in turn.
    void serve(QTcpSocket *socket, Connection *connection, const api::HttpRequest &req,
               bool http10);

    api::V2Api &m_api;
    const api::CorsPolicy m_cors;
    const Scope m_scope;
    std::shared_ptr<Mailbox> m_apiThread;
    std::shared_ptr<Mailbox> m_ownThread;
    std::shared_ptr<StreamOutbox> m_ownOutbox; // the watch streams of this thread's sockets
    // Writes this thread's plain-TCP watch streams at the lowest priority (not for MetricsOnly).
    std::unique_ptr<StreamSender> m_sender;
};

} // namespace http
