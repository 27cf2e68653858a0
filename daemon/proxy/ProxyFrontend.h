// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "Director.h"
#include "UpstreamConnection.h"
#include "api/CorsPolicy.h"

#include <QAbstractHttpServer>
#include <QHash>
#include <QList>

#include <memory>
#include <optional>

namespace server::proxy {

// One client thread's HTTP server in proxy mode: the member's client-port machinery (http::Server
// adopts the sockets, http::Connection keeps limits and answer order) with Qt HttpServer's parser,
// but each request is forwarded (Forwarding) instead of served from a store. Answers itself only
// what etcd's proxy answers itself: in readonly mode every method but GET gets 501 with no body,
// /v2/config/local/proxy lists the endpoints, and --cors preflights. Keeps this thread's idle
// connections to the members (at most maxIdlePerMember each, etcd's MaxIdleConnsPerHost).
// Lives on its client thread; shares the Director with the other threads.
class ProxyFrontend : public QAbstractHttpServer
{
    Q_OBJECT
public:
    struct Options
    {
        bool readOnly = false;
        UpstreamConnection::Timeouts timeouts;
        std::optional<QSslConfiguration> upstreamTls; // for https members
        QStringList cors;
    };
    static constexpr int maxIdlePerMember = 128;

    ProxyFrontend(std::shared_ptr<Director> director, const Options &options,
                  QObject *parent = nullptr);
    ~ProxyFrontend() override;

    Director &director() { return *m_director; }
    // An idle connection to `endpoint` (unless `fresh`), else a new one; the caller owns it until
    // giveBack().
    UpstreamConnection *takeConnection(const Director::Endpoint &endpoint, bool fresh);
    // A connection whose exchange completed: kept for the next request if it can carry one.
    void giveBack(UpstreamConnection *connection);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    void dropIdle(UpstreamConnection *connection);

    const std::shared_ptr<Director> m_director;
    const Options m_options;
    const api::CorsPolicy m_cors;
    QHash<QByteArray, QList<UpstreamConnection *>> m_idle; // children
};

} // namespace server::proxy
