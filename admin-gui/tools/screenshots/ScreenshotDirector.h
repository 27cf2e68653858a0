// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "connection/ConnectionProfile.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>

namespace admin {

class MainWindow;

// Renders the pages of a MainWindow into PNG files for the documentation
// (qetcd-admin-screenshots --screenshot-dir DIR, see main.cpp here;
// admin-gui/tools/make-screenshots.sh runs it offscreen against a
// throwaway cluster). Not part of the shipped qetcd-admin. It fills the cluster with
// example keys, drives each page the way a user would (expands the tree,
// starts a watch and makes changes, refreshes the cluster page) and grabs
// the window. With the members' process ids (setMemberPids, from
// make-screenshots.sh) the latency page draws the live cluster and one
// follower is paused (SIGSTOP) for the shot, so the picture shows a real
// follower not answering; it is resumed (SIGCONT) right after. Without
// them the page is fed by a SyntheticLeaderStatsSource with two followers,
// and the caption says so.
// Writes keys to the cluster it is given: never point it at real data.
// GUI thread only.
class ScreenshotDirector : public QObject
{
    Q_OBJECT
public:
    ScreenshotDirector(MainWindow *window, const QString &outputDir, const QString &prefix,
                       const QStringList &pages, QObject *parent = nullptr);

    void run(const ConnectionProfile &profile);
    // Member name -> process id of the throw-away cluster's members.
    void setMemberPids(const QHash<QString, qint64> &pids) { m_pids = pids; }

signals:
    void finished(bool ok);

private:
    void seed();
    void shootKeys();
    void shootWatch();
    void shootCluster();
    void shootLatency();
    void shootLiveLatency();
    void shootAccess();
    void next();
    bool grab(const QString &name);
    void waitFor(std::function<bool()> condition, int timeoutMs, std::function<void()> then);
    void fail(const QString &why);

    QPointer<MainWindow> m_window;
    QString m_dir;
    QString m_prefix;
    QStringList m_pages;
    QHash<QString, qint64> m_pids;
    int m_step = 0;
    bool m_ok = true;
};

} // namespace admin
