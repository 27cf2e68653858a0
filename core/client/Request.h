// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace client {

// One HTTP request of the v2 API, independent of the endpoint it is sent to.
// Built by Client, turned into a URL per endpoint with Go's escaping so that
// the --debug curl line matches etcdctl's. Plain value type.
class Request
{
public:
    // How the response body is interpreted and which statuses are success.
    enum class Api { Keys, Members, Auth, Plain };

    QByteArray method = "GET";
    QString path; // unescaped, e.g. "/v2/keys/foo bar"
    QList<QPair<QString, QString>> query;
    QByteArray body;
    bool hasBody = false; // curl line shows -d only for requests with a body
    QByteArray contentType;
    Api api = Api::Plain;
    bool watch = false;   // long-lived: exempt from the total timeout
    bool failover = true; // try the other endpoints on transport errors and 5xx
    QList<int> okStatus{200, 201, 204};
    // Statuses whose body is {"message": ...} (the Go client decodes it and
    // reports the message, or the JSON error if it is not JSON); any other
    // unexpected status is "unexpected status code N". Keys use etcd's
    // error body instead.
    QList<int> messageStatus;
    bool messageOnAnyStatus = false;
    QString goErrorType = QStringLiteral("client.authError"); // for JSON decode errors

    void addQuery(const QString &name, const QString &value) { query.append({name, value}); }
    void setFormBody(const QList<QPair<QString, QString>> &fields);
    void setJsonBody(const QByteArray &json);

    // Full URL for one endpoint: endpoint path + canonical(path), query
    // parameters sorted by name (Go's url.Values.Encode).
    QByteArray encodedUrl(const QUrl &endpoint) const;
    QUrl url(const QUrl &endpoint) const;
    // "curl -X PUT http://... -d \"value=x\"" as etcdctl --debug prints it.
    QString curlCommand(const QUrl &endpoint) const;

    // v2 keys path for a key as etcdctl builds it ("foo" and "/foo" are the same).
    static QString keysPath(const QString &key);
};

} // namespace client
