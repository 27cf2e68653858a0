// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

// Shared by the suites that run PeerTransport over TLS: this process's test certificates
// (testsupport::TestCertificates) turned into the configurations the daemon builds from the
// --peer-* flags.
#include "TestCertificates.h"
#include "TransportTestUtil.h"
#include "transport/PeerTls.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>

namespace transport {

// A file of the standard set: certificate("server.crt").
inline QString certificate(const QString &file)
{
    return testsupport::TestCertificates::standard().path(file);
}

inline QByteArray readTestFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

// Our certificate and key (none when cert is empty) and the CAs we trust; peers verified.
inline QSslConfiguration tlsIdentity(const QString &cert, const QString &key,
                                     const QString &trustedCa)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!cert.isEmpty()) {
        tls.setLocalCertificateChain(QSslCertificate::fromData(readTestFile(cert), QSsl::Pem));
        tls.setPrivateKey(QSslKey(readTestFile(key), QSsl::Rsa, QSsl::Pem));
        if (tls.privateKey().isNull())
            qFatal("no RSA key in %s", qPrintable(key));
    }
    tls.setCaCertificates(QSslCertificate::fromData(readTestFile(trustedCa), QSsl::Pem));
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    return tls;
}

// A member's TLS as the daemon builds it from --peer-cert-file, --peer-key-file,
// --peer-trusted-ca-file, --peer-client-cert-auth and --peer-cert-allowed-cn.
inline TransportOptions tlsMemberOptions(const QString &cert, const QString &key,
                                         const QString &trustedCa,
                                         const QString &allowedCommonName = {})
{
    TransportOptions options = fastOptions();
    options.tls.server = tlsIdentity(cert, key, trustedCa);
    options.tls.client = tlsIdentity(cert, key, trustedCa);
    options.tls.allowedCommonName = allowedCommonName;
    return options;
}

} // namespace transport
