// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "client/ClientConfig.h"
#include "client/Error.h"

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSslConfiguration>

class QNetworkReply;

namespace client {

class Request;

// Sends Requests to one endpoint at a time over its own
// QNetworkAccessManager, with the configured TLS material and Basic
// credentials, and classifies what came back. Holds no failover policy:
// Client and Watcher decide what to try next.
// Each Watcher owns a Transport so that long polls never queue behind (or
// starve) the Client's short requests in one connection pool.
// Not thread-safe: lives in the thread that created it.
class Transport : public QObject
{
    Q_OBJECT
public:
    explicit Transport(const ClientConfig &config, QObject *parent = nullptr);

    // Problem with the TLS files; requests are not sent while this is set.
    Error configurationError() const { return m_configError; }

    QNetworkReply *send(const QUrl &endpoint, const Request &request);

    // The transport-level error of a finished (or failed) reply, or None if
    // an HTTP response arrived. Worded like Go's net/http errors.
    static Error transportError(QNetworkReply *reply, const QUrl &endpoint);
    // Error for an attempt abandoned because no headers arrived in time.
    static Error headerTimeout(const QUrl &endpoint);
    // Error for a 5xx answer from one member, like the Go client's.
    static Error serverError(int status, const QUrl &endpoint);

signals:
    void requestSent(const QString &curlCommand);

private:
    QNetworkAccessManager m_nam;
    QSslConfiguration m_ssl;
    QByteArray m_authorization;
    Error m_configError;
};

} // namespace client
