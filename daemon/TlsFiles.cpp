// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "TlsFiles.h"

#include "TlsSelfCheck.h"

#include <QCoreApplication>
#include <QFile>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>

namespace server {

namespace {

// The messages keep the "main" context their translations were made under.
std::optional<QByteArray> readFile(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error =
            QCoreApplication::translate("main", "cannot read %1: %2").arg(path, f.errorString());
        return std::nullopt;
    }
    return f.readAll();
}

} // namespace

bool TlsFiles::addIdentity(QSslConfiguration &tls, const QString &certFile, const QString &keyFile,
                           QString *error)
{
    const auto certPem = readFile(certFile, error);
    if (!certPem)
        return false;
    const auto keyPem = readFile(keyFile, error);
    if (!keyPem)
        return false;
    const QList<QSslCertificate> chain = QSslCertificate::fromData(*certPem, QSsl::Pem);
    QSslKey key(*keyPem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(*keyPem, QSsl::Ec, QSsl::Pem);
    if (chain.isEmpty() || key.isNull()) {
        *error = QCoreApplication::translate("main", "no usable certificate in %1 or key in %2")
                     .arg(certFile, keyFile);
        return false;
    }
    tls.setLocalCertificateChain(chain);
    tls.setPrivateKey(key);
    return true;
}

bool TlsFiles::addTrustedCas(QSslConfiguration &tls, const QString &trustedCaFile, QString *error)
{
    const auto caPem = readFile(trustedCaFile, error);
    if (!caPem)
        return false;
    const QList<QSslCertificate> cas = QSslCertificate::fromData(*caPem, QSsl::Pem);
    if (cas.isEmpty()) {
        *error =
            QCoreApplication::translate("main", "no usable certificate in %1").arg(trustedCaFile);
        return false;
    }
    tls.setCaCertificates(cas);
    return true;
}

std::optional<QSslConfiguration> TlsFiles::server(const QString &certFile, const QString &keyFile,
                                                  bool clientCertAuth, const QString &trustedCaFile,
                                                  QString *error)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!addIdentity(tls, certFile, keyFile, error))
        return std::nullopt;
    if (clientCertAuth) {
        if (!addTrustedCas(tls, trustedCaFile, error))
            return std::nullopt;
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    } else {
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    }
    if (!usable(tls, QSslSocket::SslServerMode, certFile, keyFile, error))
        return std::nullopt;
    return tls;
}

bool TlsFiles::usable(const QSslConfiguration &tls, QSslSocket::SslMode mode,
                      const QString &certFile, const QString &keyFile, QString *error)
{
    const QString problem = TlsSelfCheck::problem(tls, mode);
    if (problem.isEmpty())
        return true;
    *error = QCoreApplication::translate(
                 "main", "OpenSSL cannot use the certificate %1 with the key %2: %3 (at its "
                         "default security level OpenSSL 3 refuses certificates signed with "
                         "SHA-1 and RSA keys shorter than 2048 bits)")
                 .arg(certFile, keyFile, problem);
    return false;
}

std::optional<QSslConfiguration> TlsFiles::client(const QString &certFile, const QString &keyFile,
                                                  const QString &trustedCaFile, QString *error)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!certFile.isEmpty() && !addIdentity(tls, certFile, keyFile, error))
        return std::nullopt;
    if (!trustedCaFile.isEmpty() && !addTrustedCas(tls, trustedCaFile, error))
        return std::nullopt;
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    if (!certFile.isEmpty() && !usable(tls, QSslSocket::SslClientMode, certFile, keyFile, error))
        return std::nullopt;
    return tls;
}

std::optional<transport::PeerTls> TlsFiles::peer(const QString &certFile, const QString &keyFile,
                                                 bool clientCertAuth, const QString &trustedCaFile,
                                                 QString *error)
{
    transport::PeerTls tls;
    if (certFile.isEmpty() && trustedCaFile.isEmpty())
        return tls;
    if (!certFile.isEmpty()) {
        tls.server = server(certFile, keyFile, clientCertAuth, trustedCaFile, error);
        if (!tls.server)
            return std::nullopt;
    }
    tls.client = client(certFile, keyFile, trustedCaFile, error);
    if (!tls.client)
        return std::nullopt;
    return tls;
}

} // namespace server
