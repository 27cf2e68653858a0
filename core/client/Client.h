// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "client/ClientConfig.h"
#include "client/DeleteOptions.h"
#include "client/Error.h"
#include "client/GetOptions.h"
#include "client/Reply.h"
#include "client/Request.h"
#include "client/SetOptions.h"
#include "client/WatchOptions.h"

#include <QList>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QUrl>

namespace client {

class Transport;
class Watcher;

// Asynchronous client of the etcd v2 HTTP API, shared by qetcdctl and the
// admin GUI; the only HTTP code they use.
//
// Every call returns at once with a Reply (see Reply.h) that emits finished()
// when the answer is in. A call tries the pinned endpoint first and, on a
// connection error, a header timeout or a 5xx answer, the next endpoint, and
// so on through the list; the endpoint that answers becomes the pinned one.
// If all fail, the Reply's error is ClusterUnavailable with one entry per
// endpoint. sync() replaces the endpoint list with the members' client URLs.
// Watches are long-lived objects of their own (Watcher).
//
// Errors are values (Error): etcd's errorCode/message/cause/index, or what
// went wrong on the way.
//
// Threading: a QObject of the thread that created it; Replies and Watchers
// belong to the same thread.
class Client : public QObject
{
    Q_OBJECT
public:
    explicit Client(const ClientConfig &config, QObject *parent = nullptr);
    ~Client() override;

    const ClientConfig &config() const { return m_config; }
    // A problem with the configuration (e.g. unreadable TLS files); every
    // call fails with it while set.
    Error configurationError() const;

    QList<QUrl> endpoints() const { return m_endpoints; }
    void setEndpoints(const QList<QUrl> &endpoints);
    QUrl pinnedEndpoint() const;

    // --- keys (/v2/keys) -------------------------------------------------
    Reply *get(const QString &key, const GetOptions &options = {});
    Reply *set(const QString &key, const QString &value, const SetOptions &options = {});
    Reply *create(const QString &key, const QString &value, qint64 ttl = 0); // prevExist=false
    Reply *update(const QString &key, const QString &value, qint64 ttl = 0); // prevExist=true
    Reply *setDir(const QString &key, const SetOptions &options = {});       // set with dir=true
    Reply *createInOrder(const QString &dir, const QString &value, qint64 ttl = 0); // POST
    Reply *remove(const QString &key, const DeleteOptions &options = {});
    // One long poll: finishes with the first matching event.
    Reply *waitOnce(const QString &key, const WatchOptions &options = {});
    // A watch that keeps going: see Watcher.h. Owned by `parent` (or the client).
    Watcher *watch(const QString &key, const WatchOptions &options = {}, QObject *parent = nullptr);

    // --- cluster -----------------------------------------------------------
    Reply *listMembers();
    Reply *leader(); // /v2/members/leader
    Reply *addMember(const QStringList &peerUrls);
    Reply *removeMember(const QString &id);
    Reply *updateMember(const QString &id, const QStringList &peerUrls);
    // Lists the members and makes their client URLs the endpoint list.
    // Fails with NoEndpoints if no member publishes one.
    Reply *sync();

    Reply *leaderStats();
    Reply *selfStats();
    Reply *storeStats();
    // Without an endpoint: any member (failover). With one: only that member,
    // and any status is an answer (/health says 503 when unhealthy).
    Reply *version(const QUrl &endpoint = {});
    Reply *health(const QUrl &endpoint = {});
    Reply *machines();

    // --- authentication (/v2/auth) ------------------------------------------
    Reply *authStatus();
    Reply *enableAuth();
    Reply *disableAuth();
    Reply *listUsers();
    Reply *getUser(const QString &name);
    Reply *addUser(const QString &name, const QString &password);
    Reply *removeUser(const QString &name);
    Reply *changePassword(const QString &name, const QString &password);
    Reply *grantUserRoles(const QString &name, const QStringList &roles);
    Reply *revokeUserRoles(const QString &name, const QStringList &roles);
    Reply *listRoles();
    Reply *getRole(const QString &name);
    Reply *addRole(const QString &name);
    Reply *removeRole(const QString &name);
    // Empty lists are left out of the change.
    Reply *grantRolePermissions(const QString &name, const QStringList &read,
                                const QStringList &write);
    Reply *revokeRolePermissions(const QString &name, const QStringList &read,
                                 const QStringList &write);

    // --- low level -----------------------------------------------------------
    // Sends a prepared request with failover; with `onlyEndpoint` set, to
    // that member alone.
    Reply *send(const Request &request, const QUrl &onlyEndpoint = {});

    // Checks and orders peer URLs as etcd does (scheme http/https/unix/unixs,
    // host:port, no path; sorted). Returns false with a message on the first
    // bad one.
    static bool normalizePeerUrls(const QStringList &urls, QStringList *out, QString *error);
    // Endpoint strings as etcdctl takes them: "http://" added when the
    // scheme is missing.
    static QList<QUrl> parseEndpoints(const QStringList &endpoints);

signals:
    // Every HTTP request, as the equivalent curl command (etcdctl --debug).
    void requestSent(const QString &curlCommand);
    void endpointsChanged(const QList<QUrl> &endpoints);

private:
    friend class Watcher;
    void attempt(Reply *reply);
    void attemptFinished(Reply *reply, int index);
    void attemptTimedOut(Reply *reply, int index);
    Error interpret(Reply *reply) const;
    Transport *transport() const { return m_transport; }

    ClientConfig m_config;
    Transport *m_transport;
    QList<QUrl> m_endpoints;
    int m_pinned = 0;
    QTimer m_autoSync;
};

} // namespace client
