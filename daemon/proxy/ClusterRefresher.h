// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "transport/PeerTls.h"

#include <QObject>
#include <QStringList>
#include <QTimer>

#include <functional>
#include <memory>

namespace server::proxy {

class Director;

// Keeps a proxy's Director up to date with the cluster, as etcd's startProxy does through its
// members' peer URLs: asks the peer URLs in turn for the cluster's membership (qetcd's peer port
// answers a ClusterInfoRequest where etcd's answers GET /members), gives the director every
// client URL the members advertise, and remembers the members' peer URLs for the next time in
// <data-dir>/proxy/cluster ({"PeerURLs":[...]}, etcd's file, written atomically), which a
// restarted proxy reads instead of --initial-cluster. Every `intervalMs`, but every second while
// no member is known and the interval is etcd's default or more (etcd's rule). When no peer
// answers, the director keeps the endpoints it had (etcd would empty it until the next refresh).
// Main thread.
class ClusterRefresher : public QObject
{
    Q_OBJECT
public:
    ClusterRefresher(std::shared_ptr<Director> director, const QStringList &peerUrls,
                     const QString &clusterFile, const transport::PeerTls &tls, int intervalMs,
                     QObject *parent = nullptr);

    // Reads the cluster file when there is one; `*peerUrls` keeps what it had otherwise.
    static bool readClusterFile(const QString &path, QStringList *peerUrls, QString *error);

    // The first refresh now, `firstDone` called when it ended (whatever its outcome), then one
    // every interval.
    void start(std::function<void()> firstDone);

private:
    void refresh();
    void ask(int index);
    void refreshed(bool learned);
    void writeClusterFile();

    std::shared_ptr<Director> m_director;
    QStringList m_peerUrls;
    const QString m_clusterFile;
    const transport::PeerTls m_tls;
    const int m_intervalMs;
    QTimer m_timer;
    std::function<void()> m_firstDone;
    bool m_busy = false;
    bool m_known = false; // some member's client URL is known
    bool m_logged = false;
};

} // namespace server::proxy
