// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "app/Severity.h"
#include "cluster/MemberRow.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace admin {

class ClusterConnection;
class MembersModel;
class StoreStatsModel;

// Keeps the cluster page's models current: every interval() it lists the
// members, asks each member (at its first client URL) for /health and
// /v2/stats/self, and asks any member for /v2/stats/store. When no member
// can list the cluster, the members known from earlier rounds are still
// asked one by one, so the table shows which are down. A member that
// stops answering, or answers again, is reported once through message().
// A round that is still running when the timer fires is not doubled.
// Does not own the connection or the models. GUI thread only.
class ClusterPoller : public QObject
{
    Q_OBJECT
public:
    ClusterPoller(ClusterConnection *connection, MembersModel *members, StoreStatsModel *store,
                  QObject *parent = nullptr);

    int interval() const { return m_timer.interval(); }
    void setInterval(int ms) { m_timer.setInterval(ms); }
    void start();
    void stop();
    void refresh();
    bool isRefreshing() const { return m_pending > 0; }

signals:
    void refreshed();
    void message(Severity severity, const QString &text);

private:
    void done();
    void noteHealth(const QString &id, const QString &name, MemberRow::Health health,
                    const QString &detail);

    QPointer<ClusterConnection> m_connection;
    QPointer<MembersModel> m_members;
    QPointer<StoreStatsModel> m_store;
    QTimer m_timer;
    int m_pending = 0;
    int m_generation = 0;
    QHash<QString, MemberRow::Health> m_lastHealth;
};

} // namespace admin
