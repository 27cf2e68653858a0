// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "latency/LeaderStatsSource.h"

#include <QHash>
#include <QPointer>
#include <QWidget>

class QChart;
class QChartView;
class QLabel;
class QLineSeries;
class QTableView;
class QValueAxis;

namespace admin {

class ClusterConnection;
class LatencySeriesModel;

// The leader latency page: one line per follower of the leader's current
// latency to it over a sliding window (Qt Charts), each point coloured like
// the etcd 0.4 dashboard (green < 25 ms, orange < 60 ms, red above), and
// beside it a table of average/min/max/standard deviation and success/fail
// counts per follower.
// A follower that stops answering (LatencySeriesModel's trouble rule) is
// flagged three ways: its points turn into large red markers, its table row
// turns red with "no answer" for the latency, and a line above the chart
// says "follower X not answering since HH:MM:SS".
//
// The numbers come from a LeaderStatsSource: by default a
// ClientLeaderStatsSource polling the current leader every 500 ms while
// connected; setSource() swaps in another (synthetic samples for demos and
// screenshots), and the page says which one is drawing.
// Owns its model, chart and sources. GUI thread only.
class LatencyChartPage : public QWidget
{
    Q_OBJECT
public:
    explicit LatencyChartPage(ClusterConnection *connection, QWidget *parent = nullptr);

    LatencySeriesModel *model() const { return m_model; }
    LeaderStatsSource *source() const { return m_source; }
    // Takes ownership; the previous source is deleted.
    void setSource(LeaderStatsSource *source);
    QChart *chart() const { return m_chart; }
    QLineSeries *series(const QString &followerId) const { return m_series.value(followerId); }
    int seriesCount() const { return int(m_series.size()); }
    // The words above the chart; empty while every follower answers.
    QString troubleText() const;

private:
    void rebuildSeries();
    void redraw();
    void updateSourceLabel();
    void updateTrouble();

    QPointer<ClusterConnection> m_connection;
    LatencySeriesModel *m_model;
    QPointer<LeaderStatsSource> m_source;
    QChart *m_chart;
    QChartView *m_chartView;
    QValueAxis *m_axisX;
    QValueAxis *m_axisY;
    QHash<QString, QLineSeries *> m_series;
    QLabel *m_sourceLabel;
    QLabel *m_leaderLabel;
    QLabel *m_emptyLabel;
    QLabel *m_troubleLabel;
    QTableView *m_table;
};

} // namespace admin
