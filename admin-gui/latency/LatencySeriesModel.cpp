// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "latency/LatencySeriesModel.h"
#include "client/JsonNumber.h"

#include <QBrush>
#include <QLocale>

#include <algorithm>

namespace admin {

namespace {

QString ms(double v)
{
    return QLocale().toString(v, 'f', v < 10 ? 3 : 1);
}

} // namespace

LatencySeriesModel::LatencySeriesModel(QObject *parent) : QAbstractTableModel(parent) {}

LatencySeriesModel::Level LatencySeriesModel::level(double ms)
{
    if (ms < 25)
        return Level::Good;
    if (ms < 60)
        return Level::Fair;
    return Level::Poor;
}

QColor LatencySeriesModel::color(Level level)
{
    switch (level) {
    case Level::Good:
        return QColor(0x2e, 0xa0, 0x43);
    case Level::Fair:
        return QColor(0xf0, 0x8c, 0x00);
    case Level::Poor:
        return QColor(0xd0, 0x2f, 0x2f);
    }
    return QColor();
}

void LatencySeriesModel::setWindowMs(qint64 ms)
{
    m_windowMs = qMax<qint64>(1000, ms);
}

bool LatencySeriesModel::addStats(qint64 atMs, const QJsonObject &stats)
{
    const QJsonValue followersValue = stats.value(QLatin1String("followers"));
    if (!stats.value(QLatin1String("leader")).isString() ||
        !(followersValue.isObject() || followersValue.isNull() || followersValue.isUndefined()))
        return false;
    const QJsonObject followers = followersValue.toObject();
    QStringList ids = followers.keys();
    std::sort(ids.begin(), ids.end());

    m_leaderId = stats.value(QLatin1String("leader")).toString();
    if (ids != followerIds()) {
        beginResetModel();
        QList<FollowerLatency> next;
        for (const QString &id : ids) {
            const FollowerLatency *old = follower(id);
            FollowerLatency f = old ? *old : FollowerLatency();
            f.id = id;
            f.name = m_names.value(id);
            next.append(f);
        }
        m_followers = next;
        endResetModel();
        emit followersChanged();
    }
    for (FollowerLatency &f : m_followers) {
        const QJsonObject o = followers.value(f.id).toObject();
        const QJsonObject latency = o.value(QLatin1String("latency")).toObject();
        const QJsonObject counts = o.value(QLatin1String("counts")).toObject();
        f.current = latency.value(QLatin1String("current")).toDouble();
        f.average = latency.value(QLatin1String("average")).toDouble();
        f.minimum = latency.value(QLatin1String("minimum")).toDouble();
        f.maximum = latency.value(QLatin1String("maximum")).toDouble();
        f.standardDeviation = latency.value(QLatin1String("standardDeviation")).toDouble();
        const qint64 success =
            client::json::toInt64(counts.value(QLatin1String("success"))).value_or(0);
        // Any change counts as an answer: a new leader starts its own counts.
        const bool first = f.lastAnswerMs < 0;
        if (success > 0 && (first || success != f.success)) {
            f.lastAnswerMs = atMs;
            f.everAnswered = true;
        } else if (first) {
            f.lastAnswerMs = atMs;
        }
        f.success = success;
        f.fail = client::json::toInt64(counts.value(QLatin1String("fail"))).value_or(0);
        f.answering = f.everAnswered && atMs - f.lastAnswerMs < m_staleAfterMs;
        f.samples.emplace_back(double(atMs), f.current);
        f.answered.push_back(f.answering);
        while (!f.samples.empty() && f.samples.front().x() < double(atMs - m_windowMs)) {
            f.samples.pop_front();
            f.answered.pop_front();
        }
    }
    m_latestMs = atMs;
    ++m_sampleCount;
    if (!m_followers.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_followers.size()) - 1, ColumnCount - 1));
    emit samplesAdded(atMs);
    return true;
}

void LatencySeriesModel::setMemberNames(const QHash<QString, QString> &names)
{
    m_names = names;
    for (FollowerLatency &f : m_followers)
        f.name = names.value(f.id);
    if (!m_followers.isEmpty())
        emit dataChanged(index(0, FollowerColumn),
                         index(int(m_followers.size()) - 1, FollowerColumn));
    emit followersChanged();
}

void LatencySeriesModel::clear()
{
    beginResetModel();
    m_followers.clear();
    m_leaderId.clear();
    m_latestMs = 0;
    m_sampleCount = 0;
    endResetModel();
    emit followersChanged();
}

QStringList LatencySeriesModel::followerIds() const
{
    QStringList ids;
    for (const FollowerLatency &f : m_followers)
        ids.append(f.id);
    return ids;
}

const FollowerLatency *LatencySeriesModel::follower(const QString &id) const
{
    for (const FollowerLatency &f : m_followers) {
        if (f.id == id)
            return &f;
    }
    return nullptr;
}

QString LatencySeriesModel::displayName(const QString &id) const
{
    const QString name = m_names.value(id);
    return name.isEmpty() ? id : name;
}

QList<QPointF> LatencySeriesModel::samples(const QString &id) const
{
    const FollowerLatency *f = follower(id);
    return f ? QList<QPointF>(f->samples.begin(), f->samples.end()) : QList<QPointF>();
}

QList<bool> LatencySeriesModel::answered(const QString &id) const
{
    const FollowerLatency *f = follower(id);
    return f ? QList<bool>(f->answered.begin(), f->answered.end()) : QList<bool>();
}

QStringList LatencySeriesModel::troubledFollowers() const
{
    QStringList ids;
    for (const FollowerLatency &f : m_followers) {
        if (!f.answering)
            ids.append(f.id);
    }
    return ids;
}

int LatencySeriesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_followers.size());
}

int LatencySeriesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LatencySeriesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_followers.size())
        return QVariant();
    const FollowerLatency &f = m_followers[index.row()];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case FollowerColumn:
            return f.name.isEmpty() ? f.id : f.name;
        case CurrentColumn:
            // The leader keeps its last figure (or 0 when it never had one):
            // showing it would pass a silent follower off as fast.
            if (!f.answering)
                return tr("no answer");
            return ms(f.current);
        case AverageColumn:
            return ms(f.average);
        case MinimumColumn:
            return ms(f.minimum);
        case MaximumColumn:
            return ms(f.maximum);
        case StdDevColumn:
            return ms(f.standardDeviation);
        case SuccessColumn:
            return QLocale().toString(f.success);
        case FailColumn:
            return QLocale().toString(f.fail);
        }
        return QVariant();
    }
    if (role == Qt::ToolTipRole && index.column() == FollowerColumn)
        return f.id;
    if (role == Qt::ToolTipRole && !f.answering)
        return f.everAnswered ? tr("The leader's count of answered pings has stopped growing: "
                                   "the follower is paused, down or cut off.")
                              : tr("The leader has never had an answer from this follower.");
    if (!f.answering) {
        // The whole row says it, not only the latency cells.
        if (role == Qt::BackgroundRole)
            return QBrush(troubleColor());
        if (role == Qt::ForegroundRole)
            return QBrush(Qt::white);
    }
    if (role == Qt::BackgroundRole) {
        if (index.column() == CurrentColumn)
            return QBrush(colorFor(f.current));
        if (index.column() == AverageColumn)
            return QBrush(colorFor(f.average));
    }
    if (role == Qt::ForegroundRole &&
        (index.column() == CurrentColumn || index.column() == AverageColumn))
        return QBrush(Qt::white);
    if (role == Qt::ForegroundRole && index.column() == FailColumn && f.fail > 0)
        return QBrush(color(Level::Poor));
    if (role == Qt::TextAlignmentRole && index.column() != FollowerColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return QVariant();
}

QVariant LatencySeriesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::ToolTipRole && section >= CurrentColumn &&
        section <= StdDevColumn)
        return tr("milliseconds");
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case FollowerColumn:
        return tr("Follower");
    case CurrentColumn:
        return tr("Current");
    case AverageColumn:
        return tr("Average");
    case MinimumColumn:
        return tr("Min");
    case MaximumColumn:
        return tr("Max");
    case StdDevColumn:
        return tr("Std dev");
    case SuccessColumn:
        return tr("Success");
    case FailColumn:
        return tr("Fail");
    }
    return QVariant();
}

} // namespace admin
