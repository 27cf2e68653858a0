// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "SelfSignedCertificate.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QStringList>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>

namespace server {

namespace {

template <typename T, void (*Free)(T *)> struct Deleter
{
    void operator()(T *p) const { Free(p); }
};
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Certificate = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Bignum = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using Extension = std::unique_ptr<X509_EXTENSION, Deleter<X509_EXTENSION, X509_EXTENSION_free>>;

constexpr long kValiditySeconds = 365L * 24 * 60 * 60; // etcd's SelfSignedCertValidity: 1 year

QString openSslError()
{
    const unsigned long code = ERR_get_error();
    char text[256] = {};
    ERR_error_string_n(code, text, sizeof text);
    ERR_clear_error();
    return QString::fromLatin1(text);
}

bool addExtension(X509 *certificate, int nid, const QByteArray &value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    const Extension extension(X509V3_EXT_conf_nid(nullptr, &context, nid, value.constData()));
    return extension && X509_add_ext(certificate, extension.get(), -1) == 1;
}

// "IP:127.0.0.1,DNS:localhost": each URL's host once, in the order given.
QByteArray subjectAltNames(const QList<QUrl> &urls)
{
    QStringList names;
    for (const QUrl &url : urls) {
        const QString host = url.host();
        if (host.isEmpty())
            continue;
        const QString name = QHostAddress(host).isNull() ? QStringLiteral("DNS:") + host
                                                         : QStringLiteral("IP:") + host;
        if (!names.contains(name))
            names.append(name);
    }
    return names.join(QLatin1Char(',')).toLatin1();
}

QByteArray pem(const std::function<int(BIO *)> &write)
{
    const Bio bio(BIO_new(BIO_s_mem()));
    if (!bio || write(bio.get()) != 1)
        return {};
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return QByteArray(data, size);
}

bool writeFile(const QString &path, const QByteArray &bytes, QFileDevice::Permissions permissions,
               QString *error)
{
    QFile::remove(path); // open() applies the permissions only to a file it creates
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate, permissions) ||
        file.write(bytes) != bytes.size() || !file.flush()) {
        *error = QCoreApplication::translate("main", "cannot write %1: %2")
                     .arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace

bool SelfSignedCertificate::make(const QString &dir, const QList<QUrl> &urls, QString *error)
{
    auto fail = [error](const QString &what) {
        *error =
            QCoreApplication::translate("main", "cannot make a self-signed certificate: %1: %2")
                .arg(what, openSslError());
        return false;
    };
    const Key key(EVP_EC_gen("P-256"));
    if (!key)
        return fail(QStringLiteral("EC key"));
    const Certificate certificate(X509_new());
    const Bignum serial(BN_new());
    if (!certificate || !serial)
        return fail(QStringLiteral("allocation"));
    // etcd: a random 128-bit serial number.
    if (BN_rand(serial.get(), 127, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1 ||
        !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(certificate.get())))
        return fail(QStringLiteral("serial number"));
    X509_NAME *name = X509_get_subject_name(certificate.get());
    const QByteArray san = subjectAltNames(urls);
    if (X509_set_version(certificate.get(), 2) != 1 ||
        !X509_gmtime_adj(X509_getm_notBefore(certificate.get()), 0) ||
        !X509_gmtime_adj(X509_getm_notAfter(certificate.get()), kValiditySeconds) ||
        X509_set_pubkey(certificate.get(), key.get()) != 1 ||
        X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char *>("etcd"), -1, -1,
                                   0) != 1 ||
        X509_set_issuer_name(certificate.get(), name) != 1)
        return fail(QStringLiteral("certificate fields"));
    if (!addExtension(certificate.get(), NID_basic_constraints, "critical,CA:FALSE") ||
        !addExtension(certificate.get(), NID_key_usage,
                      "critical,digitalSignature,keyEncipherment") ||
        !addExtension(certificate.get(), NID_ext_key_usage, "serverAuth,clientAuth") ||
        (!san.isEmpty() && !addExtension(certificate.get(), NID_subject_alt_name, san)))
        return fail(QStringLiteral("extensions"));
    if (X509_sign(certificate.get(), key.get(), EVP_sha256()) == 0)
        return fail(QStringLiteral("signature"));

    const QByteArray certPem =
        pem([&](BIO *bio) { return PEM_write_bio_X509(bio, certificate.get()); });
    // "EC PRIVATE KEY", as Go's x509.MarshalECPrivateKey (and so etcd) writes it.
    const QByteArray keyPem = pem([&](BIO *bio) {
        return PEM_write_bio_PrivateKey_traditional(bio, key.get(), nullptr, nullptr, 0, nullptr,
                                                    nullptr);
    });
    if (certPem.isEmpty() || keyPem.isEmpty())
        return fail(QStringLiteral("PEM"));

    if (!QDir().mkpath(dir)) {
        *error = QCoreApplication::translate("main", "cannot create %1").arg(dir);
        return false;
    }
    QFile::setPermissions(dir,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QDir d(dir);
    return writeFile(d.filePath(QStringLiteral("key.pem")), keyPem,
                     QFileDevice::ReadOwner | QFileDevice::WriteOwner, error) &&
           writeFile(d.filePath(QStringLiteral("cert.pem")), certPem,
                     QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                         QFileDevice::ReadOther,
                     error);
}

} // namespace server
