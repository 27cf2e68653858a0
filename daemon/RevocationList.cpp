// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "RevocationList.h"

#include "transport/LiveTls.h"

#include <QCoreApplication>
#include <QFile>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

namespace server {

std::optional<QSet<QByteArray>> RevocationList::revokedSerials(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error =
            QCoreApplication::translate("main", "cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    const QByteArray bytes = file.readAll();
    const std::unique_ptr<BIO, decltype(&BIO_free)> bio(
        BIO_new_mem_buf(bytes.constData(), int(bytes.size())), &BIO_free);
    X509_CRL *crl = bio ? PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr) : nullptr;
    if (!crl) {
        const auto *der = reinterpret_cast<const unsigned char *>(bytes.constData());
        crl = d2i_X509_CRL(nullptr, &der, long(bytes.size()));
    }
    ERR_clear_error();
    if (!crl) {
        *error = QCoreApplication::translate("main",
                                             "%1 is not a certificate revocation list (PEM or DER)")
                     .arg(path);
        return std::nullopt;
    }
    const std::unique_ptr<X509_CRL, decltype(&X509_CRL_free)> owned(crl, &X509_CRL_free);
    QSet<QByteArray> serials;
    const STACK_OF(X509_REVOKED) *revoked = X509_CRL_get_REVOKED(crl);
    for (int i = 0; revoked && i < sk_X509_REVOKED_num(revoked); ++i) {
        const ASN1_INTEGER *serial =
            X509_REVOKED_get0_serialNumber(sk_X509_REVOKED_value(revoked, i));
        BIGNUM *number = ASN1_INTEGER_to_BN(serial, nullptr);
        char *hex = number ? BN_bn2hex(number) : nullptr;
        if (hex)
            serials.insert(transport::LiveTls::normalSerial(QByteArrayView(hex)));
        OPENSSL_free(hex);
        BN_free(number);
    }
    return serials;
}

} // namespace server
