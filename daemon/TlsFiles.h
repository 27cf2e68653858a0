// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "transport/PeerTls.h"

#include <QByteArray>
#include <QSet>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace server {

// Turns the daemon's TLS flags into Qt TLS configurations, for clients
// (--cert-file, --key-file, --client-cert-auth, --trusted-ca-file, --client-crl-file) and for
// the members' own connections (the --peer-* flags), both with --cipher-suites. Reads the PEM
// files each time it is asked: at start-up and when a SIGHUP reloads them. A missing or
// unreadable file, a CRL that is none, a cipher suite this OpenSSL lacks, or a certificate
// OpenSSL refuses to use (TlsSelfCheck: also a key that does not match the certificate) is an
// error naming it, never a silently weaker or dead configuration. Functions of the flags and
// the files; the main thread (the check opens a loopback connection).
class TlsFiles
{
public:
    // One side's flags (clients, or members).
    struct Side
    {
        QString certFile;
        QString keyFile;
        bool clientCertAuth = false;
        QString trustedCaFile;
        QString crlFile;
        QStringList cipherSuites; // IANA names; empty: OpenSSL's defaults
        // False with --peer-auto-tls: a member dialing another does not verify its certificate
        // (etcd's InsecureSkipVerify for self-signed peer certificates).
        bool verifyServer = true;
    };

    // The accepting side: our certificate chain and key; with clientCertAuth
    // the other side must present a certificate signed by a CA in trustedCaFile.
    static std::optional<QSslConfiguration> server(const Side &side, QString *error);
    // The dialing side (a member connecting to an https peer URL): presents our
    // certificate when given, and checks the peer's against trustedCaFile (the
    // system's CAs when empty) and the URL's host, as etcd does (unless verifyServer is false).
    static std::optional<QSslConfiguration> client(const Side &side, QString *error);
    // The client port's TLS: server() with the serials side.crlFile revokes, as a live
    // configuration a SIGHUP can replace (reload()); null with the error when a file is unusable.
    static std::shared_ptr<transport::LiveTls> clientPort(const Side &side, QString *error);
    // The serials side.crlFile revokes; empty without a CRL file.
    static std::optional<QSet<QByteArray>> revokedSerials(const Side &side, QString *error);

    // TLS between members: the server side when a certificate is given, the
    // client side (for dialing https peer URLs) when a certificate or a CA is
    // given; an empty PeerTls when neither is (https peer URLs are refused). Its liveServer
    // and liveClient are set, for reload().
    static std::optional<transport::PeerTls> peer(const Side &side, QString *error);
    // Reads side's files again and, if all of them are usable, puts them in `tls`'s live
    // configurations (new connections use them); else false with the error and nothing changed.
    static bool reload(const Side &side, const transport::PeerTls &tls, QString *error);
    // The same for the client port's configuration (clientPort()).
    static bool reload(const Side &side, transport::LiveTls &tls, QString *error);

private:
    // False, with the error naming both files, when OpenSSL refuses the configuration.
    static bool usable(const QSslConfiguration &tls, QSslSocket::SslMode mode,
                       const QString &certFile, const QString &keyFile, QString *error);
    static bool addIdentity(QSslConfiguration &tls, const QString &certFile, const QString &keyFile,
                            QString *error);
    static bool addTrustedCas(QSslConfiguration &tls, const QString &trustedCaFile, QString *error);
    static bool addCiphers(QSslConfiguration &tls, const QStringList &cipherSuites, QString *error);
};

} // namespace server
