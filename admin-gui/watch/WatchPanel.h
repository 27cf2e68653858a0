// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "watch/WatchEvent.h"

#include <QList>
#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QSpinBox;
class QTableView;
namespace client {
class Error;
class Response;
class Watcher;
} // namespace client

namespace admin {

class ClusterConnection;
class MessageBanner;
class WatchEventModel;

// Watches a key or a prefix (recursively) and lists every event live: time,
// action, key, value, previous value, index. Pause keeps the watch running
// and holds events back until resumed; Clear empties the table; the filter
// box narrows the rows shown; Save writes the shown rows as CSV or JSON.
//
// Connection trouble is told, not hidden: the panel says when the watch
// lost its member and when it resumed (client::Watcher continues from the
// next index, so nothing is missed); when the server's history no longer
// reaches back far enough it says that events were lost and continues from
// the current index. A connection that is reopened resumes the watch from
// the last index seen.
//
// Owns its model and watcher; not the connection. GUI thread only.
class WatchPanel : public QWidget
{
    Q_OBJECT
public:
    explicit WatchPanel(ClusterConnection *connection, QWidget *parent = nullptr);
    ~WatchPanel() override;

    WatchEventModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    MessageBanner *banner() const { return m_banner; }
    QTableView *table() const { return m_table; }
    bool isWatching() const;
    // The member has accepted the watch request (and it was not lost since).
    bool isListening() const { return isWatching() && m_listening && !m_interrupted; }
    bool isPaused() const { return m_paused; }
    int heldBackCount() const { return int(m_heldBack.size()); }
    QString statusText() const;

public slots:
    // fromIndex 0: changes from now on.
    void startWatch(const QString &key, bool recursive, quint64 fromIndex = 0);
    void stopWatch();
    void setPaused(bool paused);
    void clearEvents();
    void setFilterText(const QString &text);
    // Format from the suffix (.json, otherwise CSV). Returns false on failure.
    bool saveEvents(const QString &fileName);
    void saveEventsAs();

private:
    void toggleWatch();
    void onEvent(const client::Response &event);
    void onHistoryCleared(const client::Error &error);
    void connectionOpened();
    void connectionClosing();
    void updateStatus();
    void updateControls();

    QPointer<ClusterConnection> m_connection;
    WatchEventModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QPointer<client::Watcher> m_watcher;
    QList<WatchEvent> m_heldBack;
    bool m_paused = false;
    bool m_interrupted = false;
    bool m_listening = false;
    QString m_key;
    bool m_recursive = true;
    quint64 m_lastIndex = 0;
    bool m_resumeOnOpen = false;
    int m_eventCount = 0;

    MessageBanner *m_banner;
    QLineEdit *m_keyEdit;
    QCheckBox *m_recursiveCheck;
    QSpinBox *m_fromIndexSpin;
    QPushButton *m_startButton;
    QPushButton *m_pauseButton;
    QPushButton *m_clearButton;
    QPushButton *m_saveButton;
    QLineEdit *m_filterEdit;
    QLabel *m_status;
    QTableView *m_table;
};

} // namespace admin
