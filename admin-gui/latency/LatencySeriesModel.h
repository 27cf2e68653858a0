// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "latency/FollowerLatency.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QHash>
#include <QJsonObject>
#include <QList>

namespace admin {

// Turns successive /v2/stats/leader answers into what the latency page
// draws: per follower, the "current" latency over a sliding window of
// time (points older than windowMs() before the newest sample are dropped)
// and, as table rows, the leader's average/minimum/maximum/standard
// deviation and success/fail counts.
// Rows are the followers of the latest answer, sorted by id; when that set
// changes (a member joins, leaves, or leadership moves) the rows are reset
// and followers that stay keep their history.
// Latency levels follow the etcd 0.4 dashboard: below 25 ms good (green),
// below 60 ms fair (orange), otherwise poor (red).
// Trouble: a follower whose success count has not moved for staleAfterMs()
// (two polls at the default 500 ms, while the leader pings every 100 ms),
// or never moved, is "not answering": its samples and row are drawn in the
// trouble colour whatever latency the leader still reports, and
// troubledFollowers() lists it with the time of its last answer.
// Time is passed in by the caller. GUI thread only.
class LatencySeriesModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        FollowerColumn,
        CurrentColumn,
        AverageColumn,
        MinimumColumn,
        MaximumColumn,
        StdDevColumn,
        SuccessColumn,
        FailColumn,
        ColumnCount
    };
    enum class Level { Good, Fair, Poor };

    explicit LatencySeriesModel(QObject *parent = nullptr);

    static Level level(double ms);
    static QColor color(Level level);
    static QColor colorFor(double ms) { return color(level(ms)); }

    qint64 windowMs() const { return m_windowMs; }
    void setWindowMs(qint64 ms);
    qint64 staleAfterMs() const { return m_staleAfterMs; }
    void setStaleAfterMs(qint64 ms) { m_staleAfterMs = qMax<qint64>(1, ms); }
    static QColor troubleColor() { return color(Level::Poor); }

    // Returns false (and changes nothing) when `stats` is not shaped like
    // a leader's statistics.
    bool addStats(qint64 atMs, const QJsonObject &stats);
    void setMemberNames(const QHash<QString, QString> &names);
    void clear();

    QString leaderId() const { return m_leaderId; }
    QStringList followerIds() const;
    const FollowerLatency *follower(const QString &id) const;
    QString displayName(const QString &id) const;
    QList<QPointF> samples(const QString &id) const;
    // Parallel to samples(): whether the follower had answered at that sample.
    QList<bool> answered(const QString &id) const;
    // Followers not answering at the latest sample, by row order.
    QStringList troubledFollowers() const;
    qint64 latestMs() const { return m_latestMs; }
    int sampleCount() const { return m_sampleCount; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    void samplesAdded(qint64 atMs);
    void followersChanged();

private:
    QList<FollowerLatency> m_followers;
    QHash<QString, QString> m_names;
    QString m_leaderId;
    qint64 m_windowMs = 60000;
    qint64 m_staleAfterMs = 450;
    qint64 m_latestMs = 0;
    int m_sampleCount = 0;
};

} // namespace admin
