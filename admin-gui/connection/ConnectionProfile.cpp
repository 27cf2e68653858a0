// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "connection/ConnectionProfile.h"

#include "client/Client.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace admin {

QString ConnectionProfile::validate() const
{
    if (endpoints.isEmpty())
        return tr("Enter at least one endpoint, for example http://127.0.0.1:2379.");
    for (const QUrl &url : client::Client::parseEndpoints(endpoints)) {
        if (!url.isValid() || url.host().isEmpty())
            return tr("\"%1\" is not a valid endpoint URL.").arg(url.toString());
        if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
            return tr("Endpoint %1 must use http or https.").arg(url.toString());
    }
    for (const QString &file : {caFile, certFile, keyFile}) {
        if (!file.isEmpty() && !QFileInfo(file).isReadable())
            return tr("Cannot read the file %1.").arg(file);
    }
    if (certFile.isEmpty() != keyFile.isEmpty())
        return tr("A client certificate needs its key, and a key its certificate.");
    if (username.isEmpty() && !password.isEmpty())
        return tr("A password needs a user name.");
    return QString();
}

client::ClientConfig ConnectionProfile::toClientConfig() const
{
    client::ClientConfig c;
    c.endpoints = client::Client::parseEndpoints(endpoints);
    c.caFile = caFile;
    c.certFile = certFile;
    c.keyFile = keyFile;
    c.username = username;
    c.password = password;
    // A member that accepts the connection but never answers must not hold
    // the GUI's requests forever: after 5 s the client moves on to the next
    // endpoint. No total limit, because listing a directory of 100,000 keys
    // may legitimately take longer than any fixed deadline.
    c.headerTimeoutMs = 5000;
    return c;
}

QStringList ConnectionProfile::parseEndpointText(const QString &text)
{
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    return text.split(separators, Qt::SkipEmptyParts);
}

bool ConnectionProfile::operator==(const ConnectionProfile &o) const
{
    return name == o.name && endpoints == o.endpoints && caFile == o.caFile &&
           certFile == o.certFile && keyFile == o.keyFile && username == o.username &&
           password == o.password && savePassword == o.savePassword && production == o.production;
}

} // namespace admin
