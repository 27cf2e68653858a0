// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "Config.h"
#include "FdLimit.h"
#include "TlsFiles.h"
#include "transport/PeerTls.h"

#include <QObject>

#include <memory>

namespace node {
class EtcdNode;
} // namespace node
namespace http {
class Mailbox;
} // namespace http
namespace api {
class V2Api;
} // namespace api
namespace http {
class Server;
}

namespace server {

class SignalWatcher;
class SystemdNotifier;

// One qetcd member as a process: wires the parsed flags (Config) to an
// EtcdNode, the v2 API over it and the client port (http::Server), and ends
// them in order on SIGTERM/SIGINT, telling systemd (SystemdNotifier) as it goes; on SIGHUP it
// reloads the TLS files for new connections (TlsFiles, transport::LiveTls). Owns all of them;
// the main thread, whose event loop it needs. start() logs why it failed (the exit status is then
// 1); the destructor stops the client threads before the api and the node they use go.
class Daemon
{
public:
    Daemon(const config::Config &config, const FdLimit::Limits &fdLimits);
    ~Daemon();
    Daemon(const Daemon &) = delete;
    Daemon &operator=(const Daemon &) = delete;

    // Starts the node and listens on every --listen-client-urls address.
    bool start();
    // Stops accepting and serving clients (the event loop has ended).
    void stop();

private:
    // Listens on every address of every URL (https ones with m_clientTls), logging each as
    // "listening for <what> on <url>"; false (logged) at the first that fails.
    bool listenOn(http::Server &server, const QList<QUrl> &urls, const char *what);
    bool listenForClients();
    // --auto-tls / --peer-auto-tls and the TLS flags -> m_clientSide, m_peerSide; false (logged)
    // when a self-signed certificate cannot be made.
    bool prepareTlsSides();
    // SIGHUP: every side with certificate files (not self-signed ones) read again; a side whose
    // new files are unusable keeps its old configuration, with an error in the log.
    void reloadTls();

    const config::Config m_config;
    const FdLimit::Limits m_fdLimits;
    std::unique_ptr<node::EtcdNode> m_node;
    std::unique_ptr<api::V2Api> m_api;
    QObject m_apiContext; // the api thread's mailbox target
    std::shared_ptr<http::Mailbox> m_apiThread;
    std::unique_ptr<http::Server> m_clients;
    std::unique_ptr<http::Server> m_metrics; // --listen-metrics-urls; null without
    std::unique_ptr<SignalWatcher> m_signalWatcher;
    std::unique_ptr<SystemdNotifier> m_systemd;
    TlsFiles::Side m_clientSide;
    TlsFiles::Side m_peerSide;
    bool m_clientAutoTls = false; // m_clientSide names a self-signed certificate: not reloaded
    bool m_peerAutoTls = false;
    std::shared_ptr<transport::LiveTls> m_clientTls; // null: no https client URL
    transport::PeerTls m_peerTls;                    // shares its live parts with the transport
};

} // namespace server
