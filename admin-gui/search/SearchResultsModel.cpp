// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "search/SearchResultsModel.h"

namespace admin {

void SearchResultsModel::clear()
{
    beginResetModel();
    m_hits.clear();
    endResetModel();
}

void SearchResultsModel::append(const QList<SearchHit> &hits)
{
    if (hits.isEmpty())
        return;
    beginInsertRows({}, int(m_hits.size()), int(m_hits.size() + hits.size() - 1));
    m_hits.append(hits);
    endInsertRows();
}

QStringList SearchResultsModel::keys() const
{
    QStringList out;
    for (const SearchHit &h : m_hits)
        out.append(h.key);
    return out;
}

int SearchResultsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_hits.size());
}

int SearchResultsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SearchResultsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_hits.size())
        return {};
    const SearchHit &h = m_hits.at(index.row());
    if (role == KeyRole)
        return h.key;
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    switch (index.column()) {
    case KeyColumn:
        return h.dir ? h.key + QLatin1Char('/') : h.key;
    case MatchColumn:
        return h.match == KeySearchQuery::Match::Value ? tr("value") : tr("name");
    case ValueColumn: {
        if (h.dir)
            return tr("(directory)");
        QString v = h.value;
        if (role == Qt::DisplayRole) {
            v.replace(QLatin1Char('\n'), QLatin1Char(' '));
            if (v.size() > 200)
                v = v.left(200) + QChar(0x2026);
        }
        return v;
    }
    default:
        return {};
    }
}

QVariant SearchResultsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case MatchColumn:
        return tr("Matched");
    case ValueColumn:
        return tr("Value");
    default:
        return {};
    }
}

} // namespace admin
