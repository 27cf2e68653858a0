// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "keys/KeyFilterProxyModel.h"

#include "keys/KeyTreeModel.h"

namespace admin {

KeyFilterProxyModel::KeyFilterProxyModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setFilterKeyColumn(KeyTreeModel::NameColumn);
}

void KeyFilterProxyModel::setShowHidden(bool show)
{
    if (show == m_showHidden)
        return;
    m_showHidden = show;
    invalidateFilter();
}

void KeyFilterProxyModel::setFilterText(const QString &text)
{
    setFilterFixedString(text);
}

bool KeyFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex idx = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_showHidden) {
        // Below a hidden directory counts as hidden too; checking the path
        // keeps recursive filtering from bringing a hidden parent back.
        const QString key = idx.data(KeyTreeModel::KeyRole).toString();
        if (key.contains(QLatin1String("/_")))
            return false;
    }
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

} // namespace admin
