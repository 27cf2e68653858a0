// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "transport/PeerTls.h"

#include <QSslConfiguration>
#include <QSslSocket>
#include <QString>

#include <optional>

namespace server {

// Turns the daemon's TLS flags into Qt TLS configurations, for clients
// (--cert-file, --key-file, --client-cert-auth, --trusted-ca-file) and for the
// members' own connections (the --peer-* flags). Reads the PEM files once at
// start-up; a missing or unreadable file, or a certificate OpenSSL refuses to
// use (TlsSelfCheck), is an error naming it, never a silently weaker or dead
// configuration. Functions of the flags and the files; start-up only (the
// check opens a loopback connection).
class TlsFiles
{
public:
    // The accepting side: our certificate chain and key; with clientCertAuth
    // the other side must present a certificate signed by a CA in trustedCaFile.
    static std::optional<QSslConfiguration> server(const QString &certFile, const QString &keyFile,
                                                   bool clientCertAuth,
                                                   const QString &trustedCaFile, QString *error);
    // The dialing side (a member connecting to an https peer URL): presents our
    // certificate when given, and checks the peer's against trustedCaFile (the
    // system's CAs when empty) and the URL's host, as etcd does.
    static std::optional<QSslConfiguration> client(const QString &certFile, const QString &keyFile,
                                                   const QString &trustedCaFile, QString *error);

    // TLS between members: the server side when a certificate is given, the
    // client side (for dialing https peer URLs) when a certificate or a CA is
    // given; an empty PeerTls when neither is (https peer URLs are refused).
    static std::optional<transport::PeerTls> peer(const QString &certFile, const QString &keyFile,
                                                  bool clientCertAuth, const QString &trustedCaFile,
                                                  QString *error);

private:
    // False, with the error naming both files, when OpenSSL refuses the configuration.
    static bool usable(const QSslConfiguration &tls, QSslSocket::SslMode mode,
                       const QString &certFile, const QString &keyFile, QString *error);
    static bool addIdentity(QSslConfiguration &tls, const QString &certFile, const QString &keyFile,
                            QString *error);
    static bool addTrustedCas(QSslConfiguration &tls, const QString &trustedCaFile, QString *error);
};

} // namespace server
