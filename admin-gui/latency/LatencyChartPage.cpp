// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "latency/LatencyChartPage.h"

#include "connection/ClusterConnection.h"
#include "latency/ClientLeaderStatsSource.h"
#include "latency/LatencySeriesModel.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

namespace admin {

namespace {

// A round upper bound for the latency axis just above `v`.
double niceCeiling(double v)
{
    if (v <= 1)
        return 1;
    const double magnitude = std::pow(10, std::floor(std::log10(v)));
    for (double step : {1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0}) {
        if (step * magnitude >= v)
            return step * magnitude;
    }
    return 10 * magnitude;
}

// Line colours for followers (the points carry the latency colours).
const QColor kLineColors[] = {QColor(0x1f, 0x77, 0xb4), QColor(0x94, 0x67, 0xbd),
                              QColor(0x17, 0xbe, 0xcf), QColor(0x8c, 0x56, 0x4b),
                              QColor(0x7f, 0x7f, 0x7f), QColor(0xbc, 0xbd, 0x22)};

} // namespace

LatencyChartPage::LatencyChartPage(ClusterConnection *connection, QWidget *parent)
    : QWidget(parent), m_connection(connection)
{
    m_model = new LatencySeriesModel(this);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_leaderLabel = new QLabel(this);
    m_leaderLabel->setObjectName(QStringLiteral("latencyLeader"));
    m_sourceLabel = new QLabel(this);
    m_sourceLabel->setObjectName(QStringLiteral("latencySource"));
    m_sourceLabel->setWordWrap(true);
    auto *legend = new QLabel(this);
    legend->setText(
        tr("<span style='color:%1'>●</span> below 25 ms &nbsp; <span style='color:%2'>●</span> "
           "below 60 ms &nbsp; <span style='color:%3'>●</span> 60 ms and above &nbsp; "
           "<span style='color:%3'><b>⬤</b></span> no answer")
            .arg(LatencySeriesModel::color(LatencySeriesModel::Level::Good).name(),
                 LatencySeriesModel::color(LatencySeriesModel::Level::Fair).name(),
                 LatencySeriesModel::color(LatencySeriesModel::Level::Poor).name()));
    auto *top = new QHBoxLayout;
    top->addWidget(m_leaderLabel, 1);
    top->addWidget(legend);
    layout->addLayout(top);
    layout->addWidget(m_sourceLabel);
    m_emptyLabel = new QLabel(this);
    m_emptyLabel->setObjectName(QStringLiteral("noFollowersLabel"));
    m_emptyLabel->setWordWrap(true);
    m_emptyLabel->setText(tr("The leader reports no followers: a single-member cluster has "
                             "nobody to replicate to, so there is no latency to draw."));
    m_emptyLabel->hide();
    layout->addWidget(m_emptyLabel);
    m_troubleLabel = new QLabel(this);
    m_troubleLabel->setObjectName(QStringLiteral("latencyTrouble"));
    m_troubleLabel->setWordWrap(true);
    m_troubleLabel->setTextFormat(Qt::PlainText);
    m_troubleLabel->setStyleSheet(QStringLiteral("QLabel { color: white; background: %1; "
                                                 "padding: 4px; font-weight: bold; }")
                                      .arg(LatencySeriesModel::troubleColor().name()));
    // Keeps its line when hidden, so the chart does not jump under the
    // mouse when a follower stops or starts answering.
    QSizePolicy keep = m_troubleLabel->sizePolicy();
    keep.setRetainSizeWhenHidden(true);
    m_troubleLabel->setSizePolicy(keep);
    m_troubleLabel->hide();
    layout->addWidget(m_troubleLabel);

    m_chart = new QChart;
    m_chart->setTitle(tr("Leader → follower latency (ms)"));
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_axisX = new QValueAxis;
    m_axisX->setTitleText(tr("seconds (0 = latest sample)"));
    m_axisX->setLabelFormat(QStringLiteral("%d"));
    m_axisX->setRange(-double(m_model->windowMs()) / 1000, 0);
    m_axisX->setTickCount(7);
    m_axisY = new QValueAxis;
    m_axisY->setTitleText(tr("latency (ms)"));
    m_axisY->setRange(0, 1);
    m_axisY->setLabelFormat(QStringLiteral("%.1f"));
    m_chart->addAxis(m_axisX, Qt::AlignBottom);
    m_chart->addAxis(m_axisY, Qt::AlignLeft);
    m_chartView = new QChartView(m_chart, this);
    m_chartView->setObjectName(QStringLiteral("latencyChartView"));
    m_chartView->setRenderHint(QPainter::Antialiasing);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("latencyTable"));
    m_table->setToolTip(tr("Latencies in milliseconds, as the leader measured them"));
    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_chartView);
    splitter->addWidget(m_table);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({700, 500});
    layout->addWidget(splitter, 1);

    connect(m_model, &LatencySeriesModel::followersChanged, this, &LatencyChartPage::rebuildSeries);
    connect(m_model, &LatencySeriesModel::samplesAdded, this, &LatencyChartPage::redraw);

    setSource(new ClientLeaderStatsSource(connection, this));
    if (connection) {
        connect(connection, &ClusterConnection::opened, this, [this] {
            m_model->clear();
            if (qobject_cast<ClientLeaderStatsSource *>(m_source))
                m_source->start();
        });
        connect(connection, &ClusterConnection::closing, this, [this] {
            if (qobject_cast<ClientLeaderStatsSource *>(m_source))
                m_source->stop();
        });
        if (connection->isConnected())
            m_source->start();
    }
    updateSourceLabel();
}

void LatencyChartPage::setSource(LeaderStatsSource *source)
{
    if (m_source) {
        m_source->stop();
        delete m_source;
    }
    m_source = source;
    m_model->clear();
    if (!source)
        return;
    source->setParent(this);
    connect(source, &LeaderStatsSource::statsReceived, this,
            [this](qint64 atMs, const QJsonObject &stats) {
                m_model->addStats(atMs, stats);
                updateSourceLabel();
                updateTrouble();
            });
    connect(source, &LeaderStatsSource::memberNamesChanged, m_model,
            &LatencySeriesModel::setMemberNames);
    connect(source, &LeaderStatsSource::leaderChanged, this,
            [this](const QString &id, const QString &name, const QUrl &) {
                m_leaderLabel->setText(
                    tr("Leader: %1").arg(name.isEmpty() ? id : tr("%1 (%2)").arg(name, id)));
                updateSourceLabel();
            });
    connect(source, &LeaderStatsSource::failed, this,
            [this](const QString &why) { m_sourceLabel->setText(why); });
    m_leaderLabel->setText(tr("Leader: unknown"));
    updateSourceLabel();
    updateTrouble();
}

QString LatencyChartPage::troubleText() const
{
    return m_troubleLabel->isHidden() ? QString() : m_troubleLabel->text();
}

void LatencyChartPage::updateTrouble()
{
    QStringList lines;
    const QDateTime now = QDateTime::currentDateTime();
    for (const QString &id : m_model->troubledFollowers()) {
        const FollowerLatency *f = m_model->follower(id);
        // Source-clock times, placed on the wall clock from the latest sample.
        const QDateTime since = now.addMSecs(f->lastAnswerMs - m_model->latestMs());
        const QString at = QLocale().toString(since.time(), QStringLiteral("HH:mm:ss"));
        lines.append(
            f->everAnswered
                ? tr("follower %1 not answering since %2").arg(m_model->displayName(id), at)
                : tr("follower %1 not answering since %2 (no answer from it since this "
                     "leader took over)")
                      .arg(m_model->displayName(id), at));
    }
    m_troubleLabel->setText(lines.join(QLatin1Char('\n')));
    m_troubleLabel->setVisible(!lines.isEmpty());
}

void LatencyChartPage::updateSourceLabel()
{
    if (m_source)
        m_sourceLabel->setText(m_source->description());
    m_emptyLabel->setVisible(m_model->sampleCount() > 0 && m_model->rowCount() == 0);
}

void LatencyChartPage::rebuildSeries()
{
    const QStringList ids = m_model->followerIds();
    for (auto it = m_series.begin(); it != m_series.end();) {
        if (!ids.contains(it.key())) {
            m_chart->removeSeries(it.value());
            delete it.value();
            it = m_series.erase(it);
        } else {
            ++it;
        }
    }
    int colorIndex = 0;
    for (const QString &id : ids) {
        QLineSeries *series = m_series.value(id);
        if (!series) {
            series = new QLineSeries;
            m_chart->addSeries(series);
            series->attachAxis(m_axisX);
            series->attachAxis(m_axisY);
            series->setPointsVisible(true);
            series->setMarkerSize(4.5);
            m_series.insert(id, series);
        }
        QPen pen(kLineColors[colorIndex++ % int(std::size(kLineColors))]);
        pen.setWidthF(2);
        series->setPen(pen);
        series->setName(m_model->displayName(id));
    }
    updateSourceLabel();
    updateTrouble();
    redraw();
}

void LatencyChartPage::redraw()
{
    const double latest = double(m_model->latestMs());
    double maxY = 0;
    for (auto it = m_series.cbegin(); it != m_series.cend(); ++it) {
        const QList<QPointF> samples = m_model->samples(it.key());
        const QList<bool> answered = m_model->answered(it.key());
        QList<QPointF> points;
        points.reserve(samples.size());
        QHash<int, QHash<QXYSeries::PointConfiguration, QVariant>> colors;
        for (qsizetype i = 0; i < samples.size(); ++i) {
            const QPointF &p = samples[i];
            // Good samples small, the slow ones stand out, silent ones most:
            // the leader repeats the last latency it measured, so only the
            // marker can say the follower did not answer.
            const LatencySeriesModel::Level level = LatencySeriesModel::level(p.y());
            const bool silent = i < answered.size() && !answered[i];
            auto &config = colors[int(points.size())];
            config[QXYSeries::PointConfiguration::Color] =
                silent ? LatencySeriesModel::troubleColor() : LatencySeriesModel::color(level);
            config[QXYSeries::PointConfiguration::Size] = silent ? 8.0
                                                          : level == LatencySeriesModel::Level::Good
                                                              ? 2.5
                                                              : 5.0;
            points.append(QPointF((p.x() - latest) / 1000.0, p.y()));
            maxY = qMax(maxY, p.y());
        }
        it.value()->replace(points);
        it.value()->setPointsConfiguration(colors);
    }
    m_axisY->setRange(0, niceCeiling(maxY * 1.15));
    m_axisY->setLabelFormat(m_axisY->max() >= 10 ? QStringLiteral("%d") : QStringLiteral("%.1f"));
}

} // namespace admin
