// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "app/Severity.h"
#include "client/Client.h"
#include "connection/ClusterStatus.h"
#include "connection/ConnectionProfile.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

namespace client {
class Error;
class Reply;
class Response;
} // namespace client

namespace admin {

// The app's one link to a cluster: owns the client::Client for the open
// profile and keeps ClusterStatus current, so pages never talk about
// connection state themselves.
//
// open() never blocks: it creates the client, probes the cluster with a keys
// GET (which also checks the credentials) and reports Connected or Failed;
// opened() tells pages to start loading. While connected it asks for the
// leader every few seconds. Every problem is reported through message()
// (shown in a banner, never a modal box); a failed probe is retried
// automatically unless the settings or credentials are at fault.
//
// Pages feed every keys reply and watch event they get to observe(), which
// keeps the member in use, the cluster id and X-Etcd-Index current and
// warns when the client had to fail over to another member.
//
// A production profile makes the connection read-only by default: every
// write path asks confirmWrite() first, which asks the user (a warning box
// naming the profile) and refuses the write when they decline.
//
// Owns the Client (recreated per open()); pointers from client() are valid
// until closing() is emitted. GUI thread only.
class ClusterConnection : public QObject
{
    Q_OBJECT
public:
    explicit ClusterConnection(QObject *parent = nullptr);
    ~ClusterConnection() override;

    void open(const ConnectionProfile &profile);
    void close();
    void retry();

    client::Client *client() const { return m_client; }
    bool isConnected() const { return m_status.state == ClusterStatus::State::Connected; }
    const ClusterStatus &status() const { return m_status; }
    const ConnectionProfile &profile() const { return m_profile; }

    void observe(const client::Reply *reply);
    void observeEvent(const client::Response &event);
    // A page's request failed: words it and passes it on as message().
    void reportError(const QString &what, const client::Error &error);

    void setLeaderRefreshInterval(int ms) { m_leaderTimer.setInterval(ms); }
    // Asks for the leader now rather than at the next refresh: the latency
    // page calls it when it sees leadership move, so the status bar follows
    // a failover as quickly as the chart does.
    void refreshLeaderNow() { refreshLeader(); }

    // True when `what` (e.g. "Delete /app") may be written: always for an
    // ordinary profile; for a production one, when the confirmer agrees.
    bool confirmWrite(const QString &what);
    // Who answers confirmWrite() for production profiles (default: a
    // warning box over the active window). Tests answer by themselves.
    using WriteConfirmer = std::function<bool(const QString &profile, const QString &what)>;
    void setWriteConfirmer(WriteConfirmer confirmer) { m_confirmer = std::move(confirmer); }

signals:
    void opened();
    void closing();
    void statusChanged(const ClusterStatus &status);
    void message(Severity severity, const QString &text);

private:
    void setState(ClusterStatus::State state);
    void probe();
    void refreshLeader();
    void lostContact(const client::Error &error);
    void emitStatus();

    ConnectionProfile m_profile;
    WriteConfirmer m_confirmer;
    QPointer<client::Client> m_client;
    ClusterStatus m_status;
    QTimer m_leaderTimer;
    QTimer m_retryTimer;
    bool m_leaderInFlight = false;
    int m_generation = 0;
};

} // namespace admin
