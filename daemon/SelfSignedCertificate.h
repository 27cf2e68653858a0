// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QList>
#include <QString>
#include <QUrl>

namespace server {

// --auto-tls and --peer-auto-tls: a self-signed certificate made at start, as etcd 3.4's
// transport.SelfCert does: an ECDSA P-256 key, valid for one year, organisation "etcd", with
// the hosts of the given URLs as subject alternative names (IP literals as IP addresses, other
// names as DNS names), key usage for TLS servers and clients. Written to <dir>/cert.pem and
// <dir>/key.pem (the directory 0700, the key 0600), replacing what is there, so the names
// always follow the URLs. libcrypto (OpenSSL), not the openssl program. Any thread.
class SelfSignedCertificate
{
public:
    // False with `*error` naming the problem.
    static bool make(const QString &dir, const QList<QUrl> &urls, QString *error);
};

} // namespace server
