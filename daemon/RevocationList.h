// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>
#include <QSet>
#include <QString>

#include <optional>

namespace server {

// --client-crl-file and --peer-crl-file: the serial numbers a certificate revocation list (PEM
// or DER, as etcd's x509.ParseCRL reads) revokes, in transport::LiveTls::normalSerial() form.
// Like etcd, only the serials count: the CRL's signature and dates are not checked. libcrypto.
// Any thread.
class RevocationList
{
public:
    // nullopt with `*error` naming the file when it cannot be read or is no CRL.
    static std::optional<QSet<QByteArray>> revokedSerials(const QString &path, QString *error);
};

} // namespace server
