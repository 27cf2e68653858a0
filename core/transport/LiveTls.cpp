// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "transport/LiveTls.h"

#include <QLoggingCategory>
#include <QMutexLocker>
#include <QSslSocket>

namespace transport {

LiveTls::LiveTls(const QSslConfiguration &configuration, const QSet<QByteArray> &revokedSerials)
    : m_configuration(configuration), m_revoked(revokedSerials)
{
}

QSslConfiguration LiveTls::configuration() const
{
    const QMutexLocker lock(&m_mutex);
    return m_configuration;
}

void LiveTls::replace(const QSslConfiguration &configuration,
                      const QSet<QByteArray> &revokedSerials)
{
    const QMutexLocker lock(&m_mutex);
    m_configuration = configuration;
    m_revoked = revokedSerials;
}

QSet<QByteArray> LiveTls::revokedSerials() const
{
    const QMutexLocker lock(&m_mutex);
    return m_revoked;
}

QSslCertificate LiveTls::revoked(const QList<QSslCertificate> &chain) const
{
    const QMutexLocker lock(&m_mutex);
    if (m_revoked.isEmpty())
        return {};
    for (const QSslCertificate &certificate : chain) {
        if (m_revoked.contains(normalSerial(certificate.serialNumber())))
            return certificate;
    }
    return {};
}

void LiveTls::refuseRevoked(QSslSocket *socket, const std::shared_ptr<const LiveTls> &tls,
                            const QLoggingCategory &(*category)(), const char *crlFlag)
{
    QObject::connect(socket, &QSslSocket::encrypted, socket, [socket, tls, category, crlFlag] {
        const QSslCertificate revoked = tls->revoked(socket->peerCertificateChain());
        if (revoked.isNull())
            return;
        qCWarning(category).noquote()
            << QStringLiteral("refused connection from %1: its certificate (serial %2, %3) is "
                              "revoked by %4")
                   .arg(socket->peerAddress().toString(),
                        QString::fromLatin1(revoked.serialNumber()), revoked.subjectDisplayName(),
                        QLatin1String(crlFlag));
        socket->abort();
    });
}

QByteArray LiveTls::normalSerial(QByteArrayView hex)
{
    QByteArray out;
    out.reserve(hex.size());
    for (char c : hex) {
        if (c == ':' || (c == '0' && out.isEmpty()))
            continue;
        out.append(char(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c));
    }
    return out.isEmpty() ? QByteArrayLiteral("0") : out;
}

} // namespace transport
