// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QList>
#include <QSslCertificate>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace transport {

// What a peer's verified TLS certificate says about who it is, for PeerTransport's checks of
// accepted connections: --peer-cert-allowed-cn (the subject's Common Name) and the binding of a
// Hello's member id to that member's peer URLs (the certificate must name the host of one of
// them). Host names are matched the way a dialer checks the listener's certificate against the
// URL it dials: the DNS and IP subject alternative names when the certificate has any, else the
// Common Name; IP hosts match IP entries by value, DNS hosts match DNS entries
// case-insensitively, where "*." stands for exactly one left-most label. No name resolution:
// "localhost" names localhost, not 127.0.0.1.
// Pure functions; any thread.
class PeerIdentity
{
public:
    // The subject's Common Name(s).
    static QStringList commonNames(const QSslCertificate &certificate);
    // The host names the certificate vouches for (see above), for checks and logs.
    static QStringList hostNames(const QSslCertificate &certificate);
    // Whether the certificate names host (a URL's host, IPv6 without brackets).
    static bool namesHost(const QSslCertificate &certificate, const QString &host);
    // Whether it names the host of at least one of urls.
    static bool namesHostOfAny(const QSslCertificate &certificate, const QList<QUrl> &urls);
};

} // namespace transport
