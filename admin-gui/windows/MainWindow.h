// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "app/Severity.h"
#include "connection/ClusterStatus.h"
#include "connection/ConnectionProfile.h"

#include <QMainWindow>

class QAction;
class QLabel;
class QSettings;
class QTabWidget;

namespace admin {

class ClusterConnection;
class ClusterPage;
class KeyBrowserPage;
class LatencyChartPage;
class MessageBanner;
class ProfileStore;
class WatchPanel;

// The application window: the four pages (keys, watch, cluster, latency)
// in tabs, a banner for connection news, and a status bar with the
// connection state, the member in use, the leader, the cluster id and the
// X-Etcd-Index. At start it reopens the most recently used profile, or asks
// for one. Owns the ClusterConnection and the pages; does not own the
// QSettings. GUI thread only.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QSettings *settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    ClusterConnection *connection() const { return m_connection; }
    ProfileStore *profiles() const { return m_profiles; }
    KeyBrowserPage *keysPage() const { return m_keys; }
    WatchPanel *watchPanel() const { return m_watch; }
    ClusterPage *clusterPage() const { return m_cluster; }
    LatencyChartPage *latencyPage() const { return m_latency; }
    QTabWidget *tabs() const { return m_tabs; }
    MessageBanner *banner() const { return m_banner; }
    // The status bar fields, for tests: state, member, leader, cluster, index.
    QStringList statusFields() const;

    // Reopens the recent profile if there is one; otherwise shows the dialog.
    void openRecentOrAsk();
    void openProfile(const ConnectionProfile &profile);

public slots:
    void showConnectionDialog();
    void disconnectFromCluster();
    void reconnect();
    void about();

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createMenus();
    void updateStatus(const ClusterStatus &status);
    void showMessage(Severity severity, const QString &text);

    QSettings *m_settings;
    ProfileStore *m_profiles;
    ClusterConnection *m_connection;
    MessageBanner *m_banner;
    QTabWidget *m_tabs;
    KeyBrowserPage *m_keys;
    WatchPanel *m_watch;
    ClusterPage *m_cluster;
    LatencyChartPage *m_latency;
    QLabel *m_stateLabel;
    QLabel *m_memberLabel;
    QLabel *m_leaderLabel;
    QLabel *m_clusterLabel;
    QLabel *m_indexLabel;
    QAction *m_retryAction;
    QAction *m_settingsAction;
};

} // namespace admin
