// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "tools/screenshots/SyntheticLeaderStatsSource.h"

#include <QtMath>

namespace admin {

SyntheticLeaderStatsSource::SyntheticLeaderStatsSource(const QString &leaderId,
                                                       const QString &leaderName,
                                                       const QList<Follower> &followers,
                                                       quint32 seed, QObject *parent)
    : LeaderStatsSource(parent), m_leaderId(leaderId), m_leaderName(leaderName), m_random(seed)
{
    for (const Follower &f : followers) {
        State s;
        s.follower = f;
        s.current = f.baseMs;
        m_states.append(s);
    }
    m_timer.setInterval(500);
    connect(&m_timer, &QTimer::timeout, this, &SyntheticLeaderStatsSource::emitOne);
}

QString SyntheticLeaderStatsSource::description() const
{
    return tr("Synthetic samples (no live cluster): leader %1 with %n follower(s)", nullptr,
              int(m_states.size()))
        .arg(m_leaderName);
}

void SyntheticLeaderStatsSource::start()
{
    m_timer.start();
}

void SyntheticLeaderStatsSource::stop()
{
    m_timer.stop();
}

void SyntheticLeaderStatsSource::backfill(int samples)
{
    for (int i = 0; i < samples; ++i)
        emitOne();
}

void SyntheticLeaderStatsSource::emitOne()
{
    if (!m_announced) {
        m_announced = true;
        QHash<QString, QString> names{{m_leaderId, m_leaderName}};
        for (const State &s : std::as_const(m_states))
            names.insert(s.follower.id, s.follower.name);
        emit memberNamesChanged(names);
        emit leaderChanged(m_leaderId, m_leaderName, QUrl());
    }
    const QJsonObject stats = next();
    emit statsReceived(m_nowMs, stats);
}

QJsonObject SyntheticLeaderStatsSource::next()
{
    m_nowMs += 500;
    QJsonObject followers;
    for (State &s : m_states) {
        // Mean-reverting random walk around the base, with rare spikes.
        const double noise = (m_random.generateDouble() - 0.5) * s.follower.baseMs * 0.6;
        s.current = qMax(0.05, s.current + noise + (s.follower.baseMs - s.current) * 0.3);
        double sample = s.current;
        const double roll = m_random.generateDouble();
        if (roll < 0.012)
            sample = 60 + m_random.generateDouble() * 40; // red
        else if (roll < 0.04)
            sample = 25 + m_random.generateDouble() * 30; // orange
        const bool failed = m_random.generateDouble() < 0.01;
        if (failed) {
            ++s.fail;
        } else {
            ++s.success;
            s.sum += sample;
            s.sumSquares += sample * sample;
            s.minimum = s.success == 1 ? sample : qMin(s.minimum, sample);
            s.maximum = qMax(s.maximum, sample);
        }
        const double n = double(qMax<qint64>(1, s.success));
        const double average = s.sum / n;
        const double variance = qMax(0.0, s.sumSquares / n - average * average);
        QJsonObject latency{{QStringLiteral("current"), sample},
                            {QStringLiteral("average"), average},
                            {QStringLiteral("standardDeviation"), qSqrt(variance)},
                            {QStringLiteral("minimum"), s.minimum},
                            {QStringLiteral("maximum"), s.maximum}};
        QJsonObject counts{{QStringLiteral("success"), double(s.success)},
                           {QStringLiteral("fail"), double(s.fail)}};
        followers.insert(s.follower.id, QJsonObject{{QStringLiteral("latency"), latency},
                                                    {QStringLiteral("counts"), counts}});
    }
    return QJsonObject{{QStringLiteral("leader"), m_leaderId},
                       {QStringLiteral("followers"), followers}};
}

} // namespace admin
