// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "cluster/StoreStatsModel.h"
#include "client/JsonNumber.h"

#include <QLocale>

namespace admin {

namespace {

struct CounterRow
{
    const char *label; // translated through StoreStatsModel's context
    const char *success;
    const char *fail;
};

const CounterRow kRows[] = {
    {QT_TRANSLATE_NOOP("admin::StoreStatsModel", "Gets"), "getsSuccess", "getsFail"},
    {QT_TRANSLATE_NOOP("admin::StoreStatsModel", "Sets"), "setsSuccess", "setsFail"},
    {QT_TRANSLATE_NOOP("admin::StoreStatsModel", "Creates"), "createSuccess", "createFail"},
    {QT_TRANSLATE_NOOP("admin::StoreStatsModel", "Updates"), "updateSuccess", "updateFail"},
    {QT_TRANSLATE_NOOP("admin::StoreStatsModel", "Deletes"), "deleteSuccess", "deleteFail"},
    {QT_TRANSLATE_NOOP("admin::StoreStatsModel", "Compare-and-swaps"), "compareAndSwapSuccess",
     "compareAndSwapFail"},
    {QT_TRANSLATE_NOOP("admin::StoreStatsModel", "Compare-and-deletes"), "compareAndDeleteSuccess",
     "compareAndDeleteFail"},
    {QT_TRANSLATE_NOOP("admin::StoreStatsModel", "Expired keys"), "expireCount", nullptr},
    {QT_TRANSLATE_NOOP("admin::StoreStatsModel", "Watchers"), "watchers", nullptr},
};
constexpr int kRowCount = int(sizeof(kRows) / sizeof(kRows[0]));

} // namespace

StoreStatsModel::StoreStatsModel(QObject *parent) : QAbstractTableModel(parent) {}

void StoreStatsModel::setStats(const QJsonObject &stats)
{
    m_stats = stats;
    emit dataChanged(index(0, SuccessColumn), index(kRowCount - 1, FailColumn));
}

void StoreStatsModel::clear()
{
    setStats(QJsonObject());
}

qint64 StoreStatsModel::counter(int row, int column) const
{
    if (row < 0 || row >= kRowCount)
        return -1;
    const char *field = column == SuccessColumn ? kRows[row].success
                        : column == FailColumn  ? kRows[row].fail
                                                : nullptr;
    if (!field)
        return -1;
    const QJsonValue v = m_stats.value(QLatin1String(field));
    return client::json::toInt64(v).value_or(-1);
}

int StoreStatsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : kRowCount;
}

int StoreStatsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant StoreStatsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= kRowCount)
        return QVariant();
    if (role == Qt::DisplayRole) {
        if (index.column() == OperationColumn)
            return tr(kRows[index.row()].label);
        const qint64 v = counter(index.row(), index.column());
        if (v >= 0)
            return QLocale().toString(v);
        return (index.column() == FailColumn && !kRows[index.row()].fail) ? QString()
                                                                          : QStringLiteral("—");
    }
    if (role == Qt::TextAlignmentRole && index.column() != OperationColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return QVariant();
}

QVariant StoreStatsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case OperationColumn:
        return tr("Counter");
    case SuccessColumn:
        return tr("Success");
    case FailColumn:
        return tr("Fail");
    }
    return QVariant();
}

} // namespace admin
