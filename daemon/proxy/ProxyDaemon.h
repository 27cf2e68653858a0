// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "Config.h"
#include "FdLimit.h"

namespace server::proxy {

// etcd 2.2's proxy mode (--proxy on|readonly) as a process: stores nothing, listens on
// --listen-client-urls and forwards every request to a member of the cluster named by
// --initial-cluster. The main thread, whose event loop it needs.
class ProxyDaemon
{
public:
    ProxyDaemon(const config::Config &config, const FdLimit::Limits &fdLimits);
    ~ProxyDaemon();
    ProxyDaemon(const ProxyDaemon &) = delete;
    ProxyDaemon &operator=(const ProxyDaemon &) = delete;

    // Learns the members and listens; false (logged) when it cannot.
    bool start();
    // Stops accepting and forwarding (the event loop has ended).
    void stop();

private:
    const config::Config m_config;
    const FdLimit::Limits m_fdLimits;
};

} // namespace server::proxy
