// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QList>
#include <QUrl>

#include <memory>

namespace http {
class Server;
} // namespace http
namespace transport {
class LiveTls;
} // namespace transport

namespace server {

// Listens on every address of every URL in `urls` (https ones with `tls`), logging each as
// "listening for <what> on <url>" (with the port the system picked for :0); false (logged) at
// the first that fails. "localhost" means loopback, an IP literal itself, a name the first
// address it resolves to. Used by the member (Daemon) and the proxy (ProxyDaemon) alike. Main
// thread.
bool listenOnUrls(http::Server &server, const QList<QUrl> &urls,
                  const std::shared_ptr<transport::LiveTls> &tls, const char *what);

} // namespace server
