// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "client/Transport.h"

#include "client/ClientLog.h"
#include "client/Request.h"

#include <QFile>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslError>
#include <QSslKey>

namespace client {

namespace {

QString hostPort(const QUrl &endpoint)
{
    const int defaultPort = endpoint.scheme() == QLatin1String("https") ? 443 : 80;
    QString host = endpoint.host();
    if (host.contains(QLatin1Char(':')))
        host = QLatin1Char('[') + host + QLatin1Char(']');
    return host + QLatin1Char(':') + QString::number(endpoint.port(defaultPort));
}

QByteArray readFile(const QString &path, Error *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = Error::make(Error::Kind::Configuration,
                             QStringLiteral("open %1: no such file or directory").arg(path));
        return QByteArray();
    }
    return f.readAll();
}

QString tlsText(QNetworkReply *reply)
{
    const QVariant sslError = reply->property("qetcdSslError");
    if (sslError.isValid()) {
        switch (QSslError::SslError(sslError.toInt())) {
        case QSslError::UnableToGetLocalIssuerCertificate:
        case QSslError::UnableToGetIssuerCertificate:
        case QSslError::UnableToVerifyFirstCertificate:
        case QSslError::SelfSignedCertificate:
        case QSslError::SelfSignedCertificateInChain:
        case QSslError::CertificateUntrusted:
            return QStringLiteral("x509: certificate signed by unknown authority");
        case QSslError::CertificateExpired:
        case QSslError::CertificateNotYetValid:
            return QStringLiteral("x509: certificate has expired or is not yet valid");
        case QSslError::HostNameMismatch:
            return QStringLiteral("x509: certificate is not valid for %1").arg(reply->url().host());
        default:
            break;
        }
    }
    // The server turned our certificate (or its absence) down.
    const QString text = reply->errorString();
    if (text.contains(QLatin1String("alert bad certificate")))
        return QStringLiteral("remote error: tls: bad certificate");
    if (text.contains(QLatin1String("alert certificate required")))
        return QStringLiteral("remote error: tls: certificate required");
    return text;
}

} // namespace

Transport::Transport(const ClientConfig &config, QObject *parent) : QObject(parent), m_nam(this)
{
    m_ssl = QSslConfiguration::defaultConfiguration();
    if (!config.caFile.isEmpty()) {
        const QByteArray pem = readFile(config.caFile, &m_configError);
        const auto cas = QSslCertificate::fromData(pem, QSsl::Pem);
        if (!m_configError && cas.isEmpty())
            m_configError =
                Error::make(Error::Kind::Configuration,
                            QStringLiteral("%1: no certificates found").arg(config.caFile));
        m_ssl.setCaCertificates(cas);
    }
    if (!config.certFile.isEmpty() || !config.keyFile.isEmpty()) {
        const QByteArray certPem = readFile(config.certFile, &m_configError);
        const QByteArray keyPem = readFile(config.keyFile, &m_configError);
        const auto certs = QSslCertificate::fromData(certPem, QSsl::Pem);
        QSslKey key(keyPem, QSsl::Rsa, QSsl::Pem);
        if (key.isNull())
            key = QSslKey(keyPem, QSsl::Ec, QSsl::Pem);
        if (!m_configError && (certs.isEmpty() || key.isNull()))
            m_configError = Error::make(
                Error::Kind::Configuration,
                QStringLiteral("tls: failed to find any PEM data in certificate or key input"));
        if (!certs.isEmpty()) {
            m_ssl.setLocalCertificate(certs.first());
            if (certs.size() > 1)
                m_ssl.setLocalCertificateChain(certs);
        }
        m_ssl.setPrivateKey(key);
    }
    if (!config.username.isEmpty()) {
        m_authorization =
            "Basic " + (config.username + QLatin1Char(':') + config.password).toUtf8().toBase64();
    }
}

QNetworkReply *Transport::send(const QUrl &endpoint, const Request &request)
{
    const QString curl = request.curlCommand(endpoint);
    qCDebug(lcClient) << "request" << curl;
    emit requestSent(curl);

    QNetworkRequest req(request.url(endpoint));
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    req.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    if (endpoint.scheme() == QLatin1String("https"))
        req.setSslConfiguration(m_ssl);
    if (!m_authorization.isEmpty())
        req.setRawHeader("Authorization", m_authorization);
    if (!request.contentType.isEmpty())
        req.setHeader(QNetworkRequest::ContentTypeHeader, request.contentType);
    QNetworkReply *reply = request.hasBody
                               ? m_nam.sendCustomRequest(req, request.method, request.body)
                               : m_nam.sendCustomRequest(req, request.method);
    // Remember why a handshake failed, to word it like Go's crypto/x509.
    connect(reply, &QNetworkReply::sslErrors, reply, [reply](const QList<QSslError> &errors) {
        if (!errors.isEmpty())
            reply->setProperty("qetcdSslError", int(errors.first().error()));
    });
    return reply;
}

Error Transport::transportError(QNetworkReply *reply, const QUrl &endpoint)
{
    // Network-layer errors (1..99) count even after the headers arrived: the
    // body was cut off (e.g. a watch whose member went away).
    const int code = reply->error();
    const bool networkLayer = code > 0 && code < 100;
    if (!networkLayer && reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).isValid())
        return Error();
    const QString hp = hostPort(endpoint);
    switch (reply->error()) {
    case QNetworkReply::NoError:
        // Finished without any HTTP response: the peer closed the connection.
        return Error::make(Error::Kind::ConnectionClosed, QStringLiteral("EOF"), endpoint);
    case QNetworkReply::ConnectionRefusedError:
        return Error::make(Error::Kind::Connection,
                           QStringLiteral("dial tcp %1: connect: connection refused").arg(hp),
                           endpoint);
    case QNetworkReply::HostNotFoundError:
        return Error::make(Error::Kind::Connection,
                           QStringLiteral("dial tcp: lookup %1: no such host").arg(endpoint.host()),
                           endpoint);
    case QNetworkReply::RemoteHostClosedError:
        return Error::make(Error::Kind::ConnectionClosed, QStringLiteral("EOF"), endpoint);
    case QNetworkReply::TimeoutError:
        return Error::make(Error::Kind::Connection,
                           QStringLiteral("dial tcp %1: i/o timeout").arg(hp), endpoint);
    case QNetworkReply::SslHandshakeFailedError:
    case QNetworkReply::UnknownNetworkError:
        if (endpoint.scheme() == QLatin1String("https"))
            return Error::make(Error::Kind::Tls, tlsText(reply), endpoint);
        return Error::make(Error::Kind::Connection, reply->errorString(), endpoint);
    case QNetworkReply::OperationCanceledError:
        return Error::make(Error::Kind::Cancelled, QStringLiteral("context canceled"), endpoint);
    default:
        return Error::make(Error::Kind::Connection, reply->errorString(), endpoint);
    }
}

Error Transport::headerTimeout(const QUrl &endpoint)
{
    return Error::make(
        Error::Kind::HeaderTimeout,
        QStringLiteral("client: endpoint %1 exceeded header timeout").arg(endpoint.toString()),
        endpoint);
}

Error Transport::serverError(int status, const QUrl &endpoint)
{
    if (status == 500 || status == 503)
        return Error::make(
            Error::Kind::ServerUnavailable,
            QStringLiteral("client: etcd member %1 has no leader").arg(endpoint.toString()),
            endpoint, status);
    static const QHash<int, QString> texts{{501, QStringLiteral("Not Implemented")},
                                           {502, QStringLiteral("Bad Gateway")},
                                           {504, QStringLiteral("Gateway Timeout")},
                                           {505, QStringLiteral("HTTP Version Not Supported")}};
    return Error::make(Error::Kind::ServerUnavailable,
                       QStringLiteral("client: etcd member %1 returns server error [%2]")
                           .arg(endpoint.toString(), texts.value(status, QString::number(status))),
                       endpoint, status);
}

} // namespace client
