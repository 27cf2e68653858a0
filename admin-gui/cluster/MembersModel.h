// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "cluster/MemberRow.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>

namespace admin {

// The cluster page's member table: one row per member of /v2/members, with
// leadership, health and the member's own statistics (/v2/stats/self:
// state, uptime, append counts and rates). setMembers() keeps rows of
// members that stay (so selection and health survive a refresh), appends new
// ones and removes the departed. Time is passed in (setSelfStats' `now`).
// GUI thread only.
class MembersModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        IdColumn,
        NameColumn,
        PeerUrlsColumn,
        ClientUrlsColumn,
        RoleColumn,
        HealthColumn,
        UptimeColumn,
        RecvAppendColumn,
        SendAppendColumn,
        RecvPkgRateColumn,
        RecvBandwidthColumn,
        SendPkgRateColumn,
        SendBandwidthColumn,
        ColumnCount
    };

    explicit MembersModel(QObject *parent = nullptr);

    void setMembers(const QList<client::Member> &members);
    void setHealth(const QString &id, MemberRow::Health health, const QString &detail = {});
    void setSelfStats(const QString &id, const QJsonObject &stats, const QDateTime &now);
    void setLeaderId(const QString &id);
    void clear();

    QString leaderId() const { return m_leaderId; }
    int rowOf(const QString &id) const;
    const MemberRow &row(int r) const { return m_rows.at(r); }

    static QString healthText(MemberRow::Health health);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void rowChanged(int r);

    QList<MemberRow> m_rows;
    QString m_leaderId;
};

} // namespace admin
