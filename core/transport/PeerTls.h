// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "transport/LiveTls.h"

#include <QSslConfiguration>
#include <QString>

#include <memory>
#include <optional>

namespace transport {

// TLS between members (etcd's --peer-cert-file, --peer-key-file, --peer-trusted-ca-file,
// --peer-client-cert-auth, --peer-cert-allowed-cn). Peer URLs with scheme https use it:
// `server` for connections accepted on an https listen URL, `client` for dialing an https
// peer URL (and asking it for cluster information). Either unset: https URLs on that side
// are refused. When `server` verifies client certificates (VerifyPeer), PeerTransport also
// binds each certificate to the member id its Hello claims (see PeerIdentity).
// Built by the daemon from the flags; the transport never reads files. Value type (the
// live* parts are shared by every copy, on purpose).
struct PeerTls
{
    std::optional<QSslConfiguration> server;
    std::optional<QSslConfiguration> client;
    // Set by the daemon: what new connections use instead of `server` / `client` (replaced when a
    // SIGHUP reloads the files), and, for the accepting side, the serials --peer-crl-file revokes.
    // Null: `server` / `client` as they are, nothing revoked. Never set without its optional.
    std::shared_ptr<LiveTls> liveServer;
    std::shared_ptr<LiveTls> liveClient;

    QSslConfiguration serverConfiguration() const
    {
        return liveServer ? liveServer->configuration() : server.value_or(QSslConfiguration());
    }
    QSslConfiguration clientConfiguration() const
    {
        return liveClient ? liveClient->configuration() : client.value_or(QSslConfiguration());
    }
    // --peer-cert-allowed-cn: when not empty, every accepted peer connection (Hello or
    // cluster information request) must present a verified certificate whose subject
    // Common Name is exactly this; any other connection is refused, plain text included.
    // Dialing an https peer URL also requires it of the listener's certificate (PeerDialer).
    QString allowedCommonName;
};

} // namespace transport
