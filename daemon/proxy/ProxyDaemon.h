// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "Config.h"
#include "FdLimit.h"
#include "TlsFiles.h"

#include <QObject>

#include <memory>

namespace http {
class Server;
} // namespace http
namespace transport {
class LiveTls;
} // namespace transport

namespace server {
class SignalWatcher;
}

namespace server::proxy {

class ClusterRefresher;
class Director;

// etcd 2.2's proxy mode (--proxy on|readonly) as a process: stores nothing, listens on
// --listen-client-urls (the member's client port: http::Server, its threads, limits, timeouts
// and TLS) and forwards every request to a member (ProxyFrontend, Forwarding) of the cluster
// named by --initial-cluster, or by <data-dir>/proxy/cluster once it has been learned
// (ClusterRefresher). Listening starts once the first refresh ended, as etcd's proxy asks the
// cluster before it serves. Ends on SIGTERM/SIGINT. Owns all of it; the main thread, whose event
// loop it needs. start() logs why it failed.
class ProxyDaemon
{
public:
    ProxyDaemon(const config::Config &config, const FdLimit::Limits &fdLimits);
    ~ProxyDaemon();
    ProxyDaemon(const ProxyDaemon &) = delete;
    ProxyDaemon &operator=(const ProxyDaemon &) = delete;

    // Prepares TLS and the data dir and starts learning the members; false (logged) when it
    // cannot. A listen failure later ends the event loop with status 1.
    bool start();
    // Stops accepting and forwarding (the event loop has ended).
    void stop();

private:
    bool listen();

    const config::Config m_config;
    const FdLimit::Limits m_fdLimits;
    std::shared_ptr<Director> m_director;
    std::unique_ptr<ClusterRefresher> m_refresher;
    std::unique_ptr<http::Server> m_clients;
    std::shared_ptr<transport::LiveTls> m_clientTls; // null: no https client URL
    std::unique_ptr<SignalWatcher> m_signalWatcher;
};

} // namespace server::proxy
