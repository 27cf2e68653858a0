// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "transfer/ImportPlan.h"

#include <QAbstractTableModel>
#include <QSet>

namespace admin {

class SubtreeCompare;

// The differences of a SubtreeCompare as a table: path below the roots
// (checkable: what to copy), how it differs, the left and the right
// value. Identical entries are left out (counted by sameCount()).
// GUI thread only.
class CompareModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { KeyColumn, StatusColumn, LeftColumn, RightColumn, ColumnCount };
    enum Role { RelativeKeyRole = Qt::UserRole + 1, ActionRole };

    explicit CompareModel(SubtreeCompare *compare, QObject *parent = nullptr);

    int sameCount() const { return m_same; }
    QSet<QString> checkedKeys() const;
    void setChecked(const QString &relativeKey, bool checked);
    void checkAll(bool checked);
    int rowOf(const QString &relativeKey) const;
    static QString statusText(ImportPlan::Action action);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void reload();

    struct Row
    {
        QString relativeKey;
        ImportPlan::Entry entry;
        bool checked = false;
    };
    SubtreeCompare *m_compare;
    QList<Row> m_rows;
    int m_same = 0;
};

} // namespace admin
