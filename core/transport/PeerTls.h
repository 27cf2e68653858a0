#pragma once

#include <QSslConfiguration>

#include <optional>

namespace transport {

// TLS between members (etcd's --peer-cert-file, --peer-key-file, --peer-trusted-ca-file,
// --peer-client-cert-auth). Peer URLs with scheme https use it: `server` for connections
// accepted on an https listen URL, `client` for dialing an https peer URL (and asking it
// for cluster information). Either unset: https URLs on that side are refused.
// Built by the daemon from the flags; the transport never reads files. Value type.
struct PeerTls
{
    std::optional<QSslConfiguration> server;
    std::optional<QSslConfiguration> client;
};

} // namespace transport
