// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "TlsFiles.h"

#include "CipherSuites.h"
#include "RevocationList.h"
#include "TlsSelfCheck.h"

#include <QCoreApplication>
#include <QFile>
#include <QSslCertificate>
#include <QSslCipher>
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

bool TlsFiles::addCiphers(QSslConfiguration &tls, const QStringList &cipherSuites, QString *error)
{
    if (cipherSuites.isEmpty())
        return true;
    QList<QSslCipher> ciphers;
    for (const QString &name : cipherSuites) {
        const QSslCipher cipher(config::CipherSuites::openSslName(name));
        if (cipher.isNull()) {
            *error = QCoreApplication::translate(
                         "main", "TLS cipher suite %1 (OpenSSL: %2) is not offered by this "
                                 "OpenSSL library")
                         .arg(name, config::CipherSuites::openSslName(name));
            return false;
        }
        ciphers.append(cipher);
    }
    // TLS 1.2 and older; TLS 1.3 suites stay OpenSSL's, as Go's stay Go's.
    tls.setCiphers(ciphers);
    return true;
}

std::optional<QSslConfiguration> TlsFiles::server(const Side &side, QString *error)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!addIdentity(tls, side.certFile, side.keyFile, error) ||
        !addCiphers(tls, side.cipherSuites, error))
        return std::nullopt;
    if (side.clientCertAuth) {
        if (!addTrustedCas(tls, side.trustedCaFile, error))
            return std::nullopt;
        tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    } else {
        tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    }
    if (!usable(tls, QSslSocket::SslServerMode, side.certFile, side.keyFile, error))
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

std::optional<QSslConfiguration> TlsFiles::client(const Side &side, QString *error)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!side.certFile.isEmpty() && !addIdentity(tls, side.certFile, side.keyFile, error))
        return std::nullopt;
    if (!side.trustedCaFile.isEmpty() && !addTrustedCas(tls, side.trustedCaFile, error))
        return std::nullopt;
    if (!addCiphers(tls, side.cipherSuites, error))
        return std::nullopt;
    tls.setPeerVerifyMode(side.verifyServer ? QSslSocket::VerifyPeer : QSslSocket::VerifyNone);
    if (!side.certFile.isEmpty() &&
        !usable(tls, QSslSocket::SslClientMode, side.certFile, side.keyFile, error))
        return std::nullopt;
    return tls;
}

std::optional<QSet<QByteArray>> TlsFiles::revokedSerials(const Side &side, QString *error)
{
    if (side.crlFile.isEmpty())
        return QSet<QByteArray>();
    return RevocationList::revokedSerials(side.crlFile, error);
}

std::optional<transport::PeerTls> TlsFiles::peer(const Side &side, QString *error)
{
    transport::PeerTls tls;
    if (side.certFile.isEmpty() && side.trustedCaFile.isEmpty())
        return tls;
    std::optional<QSet<QByteArray>> revoked = revokedSerials(side, error);
    if (!revoked)
        return std::nullopt;
    if (!side.certFile.isEmpty()) {
        tls.server = server(side, error);
        if (!tls.server)
            return std::nullopt;
        tls.liveServer = std::make_shared<transport::LiveTls>(*tls.server, *revoked);
    }
    tls.client = client(side, error);
    if (!tls.client)
        return std::nullopt;
    tls.liveClient = std::make_shared<transport::LiveTls>(*tls.client);
    return tls;
}

std::shared_ptr<transport::LiveTls> TlsFiles::clientPort(const Side &side, QString *error)
{
    const std::optional<QSslConfiguration> tls = server(side, error);
    const std::optional<QSet<QByteArray>> revoked =
        tls ? revokedSerials(side, error) : std::nullopt;
    if (!tls || !revoked)
        return nullptr;
    return std::make_shared<transport::LiveTls>(*tls, *revoked);
}

bool TlsFiles::reload(const Side &side, transport::LiveTls &tls, QString *error)
{
    const std::shared_ptr<transport::LiveTls> fresh = clientPort(side, error);
    if (!fresh)
        return false;
    tls.replace(fresh->configuration(), fresh->revokedSerials());
    return true;
}

bool TlsFiles::reload(const Side &side, const transport::PeerTls &tls, QString *error)
{
    const std::optional<transport::PeerTls> fresh = peer(side, error);
    if (!fresh)
        return false;
    if (tls.liveServer && fresh->liveServer)
        tls.liveServer->replace(*fresh->server, fresh->liveServer->revokedSerials());
    if (tls.liveClient && fresh->liveClient)
        tls.liveClient->replace(*fresh->client, {});
    return true;
}

} // namespace server
