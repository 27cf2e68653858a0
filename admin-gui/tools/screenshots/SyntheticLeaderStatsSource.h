// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "latency/LeaderStatsSource.h"

#include <QList>
#include <QRandomGenerator>
#include <QTimer>

namespace admin {

// Invents /v2/stats/leader answers of a leader with the given followers:
// each follower's latency wanders around its own base value with occasional
// spikes (so all three colour levels show), and the average, minimum,
// maximum, standard deviation and success/fail counts are computed from
// the invented samples exactly as the leader would. Deterministic for a
// given seed; time is its own (500 ms per sample). backfill() emits a
// stretch of history at once. For tests and the screenshots, never in the
// shipped app; the latency page says when its data is synthetic. GUI
// thread only.
class SyntheticLeaderStatsSource : public LeaderStatsSource
{
    Q_OBJECT
public:
    struct Follower
    {
        QString id;
        QString name;
        double baseMs = 1.0;
    };

    SyntheticLeaderStatsSource(const QString &leaderId, const QString &leaderName,
                               const QList<Follower> &followers, quint32 seed = 2379,
                               QObject *parent = nullptr);

    void start() override;
    void stop() override;
    bool isRunning() const override { return m_timer.isActive(); }
    QString description() const override;

    void backfill(int samples);
    // One answer, advancing the synthetic clock by 500 ms.
    QJsonObject next();

private:
    struct State
    {
        Follower follower;
        double current = 0;
        double sum = 0;
        double sumSquares = 0;
        double minimum = 0;
        double maximum = 0;
        qint64 success = 0;
        qint64 fail = 0;
    };

    void emitOne();

    QString m_leaderId;
    QString m_leaderName;
    QList<State> m_states;
    QRandomGenerator m_random;
    QTimer m_timer;
    qint64 m_nowMs = 0;
    bool m_announced = false;
};

} // namespace admin
