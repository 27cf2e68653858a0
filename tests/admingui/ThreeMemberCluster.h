// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QProcess>
#include <QString>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>
#include <vector>

// Three qetcd members forming one cluster on free loopback ports, started
// directly (DaemonProcess starts single-member clusters only). start()
// returns why not when the build cannot form a cluster, so tests can skip.
// Processes are killed when the object goes away. Test thread only.
class ThreeMemberCluster
{
public:
    ~ThreeMemberCluster();

    // Empty when all three members report healthy; otherwise why not.
    QString start();
    QUrl endpoint(int i) const;
    QString name(int i) const { return QStringLiteral("m%1").arg(i); }
    int indexOf(const QUrl &endpoint) const;
    void kill(int i);
    // SIGSTOP / SIGCONT: the member keeps its sockets but answers nothing.
    void pause(int i);
    void resume(int i);

private:
    QTemporaryDir m_dir;
    std::vector<std::unique_ptr<QProcess>> m_processes;
    quint16 m_client[3] = {};
    quint16 m_peer[3] = {};
};
