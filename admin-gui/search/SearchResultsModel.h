// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "search/KeySearch.h"

#include <QAbstractTableModel>

namespace admin {

// The hits of a server-side search as a table (key, where it matched,
// value), appended to as KeySearch streams them in. GUI thread only.
class SearchResultsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { KeyColumn, MatchColumn, ValueColumn, ColumnCount };
    enum Role { KeyRole = Qt::UserRole + 1 };

    using QAbstractTableModel::QAbstractTableModel;

    void clear();
    void append(const QList<SearchHit> &hits);
    const SearchHit &hit(int row) const { return m_hits.at(row); }
    QStringList keys() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<SearchHit> m_hits;
};

} // namespace admin
