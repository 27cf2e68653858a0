// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "watch/WatchEvent.h"

#include <QAbstractTableModel>
#include <QList>

#include <deque>

namespace admin {

// The watch panel's table: one row per event, oldest first, at most
// maxRows() (the oldest go first when it is full). Also writes rows out as
// CSV (RFC 4180, a header line, UTF-8) or as a JSON array. GUI thread only.
class WatchEventModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        TimeColumn,
        ActionColumn,
        KeyColumn,
        ValueColumn,
        PreviousValueColumn,
        IndexColumn,
        ColumnCount
    };

    explicit WatchEventModel(QObject *parent = nullptr);

    int maxRows() const { return m_maxRows; }
    void setMaxRows(int rows);

    void append(const WatchEvent &event);
    void append(const QList<WatchEvent> &events);
    void clear();
    const WatchEvent &event(int row) const { return m_events[size_t(row)]; }

    // `rows` in this model; empty: all rows.
    QByteArray toCsv(const QList<int> &rows = {}) const;
    QByteArray toJson(const QList<int> &rows = {}) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<int> allRows(const QList<int> &rows) const;
    void trim();

    std::deque<WatchEvent> m_events;
    int m_maxRows = 100000;
};

} // namespace admin
