// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "client/Error.h"
#include "client/JsonNumber.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace client {

Error Error::etcd(int errorCode, const QString &message, const QString &cause, quint64 index,
                  int httpStatus)
{
    Error e;
    e.m_kind = Kind::Etcd;
    e.m_errorCode = errorCode;
    e.m_message = message;
    e.m_cause = cause;
    e.m_index = index;
    e.m_httpStatus = httpStatus;
    return e;
}

Error Error::make(Kind kind, const QString &message, const QUrl &endpoint, int httpStatus)
{
    Error e;
    e.m_kind = kind;
    e.m_message = message;
    e.m_endpoint = endpoint;
    e.m_httpStatus = httpStatus;
    return e;
}

Error Error::clusterUnavailable(const QList<Error> &attempts)
{
    Error e;
    e.m_kind = Kind::ClusterUnavailable;
    e.m_message = QStringLiteral("client: etcd cluster is unavailable or misconfigured");
    e.m_attempts = attempts;
    return e;
}

Error Error::fromKeysBody(const QByteArray &body, int httpStatus, const QUrl &endpoint)
{
    QJsonParseError pe;
    const QJsonObject o = QJsonDocument::fromJson(body, &pe).object();
    if (pe.error != QJsonParseError::NoError || !o.contains(QLatin1String("errorCode"))) {
        return make(Kind::Http, QStringLiteral("unexpected status code %1").arg(httpStatus),
                    endpoint, httpStatus);
    }
    return etcd(o.value(QLatin1String("errorCode")).toInt(),
                o.value(QLatin1String("message")).toString(),
                o.value(QLatin1String("cause")).toString(),
                json::toUint64(o.value(QLatin1String("index"))).value_or(0), httpStatus);
}

bool Error::isConnectionError() const
{
    switch (m_kind) {
    case Kind::Connection:
    case Kind::Deadline:
        return true;
    case Kind::ClusterUnavailable:
        for (const Error &a : m_attempts) {
            if (!a.isConnectionError())
                return false;
        }
        return true;
    default:
        return false;
    }
}

QString Error::toString() const
{
    switch (m_kind) {
    case Kind::None:
        return QString();
    case Kind::Etcd:
        return QStringLiteral("%1: %2 (%3) [%4]")
            .arg(m_errorCode)
            .arg(m_message, m_cause)
            .arg(m_index);
    case Kind::ClusterUnavailable: {
        QString s = m_message;
        for (int i = 0; i < m_attempts.size(); ++i)
            s += QStringLiteral("; error #%1: %2\n").arg(i).arg(m_attempts[i].toString());
        return s;
    }
    default:
        return m_message;
    }
}

QString Error::detail() const
{
    QString s;
    for (int i = 0; i < m_attempts.size(); ++i)
        s += QStringLiteral("error #%1: %2\n").arg(i).arg(m_attempts[i].toString());
    return s;
}

} // namespace client
