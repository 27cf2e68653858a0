// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "cluster/MembersModel.h"

#include "app/TimeText.h"

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QLocale>

namespace admin {

namespace {

QVariant number(const QJsonObject &o, const char *field, int decimals)
{
    const QJsonValue v = o.value(QLatin1String(field));
    if (!v.isDouble())
        return QStringLiteral("—");
    return decimals == 0 ? QLocale().toString(qlonglong(v.toDouble()))
                         : QLocale().toString(v.toDouble(), 'f', decimals);
}

} // namespace

MembersModel::MembersModel(QObject *parent) : QAbstractTableModel(parent) {}

int MembersModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].member.id == id)
            return i;
    }
    return -1;
}

void MembersModel::setMembers(const QList<client::Member> &members)
{
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        const bool stays =
            std::any_of(members.begin(), members.end(),
                        [&](const client::Member &m) { return m.id == m_rows[i].member.id; });
        if (!stays) {
            beginRemoveRows(QModelIndex(), i, i);
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
    for (const client::Member &m : members) {
        const int r = rowOf(m.id);
        if (r >= 0) {
            m_rows[r].member = m;
            rowChanged(r);
        } else {
            beginInsertRows(QModelIndex(), int(m_rows.size()), int(m_rows.size()));
            MemberRow row;
            row.member = m;
            m_rows.append(row);
            endInsertRows();
        }
    }
}

void MembersModel::setHealth(const QString &id, MemberRow::Health health, const QString &detail)
{
    const int r = rowOf(id);
    if (r < 0)
        return;
    m_rows[r].health = health;
    m_rows[r].healthDetail = detail;
    if (health == MemberRow::Health::Unreachable) {
        m_rows[r].selfStats = QJsonObject();
        m_rows[r].uptimeSeconds = -1;
    }
    rowChanged(r);
}

void MembersModel::setSelfStats(const QString &id, const QJsonObject &stats, const QDateTime &now)
{
    const int r = rowOf(id);
    if (r < 0)
        return;
    m_rows[r].selfStats = stats;
    const QDateTime start =
        TimeText::parseRfc3339(stats.value(QLatin1String("startTime")).toString());
    m_rows[r].uptimeSeconds = start.isValid() ? qMax<qint64>(0, start.secsTo(now)) : -1;
    rowChanged(r);
    const QString leader = stats.value(QLatin1String("leaderInfo"))
                               .toObject()
                               .value(QLatin1String("leader"))
                               .toString();
    if (!leader.isEmpty())
        setLeaderId(leader);
}

void MembersModel::setLeaderId(const QString &id)
{
    if (id == m_leaderId)
        return;
    m_leaderId = id;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

void MembersModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_leaderId.clear();
    endResetModel();
}

void MembersModel::rowChanged(int r)
{
    emit dataChanged(index(r, 0), index(r, ColumnCount - 1));
}

QString MembersModel::healthText(MemberRow::Health health)
{
    switch (health) {
    case MemberRow::Health::Unknown:
        return tr("checking…");
    case MemberRow::Health::Healthy:
        return tr("healthy");
    case MemberRow::Health::Unhealthy:
        return tr("unhealthy");
    case MemberRow::Health::Unreachable:
        return tr("unreachable");
    }
    return QString();
}

int MembersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MembersModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MembersModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return QVariant();
    const MemberRow &row = m_rows[index.row()];
    const bool leader = !m_leaderId.isEmpty() && row.member.id == m_leaderId;
    if (role == Qt::DisplayRole) {
        const QJsonObject &s = row.selfStats;
        switch (index.column()) {
        case IdColumn:
            return row.member.id;
        case NameColumn:
            return row.member.isStarted() ? row.member.name : tr("(not started)");
        case PeerUrlsColumn:
            return row.member.peerUrls.join(QStringLiteral(", "));
        case ClientUrlsColumn:
            return row.member.clientUrls.join(QStringLiteral(", "));
        case RoleColumn:
            if (leader)
                return tr("leader");
            return row.health == MemberRow::Health::Unreachable || m_leaderId.isEmpty()
                       ? QStringLiteral("—")
                       : tr("follower");
        case HealthColumn:
            // Nothing to ask until it runs: "checking…" would never end.
            if (!row.member.isStarted() && row.member.clientUrls.isEmpty())
                return tr("added, not started yet");
            return healthText(row.health);
        case UptimeColumn:
            return TimeText::duration(row.uptimeSeconds);
        case RecvAppendColumn:
            return number(s, "recvAppendRequestCnt", 0);
        case SendAppendColumn:
            return number(s, "sendAppendRequestCnt", 0);
        case RecvPkgRateColumn:
            return number(s, "recvPkgRate", 1);
        case RecvBandwidthColumn:
            return number(s, "recvBandwidthRate", 1);
        case SendPkgRateColumn:
            return number(s, "sendPkgRate", 1);
        case SendBandwidthColumn:
            return number(s, "sendBandwidthRate", 1);
        }
        return QVariant();
    }
    if (role == Qt::ToolTipRole && index.column() == HealthColumn && !row.member.isStarted() &&
        row.member.clientUrls.isEmpty())
        return tr("The cluster knows this member's peer URLs, but no qetcd has joined with them "
                  "yet. Start it with the ETCD_* lines shown when it was added "
                  "(ETCD_INITIAL_CLUSTER_STATE=existing); until then it counts in the quorum.");
    if (role == Qt::ToolTipRole && index.column() == HealthColumn)
        return row.healthDetail;
    if (role == Qt::ForegroundRole && index.column() == HealthColumn) {
        switch (row.health) {
        case MemberRow::Health::Healthy:
            return QBrush(QColor(0x27, 0x86, 0x3c));
        case MemberRow::Health::Unhealthy:
            return QBrush(QColor(0xd3, 0x54, 0x00));
        case MemberRow::Health::Unreachable:
            return QBrush(QColor(0xc0, 0x39, 0x2b));
        case MemberRow::Health::Unknown:
            return QVariant();
        }
    }
    if (role == Qt::FontRole && leader && index.column() == RoleColumn) {
        QFont f;
        f.setBold(true);
        return f;
    }
    if (role == Qt::TextAlignmentRole && index.column() >= RecvAppendColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return QVariant();
}

QVariant MembersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case IdColumn:
        return tr("ID");
    case NameColumn:
        return tr("Name");
    case PeerUrlsColumn:
        return tr("Peer URLs");
    case ClientUrlsColumn:
        return tr("Client URLs");
    case RoleColumn:
        return tr("Role");
    case HealthColumn:
        return tr("Health");
    case UptimeColumn:
        return tr("Uptime");
    case RecvAppendColumn:
        return tr("Appends received");
    case SendAppendColumn:
        return tr("Appends sent");
    case RecvPkgRateColumn:
        return tr("Recv pkg/s");
    case RecvBandwidthColumn:
        return tr("Recv B/s");
    case SendPkgRateColumn:
        return tr("Send pkg/s");
    case SendBandwidthColumn:
        return tr("Send B/s");
    }
    return QVariant();
}

} // namespace admin
