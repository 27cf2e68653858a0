// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "cluster/AddMemberDialog.h"

#include "client/Client.h"
#include "cluster/MemberStartLines.h"
#include "connection/ClusterConnection.h"
#include "connection/ErrorText.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace admin {

AddMemberDialog::AddMemberDialog(ClusterConnection *connection, QWidget *parent)
    : QDialog(parent), m_connection(connection)
{
    setObjectName(QStringLiteral("addMemberDialog"));
    setWindowTitle(tr("Add member"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("memberNameEdit"));
    m_name->setPlaceholderText(tr("e.g. infra3"));
    m_peerUrls = new QLineEdit(this);
    m_peerUrls->setObjectName(QStringLiteral("peerUrlsEdit"));
    m_peerUrls->setPlaceholderText(tr("e.g. http://10.0.0.4:2380 (comma separated)"));
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Peer URLs:"), m_peerUrls);
    layout->addLayout(form);

    auto *note = new QLabel(
        tr("The cluster counts the new member in its quorum as soon as it is added: start it "
           "right after, with the lines shown here. Adding a second member to a single-member "
           "cluster stops writes until it runs."),
        this);
    note->setWordWrap(true);
    layout->addWidget(note);

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("addMemberStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_status);

    m_lines = new QPlainTextEdit(this);
    m_lines->setObjectName(QStringLiteral("startLinesEdit"));
    m_lines->setReadOnly(true);
    m_lines->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_lines->setPlaceholderText(
        tr("After the member is added: the ETCD_* lines to start it with, as qetcdctl member "
           "add prints them."));
    m_lines->setMinimumHeight(m_lines->fontMetrics().lineSpacing() * 7);
    layout->addWidget(m_lines, 1);

    auto *buttons = new QDialogButtonBox(this);
    m_add = buttons->addButton(tr("&Add"), QDialogButtonBox::AcceptRole);
    m_add->setObjectName(QStringLiteral("addButton"));
    m_copy = buttons->addButton(tr("&Copy start lines"), QDialogButtonBox::ActionRole);
    m_copy->setObjectName(QStringLiteral("copyStartLinesButton"));
    m_copy->setEnabled(false);
    buttons->addButton(QDialogButtonBox::Close);
    layout->addWidget(buttons);
    // Accept would close the dialog; the result must stay on screen.
    disconnect(buttons, &QDialogButtonBox::accepted, this, nullptr);
    connect(m_add, &QPushButton::clicked, this, &AddMemberDialog::add);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_copy, &QPushButton::clicked, this,
            [this] { QGuiApplication::clipboard()->setText(startLines()); });
    resize(640, 380);
}

void AddMemberDialog::setProblem(const QString &text)
{
    m_status->setStyleSheet(QStringLiteral("color:#c0392b;"));
    m_status->setText(text);
}

void AddMemberDialog::add()
{
    client::Client *c = m_connection ? m_connection->client() : nullptr;
    if (!c) {
        setProblem(tr("Not connected."));
        return;
    }
    const QString name = m_name->text().trimmed();
    if (name.isEmpty()) {
        setProblem(tr("Give the new member a name: it starts with it (ETCD_NAME), and the other "
                      "members list it under it."));
        m_name->setFocus();
        return;
    }
    QStringList urls;
    QString problem;
    if (!client::Client::normalizePeerUrls(
            m_peerUrls->text().split(QLatin1Char(','), Qt::SkipEmptyParts), &urls, &problem)) {
        setProblem(tr("Cannot add the member: %1").arg(problem));
        m_peerUrls->setFocus();
        return;
    }
    if (!m_connection->confirmWrite(
            tr("Add the member %1 (%2).").arg(name, urls.join(QStringLiteral(", "))))) {
        setProblem(tr("Not added: the change to this production cluster was not confirmed."));
        return;
    }
    m_add->setEnabled(false);
    m_status->setStyleSheet(QString());
    m_status->setText(tr("Adding %1…").arg(name));
    c->addMember(urls)->then(this, [this, name, urls](client::Reply *r) {
        if (r->error()) {
            m_add->setEnabled(true);
            setProblem(tr("Could not add the member.") + QLatin1Char(' ') +
                       ErrorText::describe(r->error()));
            return;
        }
        const QString id = r->member().id;
        emit memberAdded(id, name, urls);
        showLines(id, name);
    });
}

void AddMemberDialog::showLines(const QString &id, const QString &name)
{
    client::Client *c = m_connection ? m_connection->client() : nullptr;
    if (!c)
        return;
    c->listMembers()->then(this, [this, id, name](client::Reply *r) {
        if (r->error()) {
            setProblem(tr("Added member %1 with ID %2, but could not list the members for its "
                          "start lines: %3")
                           .arg(name, id, ErrorText::describe(r->error())));
            return;
        }
        const QList<client::Member> members = r->members();
        m_status->setText(tr("Added member named %1 with ID %2 to cluster. Start it with these "
                             "lines in its environment (or the flags below them); it shows as "
                             "\"added, not started yet\" until it runs.")
                              .arg(name, id));
        m_envLines = MemberStartLines::text(name, id, members);
        m_lines->setPlainText(m_envLines + QLatin1Char('\n') + tr("# or, as flags:") +
                              QLatin1Char('\n') + MemberStartLines::flags(name, id, members) +
                              QLatin1Char('\n'));
        m_copy->setEnabled(true);
        m_add->setText(tr("&Add another"));
        m_add->setEnabled(true);
    });
}

} // namespace admin
