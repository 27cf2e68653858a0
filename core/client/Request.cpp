// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "client/Request.h"

#include "client/GoText.h"

#include <algorithm>

namespace client {

void Request::setFormBody(const QList<QPair<QString, QString>> &fields)
{
    auto sorted = fields;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const auto &a, const auto &b) { return a.first < b.first; });
    QByteArray out;
    for (const auto &f : sorted) {
        if (!out.isEmpty())
            out += '&';
        out += go::escapeQuery(f.first) + '=' + go::escapeQuery(f.second);
    }
    body = out;
    hasBody = true;
    contentType = "application/x-www-form-urlencoded";
}

void Request::setJsonBody(const QByteArray &json)
{
    body = json;
    hasBody = true;
    contentType = "application/json";
}

QByteArray Request::encodedUrl(const QUrl &endpoint) const
{
    QByteArray out = endpoint.scheme().toLatin1() + "://";
    const QString host = endpoint.host(QUrl::FullyEncoded);
    out += host.contains(QLatin1Char(':')) ? '[' + host.toLatin1() + ']' : host.toLatin1();
    if (endpoint.port() != -1)
        out += ':' + QByteArray::number(endpoint.port());
    out += go::escapePath(go::canonicalPath(endpoint.path() + path));
    if (!query.isEmpty()) {
        auto sorted = query;
        std::stable_sort(sorted.begin(), sorted.end(),
                         [](const auto &a, const auto &b) { return a.first < b.first; });
        QByteArray q;
        for (const auto &item : sorted) {
            if (!q.isEmpty())
                q += '&';
            q += go::escapeQuery(item.first) + '=' + go::escapeQuery(item.second);
        }
        out += '?' + q;
    }
    return out;
}

QUrl Request::url(const QUrl &endpoint) const
{
    return QUrl::fromEncoded(encodedUrl(endpoint), QUrl::StrictMode);
}

QString Request::curlCommand(const QUrl &endpoint) const
{
    QByteArray cmd = "curl -X " + method + ' ' + encodedUrl(endpoint);
    if (hasBody)
        cmd += " -d " + go::quote(body);
    return QString::fromUtf8(cmd);
}

QString Request::keysPath(const QString &key)
{
    return QStringLiteral("/v2/keys") +
           (key.startsWith(QLatin1Char('/')) ? key : QLatin1Char('/') + key);
}

} // namespace client
