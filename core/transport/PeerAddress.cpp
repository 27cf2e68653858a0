// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "transport/PeerAddress.h"

namespace transport {

std::optional<PeerAddress> PeerAddress::fromUrl(const QUrl &url, bool allowPortZero, QString *error)
{
    auto failWith = [&](const QString &why) -> std::optional<PeerAddress> {
        if (error)
            *error = QStringLiteral("peer URL %1: %2").arg(url.toString(), why);
        return std::nullopt;
    };
    if (!url.isValid())
        return failWith(QStringLiteral("not a valid URL"));
    const QString scheme = url.scheme().toLower();
    if (scheme != QLatin1String("http") && scheme != QLatin1String("https"))
        return failWith(QStringLiteral("scheme must be http or https"));
    if (url.host().isEmpty())
        return failWith(QStringLiteral("no host"));
    const int port = url.port(-1);
    if (port < 0 || port > 65535 || (port == 0 && !allowPortZero))
        return failWith(QStringLiteral("no valid port"));

    PeerAddress address;
    address.host = url.host().compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0
                       ? QStringLiteral("127.0.0.1")
                       : url.host();
    address.port = quint16(port);
    address.tls = scheme == QLatin1String("https");
    address.peerName = url.host();
    return address;
}

std::optional<QHostAddress> PeerAddress::bindAddress() const
{
    QHostAddress address;
    if (!address.setAddress(host))
        return std::nullopt;
    return address;
}

} // namespace transport
