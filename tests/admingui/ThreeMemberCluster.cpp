// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "ThreeMemberCluster.h"

#include "DaemonProcess.h"
#include "client/Client.h"

#include <QTest>

#include <signal.h>

ThreeMemberCluster::~ThreeMemberCluster()
{
    for (auto &p : m_processes) {
        p->kill();
        p->waitForFinished(5000);
    }
}

QUrl ThreeMemberCluster::endpoint(int i) const
{
    return TestLoopback::url(m_client[i]);
}

int ThreeMemberCluster::indexOf(const QUrl &url) const
{
    for (int i = 0; i < 3; ++i) {
        if (endpoint(i) == url)
            return i;
    }
    return -1;
}

void ThreeMemberCluster::kill(int i)
{
    m_processes[size_t(i)]->kill();
    m_processes[size_t(i)]->waitForFinished(5000);
}

void ThreeMemberCluster::pause(int i)
{
    ::kill(pid_t(m_processes[size_t(i)]->processId()), SIGSTOP);
}

void ThreeMemberCluster::resume(int i)
{
    ::kill(pid_t(m_processes[size_t(i)]->processId()), SIGCONT);
}

QString ThreeMemberCluster::start()
{
    QStringList cluster;
    for (int i = 0; i < 3; ++i) {
        m_client[i] = DaemonProcess::freePort();
        m_peer[i] = DaemonProcess::freePort();
        cluster.append(
            QStringLiteral("m%1=%2").arg(i).arg(TestLoopback::url(m_peer[i]).toString()));
    }
    for (int i = 0; i < 3; ++i) {
        auto p = std::make_unique<QProcess>();
        p->setProcessChannelMode(QProcess::MergedChannels);
        const QString client = endpoint(i).toString();
        const QString peer = TestLoopback::url(m_peer[i]).toString();
        p->start(DaemonProcess::binary(QStringLiteral("qetcd")),
                 {QStringLiteral("--name"), name(i), QStringLiteral("--data-dir"),
                  m_dir.filePath(name(i)), QStringLiteral("--listen-client-urls"), client,
                  QStringLiteral("--advertise-client-urls"), client,
                  QStringLiteral("--listen-peer-urls"), peer,
                  QStringLiteral("--initial-advertise-peer-urls"), peer,
                  QStringLiteral("--initial-cluster"), cluster.join(QLatin1Char(',')),
                  QStringLiteral("--initial-cluster-state"), QStringLiteral("new")});
        m_processes.push_back(std::move(p));
    }
    client::Client probe(client::ClientConfig{});
    for (int i = 0; i < 3; ++i) {
        bool serving = false;
        for (int attempt = 0; attempt < 75 && !serving; ++attempt) {
            if (m_processes[size_t(i)]->state() == QProcess::NotRunning) {
                const QList<QByteArray> lines =
                    m_processes[size_t(i)]->readAll().trimmed().split('\n');
                return QString::fromLocal8Bit(lines.last());
            }
            client::Reply *r = probe.health(endpoint(i));
            (void)QTest::qWaitFor([r] { return r->isFinished(); }, 2000);
            serving = r->isFinished() && !r->error() &&
                      r->json().value(QStringLiteral("health")).toString() == QLatin1String("true");
            r->deleteLater();
            if (!serving)
                QTest::qWait(200); // pacing between probes; asserts nothing
        }
        if (!serving)
            return QStringLiteral("member m%1 did not become healthy").arg(i);
    }
    return QString();
}
