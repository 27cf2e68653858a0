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

// One certificate name against one host, as TLS host name verification does (RFC 6125):
// addresses by value, DNS names case-insensitively with a wildcard only as the whole
// left-most label, never matching an IP literal.
bool nameMatches(const QString &certificateName, const QString &host)
{
    const QHostAddress hostAddress(host);
    if (!hostAddress.isNull()) {
        const QHostAddress nameAddress(certificateName);
        return !nameAddress.isNull() && nameAddress.isEqual(hostAddress);
    }
    const QString name = normalizedDnsName(certificateName);
    const QString wanted = normalizedDnsName(host);
    if (name.isEmpty() || wanted.isEmpty())
        return false;
    if (!name.startsWith(QLatin1String("*.")))
        return name == wanted;
    const QString suffix = name.mid(1); // ".example.com"
    const qsizetype firstDot = wanted.indexOf(QLatin1Char('.'));
    return firstDot > 0 && wanted.mid(firstDot) == suffix && suffix.count(QLatin1Char('.')) >= 2;
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
    const QStringList names = hostNames(certificate);
    return std::any_of(names.cbegin(), names.cend(),
                       [&](const QString &name) { return nameMatches(name, host); });
}

bool PeerIdentity::namesHostOfAny(const QSslCertificate &certificate, const QList<QUrl> &urls)
{
    return std::any_of(urls.cbegin(), urls.cend(),
                       [&](const QUrl &url) { return namesHost(certificate, url.host()); });
}

} // namespace transport
