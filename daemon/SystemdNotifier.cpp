// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "SystemdNotifier.h"

#include <QLoggingCategory>

#include <systemd/sd-daemon.h>

#include <cstring>

namespace server {

Q_LOGGING_CATEGORY(lcSystemd, "qetcd.systemd")

SystemdNotifier::SystemdNotifier(QObject *parent) : QObject(parent)
{
    uint64_t usec = 0;
    // > 0 only when the unit sets WatchdogSec= and the watchdog is meant for this process.
    if (sd_watchdog_enabled(0, &usec) > 0 && usec > 0) {
        // Half the period, as sd_watchdog_enabled(3) advises, and at least every second.
        m_watchdog.setInterval(int(qBound<uint64_t>(1, usec / 2000, 1000)));
        connect(&m_watchdog, &QTimer::timeout, this, [this] { notify("WATCHDOG=1"); });
        m_watchdog.start();
        qCInfo(lcSystemd, "systemd watchdog every %llu ms", qulonglong(usec / 1000));
    }
}

void SystemdNotifier::started(const QString &waiting)
{
    if (!m_ready)
        notify("STATUS=" + waiting.toUtf8());
}

void SystemdNotifier::leaderChanged(quint64 leaderId, quint64 memberId)
{
    if (leaderId == 0) {
        notify("STATUS=" + tr("no leader: waiting for a quorum of members to elect one").toUtf8());
        return;
    }
    const QString id = QString::number(leaderId, 16);
    const QByteArray status =
        "STATUS=" + (leaderId == memberId ? tr("serving clients; this member (%1) leads").arg(id)
                                          : tr("serving clients; leader %1").arg(id))
                        .toUtf8();
    if (m_ready) {
        notify(status);
        return;
    }
    m_ready = true;
    notify("READY=1\n" + status);
}

void SystemdNotifier::stopping()
{
    notify("STOPPING=1\nSTATUS=" + tr("shutting down").toUtf8());
}

void SystemdNotifier::notify(const QByteArray &state)
{
    // sd_notify is itself a no-op (0) without $NOTIFY_SOCKET.
    const int r = sd_notify(0, state.constData());
    if (r < 0)
        qCWarning(lcSystemd, "cannot notify systemd (%s): %s", state.constData(), strerror(-r));
}

} // namespace server
