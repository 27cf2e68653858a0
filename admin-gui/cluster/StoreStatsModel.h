// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QAbstractTableModel>
#include <QJsonObject>

namespace admin {

// /v2/stats/store as counters: one row per operation (gets, sets, creates,
// updates, deletes, compare-and-swaps, compare-and-deletes) with its success
// and failure counts, then expired keys and active watchers. Counters the
// server adds beyond these are ignored. GUI thread only.
class StoreStatsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { OperationColumn, SuccessColumn, FailColumn, ColumnCount };

    explicit StoreStatsModel(QObject *parent = nullptr);

    void setStats(const QJsonObject &stats);
    void clear();
    QJsonObject stats() const { return m_stats; }
    // The raw counter behind a cell, -1 when the server did not send it.
    qint64 counter(int row, int column) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QJsonObject m_stats;
};

} // namespace admin
