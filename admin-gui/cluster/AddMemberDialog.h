// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QDialog>
#include <QPointer>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace admin {

class ClusterConnection;

// Adds a member the way `qetcdctl member add NAME PEER_URL` does: a name and
// the peer URLs, then POST /v2/members, then the ETCD_* lines the new member
// must start with (MemberStartLines), shown in the dialog, selectable and
// with a Copy button, together with the same as qetcd flags. The dialog stays
// open on the result: the user needs those lines on the new machine.
// Until the new member starts, the cluster counts it in its quorum; the
// dialog says so before adding.
// Does not own the connection. GUI thread only.
class AddMemberDialog : public QDialog
{
    Q_OBJECT
public:
    explicit AddMemberDialog(ClusterConnection *connection, QWidget *parent = nullptr);

    // The ETCD_* lines alone (what Copy puts on the clipboard); empty
    // until a member was added.
    QString startLines() const { return m_envLines; }

signals:
    // After the cluster accepted the member (id as the server printed it).
    void memberAdded(const QString &id, const QString &name, const QStringList &peerUrls);

private:
    void add();
    void showLines(const QString &id, const QString &name);
    void setProblem(const QString &text);

    QPointer<ClusterConnection> m_connection;
    QLineEdit *m_name;
    QLineEdit *m_peerUrls;
    QLabel *m_status;
    QPlainTextEdit *m_lines;
    QPushButton *m_add;
    QPushButton *m_copy;
    QString m_envLines;
};

} // namespace admin
