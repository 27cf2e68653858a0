// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "client/Reply.h"

#include "client/Client.h"

#include <QJsonDocument>
#include <QNetworkReply>

namespace client {

Reply::Reply(const Request &request, Client *client) : QObject(client), m_request(request)
{
    m_headerTimer.setSingleShot(true);
    m_deadline.setSingleShot(true);
}

Reply::~Reply()
{
    if (m_current) {
        m_current->disconnect(this);
        m_current->abort();
        m_current->deleteLater();
    }
}

QByteArray Reply::rawHeader(const QByteArray &name) const
{
    for (const auto &h : m_headers) {
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    }
    return QByteArray();
}

Response Reply::keys() const
{
    Response r;
    Response::parse(m_body, &r);
    r.etcdIndex = rawHeader("X-Etcd-Index").toULongLong();
    r.raftIndex = rawHeader("X-Raft-Index").toULongLong();
    r.raftTerm = rawHeader("X-Raft-Term").toULongLong();
    r.clusterId = QString::fromLatin1(rawHeader("X-Etcd-Cluster-Id"));
    r.httpStatus = m_status;
    return r;
}

QList<Member> Reply::members() const
{
    return Member::listFromJson(json());
}

Member Reply::member() const
{
    return Member::fromJson(json());
}

AuthUser Reply::user() const
{
    return AuthUser::fromJson(json());
}

AuthRole Reply::role() const
{
    return AuthRole::fromJson(json());
}

QStringList Reply::names() const
{
    const QJsonObject o = json();
    return o.contains(QLatin1String("users")) ? AuthUser::namesFromList(o)
                                              : AuthRole::namesFromList(o);
}

QJsonObject Reply::json() const
{
    return QJsonDocument::fromJson(m_body).object();
}

void Reply::abort()
{
    if (m_finished)
        return;
    if (m_current) {
        m_current->disconnect(this);
        m_current->abort();
        m_current->deleteLater();
        m_current = nullptr;
    }
    finish(Error::make(Error::Kind::Cancelled, QStringLiteral("context canceled")));
}

void Reply::then(QObject *context, std::function<void(Reply *)> f)
{
    if (m_finished) {
        QPointer<QObject> guard(context);
        QMetaObject::invokeMethod(
            this,
            [this, guard, f] {
                if (guard)
                    f(this);
                deleteLater();
            },
            Qt::QueuedConnection);
        return;
    }
    connect(this, &Reply::finished, context, [this, f] {
        f(this);
        deleteLater();
    });
}

void Reply::finish(const Error &error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_error = error;
    m_headerTimer.stop();
    m_deadline.stop();
    emit finished();
}

} // namespace client
