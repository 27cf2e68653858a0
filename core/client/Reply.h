// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "client/AuthRole.h"
#include "client/AuthUser.h"
#include "client/Error.h"
#include "client/Member.h"
#include "client/Request.h"
#include "client/Response.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <functional>

class QNetworkReply;

namespace client {

class Client;

// The pending result of one Client call. Client creates it, runs the request
// (trying endpoints in turn) and emits finished() exactly once; after that
// error() tells whether it worked and the typed accessors read the body.
//
// Ownership: the Reply is a child of the Client. Either delete it (or
// deleteLater()) after finished(), or use then(), which deletes it after the
// callback ran. Not thread-safe: use it in the Client's thread.
//
//     client->get("/foo")->then(this, [](client::Reply *r) {
//         if (r->error()) qWarning() << r->error().toString();
//         else use(r->keys().node.value);
//     });
class Reply : public QObject
{
    Q_OBJECT
public:
    ~Reply() override;

    bool isFinished() const { return m_finished; }
    const Error &error() const { return m_error; }
    const Request &request() const { return m_request; }

    int httpStatus() const { return m_status; }
    QByteArray body() const { return m_body; }
    QByteArray rawHeader(const QByteArray &name) const;
    QUrl endpoint() const { return m_endpoint; } // the member that answered

    // Typed views of a successful body; each matches one family of calls.
    Response keys() const;         // get/set/remove/createInOrder/waitOnce
    QList<Member> members() const; // listMembers
    Member member() const;         // addMember, leader
    AuthUser user() const;         // getUser, grant/revoke, changePassword
    AuthRole role() const;         // getRole, grant/revoke permissions
    QStringList names() const;     // listUsers, listRoles
    QJsonObject json() const;      // stats, version, health, auth status

    // Cancels the call; finished() follows with a Cancelled error.
    void abort();

    // Runs f(this) when finished (at once if it already is), then deletes
    // the reply. `context` going away first cancels the callback.
    void then(QObject *context, std::function<void(Reply *)> f);

signals:
    void finished();

private:
    friend class Client;
    Reply(const Request &request, Client *client);

    void finish(const Error &error);

    Request m_request;
    bool m_finished = false;
    Error m_error;
    int m_status = 0;
    QByteArray m_body;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QUrl m_endpoint;

    // Failover state, driven by Client.
    QList<QUrl> m_endpoints;
    int m_first = 0;
    int m_tried = 0;
    int m_currentIndex = 0;
    QList<Error> m_attempts;
    QPointer<QNetworkReply> m_current;
    QTimer m_headerTimer;
    QTimer m_deadline;
    // Set by Client for calls whose success needs a second look (e.g. a
    // keys reply that must parse).
    std::function<Error(Reply *)> m_validate;
};

} // namespace client
