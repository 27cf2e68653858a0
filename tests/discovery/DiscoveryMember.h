// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "ClusterHttp.h"
#include "DaemonProcess.h"
#include "TestLoopback.h"

#include <QJsonArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/prctl.h>

// One qetcd started by a discovery test: like DaemonProcess (ports on TestLoopback's address,
// a private data dir, stopped when the object goes away), but without --initial-cluster (the
// discovery flags replace it) and without waiting in start(): members that discover each other
// only serve once all of them have registered. Test thread only.
class DiscoveryMember
{
public:
    explicit DiscoveryMember(const QString &name)
        : m_name(name), m_clientPort(TestLoopback::freePort()), m_peerPort(TestLoopback::freePort())
    {
        m_process.setProcessChannelMode(QProcess::MergedChannels);
        QObject::connect(&m_process, &QProcess::readyRead,
                         [this] { m_output += m_process.readAll(); });
        // Gone with the test process even when a timeout aborts it (no destructor runs then).
        m_process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        m_dataDir = m_tmp.filePath(name + QStringLiteral(".etcd"));
    }
    ~DiscoveryMember() { stop(); }

    QString name() const { return m_name; }
    QString peerUrl() const
    {
        return QStringLiteral("http://%1:%2").arg(TestLoopback::host()).arg(m_peerPort);
    }
    QUrl clientUrl() const
    {
        return QUrl(QStringLiteral("http://%1:%2").arg(TestLoopback::host()).arg(m_clientPort));
    }
    quint16 peerPort() const { return m_peerPort; }
    quint16 clientPort() const { return m_clientPort; }
    QString dataDir() const { return m_dataDir; }
    void setDataDir(const QString &dir) { m_dataDir = dir; }
    QByteArray output() const { return m_output; }
    bool isRunning() const { return m_process.state() == QProcess::Running; }

    // Starts qetcd with this member's name, ports and data dir, fast election timers, then
    // `extra` (later flags win); `env` ("NAME=value") is added to the test's environment.
    void start(const QStringList &extra, const QStringList &env = {})
    {
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        for (const QString &kv : env)
            e.insert(kv.section(QLatin1Char('='), 0, 0), kv.section(QLatin1Char('='), 1));
        m_process.setProcessEnvironment(e);
        const QString client = clientUrl().toString();
        QStringList args{QStringLiteral("--name"),
                         m_name,
                         QStringLiteral("--data-dir"),
                         m_dataDir,
                         QStringLiteral("--listen-client-urls"),
                         client,
                         QStringLiteral("--advertise-client-urls"),
                         client,
                         QStringLiteral("--listen-peer-urls"),
                         peerUrl(),
                         QStringLiteral("--initial-advertise-peer-urls"),
                         peerUrl()};
        m_output.clear();
        m_process.start(DaemonProcess::binary(QStringLiteral("qetcd")),
                        args + ClusterHttp::kFastTimers + extra);
        m_process.waitForStarted();
    }

    // Until /v2/stats/self answers with this member's name.
    bool waitServing(ClusterHttp &http, int timeoutMs = 30000)
    {
        return QTest::qWaitFor(
                   [&] {
                       if (!isRunning())
                           return true;
                       return http.http("GET", clientUrl(), QStringLiteral("/v2/stats/self"), {},
                                        {}, 1000)
                                  .json()
                                  .value(QLatin1String("name"))
                                  .toString() == m_name;
                   },
                   timeoutMs) &&
               isRunning();
    }

    // The exit status once it has ended by itself within `timeoutMs`, or -1.
    int waitExit(int timeoutMs = 20000)
    {
        if (isRunning() && !m_process.waitForFinished(timeoutMs))
            return -1;
        m_output += m_process.readAll();
        return m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
    }

    void stop()
    {
        if (isRunning()) {
            m_process.terminate();
            if (!m_process.waitForFinished(10000)) {
                m_process.kill();
                m_process.waitForFinished(5000);
            }
        }
    }

private:
    QString m_name;
    quint16 m_clientPort;
    quint16 m_peerPort;
    QTemporaryDir m_tmp;
    QString m_dataDir;
    QProcess m_process;
    QByteArray m_output;
};

// The names and ids /v2/members lists, "name=id" sorted, from `at`.
inline QStringList memberList(ClusterHttp &http, const QUrl &at)
{
    QStringList list;
    const QJsonArray members =
        http.http("GET", at, QStringLiteral("/v2/members")).json().value("members").toArray();
    for (const QJsonValue &m : members)
        list.append(m.toObject().value("name").toString() + QLatin1Char('=') +
                    m.toObject().value("id").toString());
    list.sort();
    return list;
}
