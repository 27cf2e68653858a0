// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "compare/CompareModel.h"

#include "compare/SubtreeCompare.h"

#include <QBrush>
#include <QColor>

namespace admin {

CompareModel::CompareModel(SubtreeCompare *compare, QObject *parent)
    : QAbstractTableModel(parent), m_compare(compare)
{
    connect(compare, &SubtreeCompare::compared, this, &CompareModel::reload);
}

void CompareModel::reload()
{
    const QSet<QString> wasChecked = checkedKeys();
    beginResetModel();
    m_rows.clear();
    m_same = 0;
    for (const ImportPlan::Entry &e : m_compare->difference().entries) {
        if (e.action == ImportPlan::Action::Unchanged) {
            ++m_same;
            continue;
        }
        Row row;
        row.relativeKey = m_compare->relativeKey(e);
        row.entry = e;
        row.checked = wasChecked.contains(row.relativeKey);
        m_rows.append(row);
    }
    endResetModel();
}

QSet<QString> CompareModel::checkedKeys() const
{
    QSet<QString> out;
    for (const Row &r : m_rows) {
        if (r.checked)
            out.insert(r.relativeKey);
    }
    return out;
}

int CompareModel::rowOf(const QString &relativeKey) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).relativeKey == relativeKey)
            return i;
    }
    return -1;
}

void CompareModel::setChecked(const QString &relativeKey, bool checked)
{
    const int row = rowOf(relativeKey);
    if (row >= 0)
        setData(index(row, KeyColumn), checked ? Qt::Checked : Qt::Unchecked, Qt::CheckStateRole);
}

void CompareModel::checkAll(bool checked)
{
    for (Row &r : m_rows)
        r.checked = checked && r.entry.action != ImportPlan::Action::Conflict;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, KeyColumn), index(int(m_rows.size()) - 1, KeyColumn),
                         {Qt::CheckStateRole});
}

QString CompareModel::statusText(ImportPlan::Action action)
{
    switch (action) {
    case ImportPlan::Action::Add:
        return tr("only left");
    case ImportPlan::Action::Extra:
        return tr("only right");
    case ImportPlan::Action::Change:
        return tr("different");
    case ImportPlan::Action::Unchanged:
        return tr("same");
    case ImportPlan::Action::Conflict:
        return tr("key on one side, directory on the other");
    }
    return {};
}

int CompareModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CompareModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CompareModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row &r = m_rows.at(index.row());
    const ImportPlan::Entry &e = r.entry;
    if (role == RelativeKeyRole)
        return r.relativeKey;
    if (role == ActionRole)
        return int(e.action);
    if (role == Qt::CheckStateRole && index.column() == KeyColumn)
        return r.checked ? Qt::Checked : Qt::Unchecked;
    if (role == Qt::ForegroundRole && index.column() == StatusColumn) {
        switch (e.action) {
        case ImportPlan::Action::Add:
            return QBrush(QColor(0x1b, 0x7f, 0x3b));
        case ImportPlan::Action::Extra:
            return QBrush(QColor(0x1f, 0x5f, 0xbf));
        case ImportPlan::Action::Change:
            return QBrush(QColor(0xb2, 0x6b, 0x00));
        default:
            return QBrush(QColor(0xb0, 0x20, 0x20));
        }
    }
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole)
        return {};
    auto shown = [role](const QString &v) {
        if (role == Qt::ToolTipRole)
            return v;
        QString s = v;
        s.replace(QLatin1Char('\n'), QLatin1Char(' '));
        return s.size() > 120 ? s.left(120) + QChar(0x2026) : s;
    };
    switch (index.column()) {
    case KeyColumn:
        return r.relativeKey.isEmpty() ? QStringLiteral("/") : r.relativeKey;
    case StatusColumn:
        return statusText(e.action);
    case LeftColumn: {
        // In the left-over-right plan the left side is the "file".
        if (e.action == ImportPlan::Action::Extra)
            return QString();
        return e.dir ? tr("(directory)") : shown(e.value);
    }
    case RightColumn: {
        if (e.action == ImportPlan::Action::Add)
            return QString();
        const bool rightDir = e.action == ImportPlan::Action::Conflict ? !e.dir : e.dir;
        return rightDir ? tr("(directory)") : shown(e.currentValue);
    }
    default:
        return {};
    }
}

bool CompareModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || role != Qt::CheckStateRole || index.column() != KeyColumn)
        return false;
    Row &r = m_rows[index.row()];
    if (r.entry.action == ImportPlan::Action::Conflict)
        return false;
    r.checked = value.toInt() == Qt::Checked;
    emit dataChanged(index, index, {Qt::CheckStateRole});
    return true;
}

Qt::ItemFlags CompareModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() == KeyColumn &&
        m_rows.at(index.row()).entry.action != ImportPlan::Action::Conflict)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

QVariant CompareModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case StatusColumn:
        return tr("Difference");
    case LeftColumn:
        return tr("Left");
    case RightColumn:
        return tr("Right");
    default:
        return {};
    }
}

} // namespace admin
