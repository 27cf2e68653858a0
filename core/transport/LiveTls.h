// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QSet>
#include <QSslCertificate>
#include <QSslConfiguration>

#include <memory>

class QLoggingCategory;
class QSslSocket;

namespace transport {

// The TLS configuration for the next connection a listener accepts or a dialer makes, which the
// daemon may replace while connections are open (SIGHUP reloads the certificate, key, CA and CRL
// files); a connection keeps what it was made with (QSslSocket copies its configuration). Also
// holds the serial numbers a CRL revokes (--client-crl-file, --peer-crl-file): a connection whose
// other end presents a certificate with one of them is closed after the handshake, as etcd does
// (it, too, compares serials only: Qt offers no hook into OpenSSL's own CRL check).
//
// Invariant: serials are kept in normalSerial() form. Shared (std::shared_ptr) by the daemon,
// which replaces, and listeners and dialers on any thread, which read: thread-safe (a mutex).
class LiveTls
{
public:
    explicit LiveTls(const QSslConfiguration &configuration,
                     const QSet<QByteArray> &revokedSerials = {});

    QSslConfiguration configuration() const;
    void replace(const QSslConfiguration &configuration, const QSet<QByteArray> &revokedSerials);
    QSet<QByteArray> revokedSerials() const;
    // The first certificate of `chain` whose serial number is revoked; a null one if none is.
    QSslCertificate revoked(const QList<QSslCertificate> &chain) const;

    // Once `socket` (an accepted connection) is encrypted, aborts it when the certificate its
    // other end presented is revoked, logging why under `category`, naming the flag `crlFlag`.
    // Connect it before anything else reads the socket.
    static void refuseRevoked(QSslSocket *socket, const std::shared_ptr<const LiveTls> &tls,
                              const QLoggingCategory &(*category)(), const char *crlFlag);

    // Serial numbers compare in one form: lower-case hex digits without separators or leading
    // zeros ("01:0a" as QSslCertificate::serialNumber() writes it and "10A" are both "10a").
    static QByteArray normalSerial(QByteArrayView hex);

private:
    mutable QMutex m_mutex;
    QSslConfiguration m_configuration;
    QSet<QByteArray> m_revoked;
};

} // namespace transport
