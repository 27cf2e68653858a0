// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "transport/PeerIdentity.h"

#include <QHostAddress>

#include <algorithm>

namespace transport {

namespace {

QString normalizedDnsName(QString name)
{
    if (name.endsWith(QLatin1Char('.')))
        name.chop(1);
    return name.toLower();
}

// A DNS name of a certificate against a host name (RFC 6125): case-insensitively, a wildcard
// only as the whole left-most label and never over a public suffix-like "*.com".
bool dnsNameMatches(const QString &certificateName, const QString &host)
{
    const QString name = normalizedDnsName(certificateName);
    const QString wanted = normalizedDnsName(host);
    if (name.isEmpty() || wanted.isEmpty())
        return false;
    if (!name.startsWith(QLatin1String("*.")))
        return name == wanted;
    const QString suffix = name.mid(1); // ".example.com"
    const qsizetype firstDot = wanted.indexOf(QLatin1Char('.'));
    return suffix.count(QLatin1Char('.')) >= 2 && firstDot > 0 && wanted.mid(firstDot) == suffix;
}

bool addressMatches(const QString &certificateName, const QHostAddress &host)
{
    const QHostAddress address(certificateName);
    return !address.isNull() && address.isEqual(host);
}

} // namespace

QStringList PeerIdentity::commonNames(const QSslCertificate &certificate)
{
    return certificate.subjectInfo(QSslCertificate::CommonName);
}

QStringList PeerIdentity::hostNames(const QSslCertificate &certificate)
{
    const auto alternatives = certificate.subjectAlternativeNames();
    QStringList names = alternatives.values(QSsl::DnsEntry);
    names += alternatives.values(QSsl::IpAddressEntry);
    if (names.isEmpty())
        names = commonNames(certificate);
    return names;
}

bool PeerIdentity::namesHost(const QSslCertificate &certificate, const QString &host)
{
    if (certificate.isNull() || host.isEmpty())
        return false;
    const auto alternatives = certificate.subjectAlternativeNames();
    const QStringList dnsNames = alternatives.values(QSsl::DnsEntry);
    const QStringList addresses = alternatives.values(QSsl::IpAddressEntry);
    const QHostAddress hostAddress(host);
    if (dnsNames.isEmpty() && addresses.isEmpty()) {
        // Only a Common Name: it holds a host name or, in older certificates, an address.
        const QStringList names = commonNames(certificate);
        return std::any_of(names.cbegin(), names.cend(), [&](const QString &name) {
            return hostAddress.isNull() ? dnsNameMatches(name, host)
                                        : addressMatches(name, hostAddress);
        });
    }
    if (!hostAddress.isNull())
        return std::any_of(addresses.cbegin(), addresses.cend(),
                           [&](const QString &name) { return addressMatches(name, hostAddress); });
    return std::any_of(dnsNames.cbegin(), dnsNames.cend(),
                       [&](const QString &name) { return dnsNameMatches(name, host); });
}

bool PeerIdentity::namesHostOfAny(const QSslCertificate &certificate, const QList<QUrl> &urls)
{
    return std::any_of(urls.cbegin(), urls.cend(),
                       [&](const QUrl &url) { return namesHost(certificate, url.host()); });
}

} // namespace transport
