// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QHostAddress>
#include <QString>
#include <QUrl>

#include <optional>

namespace transport {

// Where a peer URL points, for QTcpSocket/QTcpServer. Scheme "http" means plain TCP
// (etcd's default scheme), "https" TLS over it; "localhost" means 127.0.0.1 so that a
// member never listens on or dials an unexpected interface.
// Value type; pure.
struct PeerAddress
{
    QString host; // IP literal, or a name to resolve when dialing
    quint16 port = 0;
    bool tls = false; // scheme https
    QString peerName; // the URL's own host: what the peer's certificate must name

    // nullopt (with *error set) for a scheme other than http/https, no host, or no/invalid port.
    // allowPortZero: listening on an ephemeral port (tests).
    static std::optional<PeerAddress> fromUrl(const QUrl &url, bool allowPortZero,
                                              QString *error = nullptr);
    // The address to bind for a listen URL: must be an IP literal or "localhost".
    std::optional<QHostAddress> bindAddress() const;
};

} // namespace transport
