// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "connection/ConnectionProfile.h"

#include <QDialog>
#include <QPointer>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace admin {

class ClusterConnection;
class CompareModel;
class SubtreeCompare;

// "Compare…": two subtrees side by side, on this cluster or on another one
// (a saved connection profile, or endpoints typed in), the differences in
// a table with a check box per entry, and "Copy to the right →" / "← Copy
// to the left" for the checked ones (SubtreeCompare: every write guarded
// by compare-and-swap against what the comparison listed).
// Owns the comparison, its model and the connection to another cluster;
// does not own this cluster's connection. GUI thread only.
class CompareDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CompareDialog(ClusterConnection *connection, QWidget *parent = nullptr);
    ~CompareDialog() override;

    void setLeftKey(const QString &key);
    void setRightKey(const QString &key);
    // The right side on another cluster: a connection owned elsewhere
    // (tests), or a profile the dialog opens itself.
    void setRightConnection(ClusterConnection *connection);
    void setRightProfile(const ConnectionProfile &profile);

    void startCompare();
    SubtreeCompare *comparison() const { return m_compare; }
    CompareModel *model() const { return m_model; }
    QString statusText() const;

private:
    void rightSourceChanged(int index);
    ClusterConnection *rightConnection() const;
    void copy(bool toRight);
    void showSummary();

    QPointer<ClusterConnection> m_connection;
    QPointer<ClusterConnection> m_externalRight;
    ClusterConnection *m_ownedRight = nullptr;
    SubtreeCompare *m_compare;
    CompareModel *m_model;
    QLineEdit *m_leftEdit;
    QLineEdit *m_rightEdit;
    QComboBox *m_rightSource;
    QLineEdit *m_endpointsEdit;
    QPushButton *m_compareButton;
    QPushButton *m_copyRight;
    QPushButton *m_copyLeft;
    QLabel *m_status;
    QTableView *m_view;
};

} // namespace admin
