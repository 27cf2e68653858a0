// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "watch/WatchEventModel.h"

#include <QBrush>
#include <QColor>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace admin {

namespace {

QByteArray csvField(const QString &text)
{
    QByteArray f = text.toUtf8();
    if (f.contains(',') || f.contains('"') || f.contains('\n') || f.contains('\r')) {
        f.replace('"', "\"\"");
        f = '"' + f + '"';
    }
    return f;
}

// Files get UTC ("...Z"): unambiguous wherever they are read.
QString timeText(const QDateTime &t)
{
    return t.toUTC().toString(Qt::ISODateWithMs);
}

QColor actionColor(const QString &action)
{
    if (action == QLatin1String("delete") || action == QLatin1String("compareAndDelete"))
        return QColor(0xc0, 0x39, 0x2b);
    if (action == QLatin1String("expire"))
        return QColor(0xd3, 0x54, 0x00);
    if (action == QLatin1String("create"))
        return QColor(0x27, 0x86, 0x3c);
    return QColor();
}

} // namespace

WatchEventModel::WatchEventModel(QObject *parent) : QAbstractTableModel(parent) {}

void WatchEventModel::setMaxRows(int rows)
{
    m_maxRows = qMax(1, rows);
    trim();
}

void WatchEventModel::append(const WatchEvent &event)
{
    append(QList<WatchEvent>{event});
}

void WatchEventModel::append(const QList<WatchEvent> &events)
{
    if (events.isEmpty())
        return;
    const int first = int(m_events.size());
    beginInsertRows(QModelIndex(), first, first + int(events.size()) - 1);
    for (const WatchEvent &e : events)
        m_events.push_back(e);
    endInsertRows();
    trim();
}

void WatchEventModel::trim()
{
    const int excess = int(m_events.size()) - m_maxRows;
    if (excess <= 0)
        return;
    beginRemoveRows(QModelIndex(), 0, excess - 1);
    m_events.erase(m_events.begin(), m_events.begin() + excess);
    endRemoveRows();
}

void WatchEventModel::clear()
{
    beginResetModel();
    m_events.clear();
    endResetModel();
}

int WatchEventModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int WatchEventModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WatchEventModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_events.size()))
        return QVariant();
    const WatchEvent &e = m_events[size_t(index.row())];
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case TimeColumn:
            return role == Qt::ToolTipRole
                       ? timeText(e.time)
                       : e.time.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"));
        case ActionColumn:
            return e.action;
        case KeyColumn:
            return e.dir ? e.key + QLatin1Char('/') : e.key;
        case ValueColumn:
            return role == Qt::DisplayRole ? e.value.section(QLatin1Char('\n'), 0, 0) : e.value;
        case PreviousValueColumn:
            return role == Qt::DisplayRole ? e.previousValue.section(QLatin1Char('\n'), 0, 0)
                                           : e.previousValue;
        case IndexColumn:
            return QVariant::fromValue<qulonglong>(e.index);
        }
    }
    if (role == Qt::ForegroundRole && index.column() == ActionColumn) {
        const QColor c = actionColor(e.action);
        return c.isValid() ? QVariant(QBrush(c)) : QVariant();
    }
    if (role == Qt::TextAlignmentRole && index.column() == IndexColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return QVariant();
}

QVariant WatchEventModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case ActionColumn:
        return tr("Action");
    case KeyColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case PreviousValueColumn:
        return tr("Previous value");
    case IndexColumn:
        return tr("Index");
    }
    return QVariant();
}

QList<int> WatchEventModel::allRows(const QList<int> &rows) const
{
    if (!rows.isEmpty())
        return rows;
    QList<int> all;
    all.reserve(qsizetype(m_events.size()));
    for (int i = 0; i < int(m_events.size()); ++i)
        all.append(i);
    return all;
}

QByteArray WatchEventModel::toCsv(const QList<int> &rows) const
{
    // Column names stay English: they are field names for scripts.
    QByteArray out = "time,action,key,value,prevValue,index\r\n";
    for (int row : allRows(rows)) {
        const WatchEvent &e = m_events[size_t(row)];
        out += csvField(timeText(e.time)) + ',' + csvField(e.action) + ',' + csvField(e.key) + ',' +
               csvField(e.value) + ',' + csvField(e.previousValue) + ',' +
               QByteArray::number(e.index) + "\r\n";
    }
    return out;
}

QByteArray WatchEventModel::toJson(const QList<int> &rows) const
{
    QJsonArray array;
    for (int row : allRows(rows)) {
        const WatchEvent &e = m_events[size_t(row)];
        QJsonObject o;
        o.insert(QStringLiteral("time"), timeText(e.time));
        o.insert(QStringLiteral("action"), e.action);
        o.insert(QStringLiteral("key"), e.key);
        if (e.dir)
            o.insert(QStringLiteral("dir"), true);
        else
            o.insert(QStringLiteral("value"), e.value);
        o.insert(QStringLiteral("prevValue"), e.previousValue);
        o.insert(QStringLiteral("index"), double(e.index));
        array.append(o);
    }
    return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

} // namespace admin
