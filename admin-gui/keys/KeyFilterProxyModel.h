// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QSortFilterProxyModel>

namespace admin {

// Sits between KeyTreeModel and the tree view: hides hidden keys (and
// everything below a hidden directory) unless showHidden is set, and keeps
// the rows whose name contains the filter text, with their ancestors
// (recursive filtering). Filtering covers the directories loaded so far:
// the filter does not make the model list the whole key space.
// Fetching is forwarded to the source model by QSortFilterProxyModel.
// GUI thread only.
class KeyFilterProxyModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit KeyFilterProxyModel(QObject *parent = nullptr);

    bool showHidden() const { return m_showHidden; }
    void setShowHidden(bool show);
    void setFilterText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_showHidden = false;
};

} // namespace admin
