// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QObject>
#include <QTimer>

namespace server {

// Tells systemd how the member is doing, through sd_notify(3) (a service of Type=notify):
//   STATUS=...   what the member waits for or does, as `systemctl status` shows it;
//   READY=1      once, when it serves clients and knows a leader, as etcd does: a member of a
//                cluster whose quorum is not up is not ready, and units ordered after qetcd
//                (After=qetcd.service) wait for it;
//   STOPPING=1   when it starts to shut down;
//   WATCHDOG=1   every half of the unit's WatchdogSec, from the main thread's event loop: a loop
//                that hangs stops them, which is what the watchdog is there to catch.
// libsystemd does the protocol; without $NOTIFY_SOCKET (not started by systemd) every call is
// a no-op. Lives on the main thread, which must run its event loop for the watchdog.
class SystemdNotifier : public QObject
{
    Q_OBJECT
public:
    explicit SystemdNotifier(QObject *parent = nullptr);

    // The member has started and serves clients; `waiting` says for what (a leader, a join).
    void started(const QString &waiting);
    // The member's view of the leader changed (0: none known).
    void leaderChanged(quint64 leaderId, quint64 memberId);
    void stopping();

private:
    void notify(const QByteArray &state);

    QTimer m_watchdog;
    bool m_ready = false;
};

} // namespace server
