// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;

namespace admin {

class ClusterConnection;
class KeySearch;
class SearchResultsModel;

// "Search on server": a non-modal window with the directory to search
// under, a pattern, "also search values", a Search/Stop button, a running
// count of keys searched and the hits as they arrive. Activating a hit
// emits keyActivated() (the key browser opens it). Owns its KeySearch and
// model; does not own the connection. GUI thread only.
class KeySearchDialog : public QDialog
{
    Q_OBJECT
public:
    explicit KeySearchDialog(ClusterConnection *connection, QWidget *parent = nullptr);

    void setRoot(const QString &root);
    void startSearch();
    KeySearch *search() const { return m_search; }
    SearchResultsModel *results() const { return m_results; }
    QString statusText() const;

signals:
    void keyActivated(const QString &key);

private:
    void updateStatus(bool running);

    KeySearch *m_search;
    SearchResultsModel *m_results;
    QLineEdit *m_rootEdit;
    QLineEdit *m_patternEdit;
    QCheckBox *m_valuesCheck;
    QCheckBox *m_caseCheck;
    QPushButton *m_startButton;
    QLabel *m_status;
    QTableView *m_view;
};

} // namespace admin
