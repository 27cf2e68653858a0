// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "latency/LeaderStatsSource.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

namespace admin {

class ClusterConnection;
struct ClusterStatus;

// Polls /v2/stats/leader on the current leader every interval() (500 ms by
// default). The leader is found with /v2/members/leader and asked directly
// at its first client URL (followers answer 403). When the leader stops
// answering, answers 403, or the connection reports another leader, the
// source looks for the leader again on the next tick, so the chart follows
// leadership changes. Member names come from /v2/members. At most one
// request is in flight; a slow leader makes ticks skip, not pile up.
// Does not own the connection. GUI thread only.
class ClientLeaderStatsSource : public LeaderStatsSource
{
    Q_OBJECT
public:
    explicit ClientLeaderStatsSource(ClusterConnection *connection, QObject *parent = nullptr);

    void start() override;
    void stop() override;
    bool isRunning() const override { return m_timer.isActive(); }
    QString description() const override;

    int interval() const { return m_timer.interval(); }
    void setInterval(int ms) { m_timer.setInterval(ms); }
    QUrl leaderEndpoint() const { return m_leaderUrl; }

private:
    void tick();
    void discover();
    void fetchNames();
    void forgetLeader(const QString &why);
    void statusChanged(const ClusterStatus &status);

    QPointer<ClusterConnection> m_connection;
    QTimer m_timer;
    QElapsedTimer m_clock;
    bool m_inFlight = false;
    int m_generation = 0;
    int m_ticksSinceNames = 0;
    QString m_leaderId;
    QString m_leaderName;
    QUrl m_leaderUrl;
    QString m_lastFailure;
};

} // namespace admin
