// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "cluster/ClusterPage.h"

#include "client/Client.h"
#include "cluster/AddMemberDialog.h"
#include "cluster/ClusterPoller.h"
#include "cluster/MembersModel.h"
#include "cluster/StoreStatsModel.h"
#include "connection/ClusterConnection.h"
#include "connection/ErrorText.h"
#include "transfer/SafetyExport.h"

#include <QAction>

#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace admin {

ClusterPage::ClusterPage(ClusterConnection *connection, QWidget *parent)
    : QWidget(parent), m_connection(connection)
{
    m_members = new MembersModel(this);
    m_store = new StoreStatsModel(this);
    m_poller = new ClusterPoller(connection, m_members, m_store, this);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("clusterSummary"));
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);

    auto *membersBox = new QGroupBox(tr("Members"), this);
    auto *membersLayout = new QVBoxLayout(membersBox);
    m_membersTable = new QTableView(membersBox);
    m_membersTable->setObjectName(QStringLiteral("membersTable"));
    m_membersTable->setModel(m_members);
    m_membersTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_membersTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_membersTable->verticalHeader()->hide();
    m_membersTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    membersLayout->addWidget(m_membersTable);
    auto *buttons = new QHBoxLayout;
    m_addButton = new QPushButton(tr("Add member…"), membersBox);
    m_addButton->setObjectName(QStringLiteral("addMemberButton"));
    m_removeButton = new QPushButton(tr("Remove member…"), membersBox);
    m_removeButton->setObjectName(QStringLiteral("removeMemberButton"));
    auto *refreshButton = new QPushButton(tr("Refresh"), membersBox);
    refreshButton->setObjectName(QStringLiteral("refreshClusterButton"));
    buttons->addWidget(m_addButton);
    buttons->addWidget(m_removeButton);
    // Removing a member risks the quorum: the keys are exported first, and
    // this button puts them back with one click.
    auto *safety = new SafetyExport(connection, this);
    auto *restoreButton = new QPushButton(tr("Restore keys from the safety export"), membersBox);
    restoreButton->setObjectName(QStringLiteral("restoreSafetyButton"));
    restoreButton->setEnabled(false);
    connect(restoreButton, &QPushButton::clicked, safety->restoreAction(), &QAction::trigger);
    connect(safety->restoreAction(), &QAction::changed, restoreButton, [restoreButton, safety] {
        restoreButton->setEnabled(safety->restoreAction()->isEnabled());
        restoreButton->setToolTip(safety->restoreAction()->toolTip());
    });
    connect(safety, &SafetyExport::failed, this,
            [this](const QString &text) { report(Severity::Error, text); });
    connect(safety, &SafetyExport::restored, this, [this](bool ok, const QString &text) {
        report(ok ? Severity::Success : Severity::Error, text);
    });
    buttons->addWidget(restoreButton);
    buttons->addStretch();
    buttons->addWidget(refreshButton);
    membersLayout->addLayout(buttons);
    layout->addWidget(membersBox, 2);

    auto *storeBox = new QGroupBox(tr("Store statistics"), this);
    auto *storeLayout = new QVBoxLayout(storeBox);
    m_storeTable = new QTableView(storeBox);
    m_storeTable->setObjectName(QStringLiteral("storeStatsTable"));
    m_storeTable->setModel(m_store);
    m_storeTable->verticalHeader()->hide();
    m_storeTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_storeTable->setSelectionMode(QAbstractItemView::NoSelection);
    storeLayout->addWidget(m_storeTable);
    layout->addWidget(storeBox, 3);

    connect(m_addButton, &QPushButton::clicked, this, &ClusterPage::addMember);
    connect(m_removeButton, &QPushButton::clicked, this, &ClusterPage::removeSelectedMember);
    connect(refreshButton, &QPushButton::clicked, m_poller, &ClusterPoller::refresh);
    connect(m_poller, &ClusterPoller::message, this,
            [this](Severity s, const QString &text) { report(s, text); });
    connect(m_poller, &ClusterPoller::refreshed, this, &ClusterPage::updateSummary);
    connect(m_members, &QAbstractItemModel::dataChanged, this, &ClusterPage::updateSummary);
    connect(m_membersTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ClusterPage::updateButtons);
    if (connection) {
        connect(connection, &ClusterConnection::opened, m_poller, &ClusterPoller::start);
        connect(connection, &ClusterConnection::closing, this, [this] {
            m_poller->stop();
            m_members->clear();
            m_store->clear();
            updateSummary();
        });
        connect(connection, &ClusterConnection::statusChanged, this, &ClusterPage::updateSummary);
        if (connection->isConnected())
            m_poller->start();
    }
    updateSummary();
    updateButtons();
}

void ClusterPage::report(Severity severity, const QString &text)
{
    emit message(severity, text);
}

void ClusterPage::updateSummary()
{
    if (!m_connection || !m_connection->client()) {
        m_summary->setText(tr("Not connected."));
        return;
    }
    const ClusterStatus &st = m_connection->status();
    int healthy = 0;
    QString leaderName;
    for (int r = 0; r < m_members->rowCount(); ++r) {
        const MemberRow &row = m_members->row(r);
        if (row.health == MemberRow::Health::Healthy)
            ++healthy;
        if (row.member.id == m_members->leaderId())
            leaderName = row.member.name;
    }
    m_summary->setText(
        tr("Cluster %1: %2 of %3 member(s) healthy; leader %4.")
            .arg(st.clusterId.isEmpty() ? QStringLiteral("?") : st.clusterId)
            .arg(healthy)
            .arg(m_members->rowCount())
            .arg(leaderName.isEmpty()
                     ? (m_members->leaderId().isEmpty() ? tr("unknown") : m_members->leaderId())
                     : leaderName));
    updateButtons();
}

void ClusterPage::updateButtons()
{
    const bool connected = m_connection && m_connection->client();
    m_addButton->setEnabled(connected);
    m_removeButton->setEnabled(connected && m_membersTable->selectionModel()->hasSelection());
}

void ClusterPage::addMember()
{
    if (!m_addDialog) {
        m_addDialog = new AddMemberDialog(m_connection, this);
        m_addDialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_addDialog, &AddMemberDialog::memberAdded, this,
                [this](const QString &id, const QString &name, const QStringList &urls) {
                    report(Severity::Success, tr("Added member %1 (%2, %3); it is not started yet.")
                                                  .arg(name, id, urls.join(QStringLiteral(", "))));
                    m_poller->refresh();
                });
    }
    m_addDialog->show();
    m_addDialog->raise();
    m_addDialog->activateWindow();
}

void ClusterPage::addMemberWithUrls(const QStringList &peerUrls)
{
    client::Client *c = m_connection ? m_connection->client() : nullptr;
    if (!c ||
        !m_connection->confirmWrite(
            tr("Add a member with the peer URLs %1.").arg(peerUrls.join(QStringLiteral(", ")))))
        return;
    QStringList urls;
    QString problem;
    if (!client::Client::normalizePeerUrls(peerUrls, &urls, &problem)) {
        report((Severity::Error), tr("Cannot add the member: %1").arg(problem));
        return;
    }
    c->addMember(urls)->then(this, [this, urls](client::Reply *r) {
        if (r->error()) {
            report((Severity::Error), tr("Could not add the member.") + QLatin1Char(' ') +
                                          ErrorText::describe(r->error()));
            return;
        }
        report((Severity::Success),
               tr("Added member %1 (%2). Start it with --initial-cluster-state existing.")
                   .arg(r->member().id, urls.join(QStringLiteral(", "))));
        m_poller->refresh();
    });
}

void ClusterPage::removeSelectedMember()
{
    const QModelIndexList rows = m_membersTable->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const MemberRow &row = m_members->row(rows.first().row());
    const QString name = row.member.name.isEmpty() ? row.member.id : row.member.name;
    if (QMessageBox::question(
            this, tr("Remove member"),
            tr("Remove %1 (%2) from the cluster? It will stop serving.").arg(name, row.member.id),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes)
        return;
    removeMemberById(row.member.id);
}

void ClusterPage::removeMemberById(const QString &id)
{
    client::Client *c = m_connection ? m_connection->client() : nullptr;
    if (!c || !m_connection->confirmWrite(tr("Remove the member %1.").arg(id)))
        return;
    SafetyExport *safety = findChild<SafetyExport *>();
    safety->protect(
        QStringLiteral("/"), tr("removing member %1").arg(id), {}, false, [this, id, safety] {
            client::Client *c = m_connection ? m_connection->client() : nullptr;
            if (!c)
                return;
            c->removeMember(id)->then(this, [this, id, safety](client::Reply *r) {
                if (r->error()) {
                    report((Severity::Error), tr("Could not remove member %1.").arg(id) +
                                                  QLatin1Char(' ') +
                                                  ErrorText::describe(r->error()));
                    return;
                }
                report(
                    (Severity::Success),
                    tr("Removed member %1. The keys were exported first (%2): \"Restore keys from "
                       "the safety export\" puts them back.")
                        .arg(id, safety->lastFile()));
                m_poller->refresh();
            });
        });
}

} // namespace admin
