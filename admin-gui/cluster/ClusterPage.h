// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "app/Severity.h"
#include "cluster/AddMemberDialog.h"

#include <QPointer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace admin {

class ClusterConnection;
class ClusterPoller;
class MembersModel;
class StoreStatsModel;

// The cluster page: the member table (id, name, peer and client URLs,
// leader, health, /v2/stats/self), the store's counters (/v2/stats/store),
// and the member actions add (AddMemberDialog: name, peer URLs, then the
// start lines) and remove (with confirmation).
// Refreshed by a ClusterPoller every 2 s while connected.
// Owns its models and poller; not the connection. GUI thread only.
class ClusterPage : public QWidget
{
    Q_OBJECT
public:
    explicit ClusterPage(ClusterConnection *connection, QWidget *parent = nullptr);

    MembersModel *membersModel() const { return m_members; }
    StoreStatsModel *storeModel() const { return m_store; }
    ClusterPoller *poller() const { return m_poller; }
    QTableView *membersTable() const { return m_membersTable; }
    // The add-member dialog while it is open (not modal), else null.
    AddMemberDialog *addMemberDialog() const { return m_addDialog; }

public slots:
    void addMember();
    void removeSelectedMember();
    void addMemberWithUrls(const QStringList &peerUrls);
    void removeMemberById(const QString &id);

signals:
    void message(Severity severity, const QString &text);

private:
    void updateSummary();
    void updateButtons();
    void report(Severity severity, const QString &text);

    QPointer<ClusterConnection> m_connection;
    MembersModel *m_members;
    StoreStatsModel *m_store;
    ClusterPoller *m_poller;
    QLabel *m_summary;
    QTableView *m_membersTable;
    QTableView *m_storeTable;
    QPushButton *m_addButton;
    QPushButton *m_removeButton;
    QPointer<AddMemberDialog> m_addDialog;
};

} // namespace admin
