// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QSslConfiguration>
#include <QSslSocket>
#include <QString>

namespace server {

// Builds, once at start-up, the OpenSSL context a TLS configuration needs, so that a certificate
// or key OpenSSL refuses stops the member with OpenSSL's reason instead of failing every
// handshake later. The case that matters: OpenSSL 3 at its default security level refuses to
// use a certificate signed with SHA-1 or an RSA key under 2048 bits ("ca md too weak", "ee key
// too small"), which Go, and so etcd, serves; a qetcd member so configured used to listen and
// then leave every client waiting. Qt builds the context only when a socket starts TLS, so this
// starts TLS on one end of a loopback connection made for the purpose (nothing is exchanged).
// Blocking, a few milliseconds; the calling thread, before its event loop runs.
class TlsSelfCheck
{
public:
    // "" when Qt could build the context (or loopback is unavailable: the handshakes will
    // tell), else the error Qt reports, which carries OpenSSL's reason.
    static QString problem(const QSslConfiguration &configuration, QSslSocket::SslMode mode);
};

} // namespace server
