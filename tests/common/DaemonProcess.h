// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include "TestLoopback.h"

#include <memory>

// Starts one real `qetcd` member for a test: free ports on this test process's own loopback
// address (TestLoopback, so no other suite running at the same time can take them), a private
// temporary data directory, and a wait until the member answers /v2/stats/self under its name.
// The process is stopped (SIGTERM, then SIGKILL if it lingers) when the object goes away, so a
// failing test never leaves a member behind. Not thread-safe; use from the test's thread.
class DaemonProcess
{
public:
    explicit DaemonProcess(const QString &name = QStringLiteral("default"));
    ~DaemonProcess();

    // Extra flags appended after the generated ones (later flags win).
    void setExtraArguments(const QStringList &args) { m_extra = args; }
    // Reuse a data directory (for restart tests); by default a fresh one is made.
    void setDataDir(const QString &dir) { m_dataDir = dir; }
    // Cluster members: fixed ports chosen up front so every member can name
    // the others in --initial-cluster before any of them starts.
    void setPorts(quint16 clientPort, quint16 peerPort)
    {
        m_clientPort = clientPort;
        m_peerPort = peerPort;
    }
    void setInitialCluster(const QString &initialCluster, bool existing = false)
    {
        m_initialCluster = initialCluster;
        m_existing = existing;
    }
    // The address the member listens on and advertises: TestLoopback::host().
    QString host() const { return m_host; }
    // "https" for TLS between members (pass the --peer-* flags as extra arguments; the
    // certificates of testsupport::TestCertificates name host()).
    void setPeerScheme(const QString &scheme) { m_peerScheme = scheme; }
    QString peerUrl() const
    {
        return QStringLiteral("%1://%2:%3").arg(m_peerScheme, m_host).arg(m_peerPort);
    }
    bool isRunning() const { return m_process.state() == QProcess::Running; }

    bool start(int timeoutMs = 15000);
    // Only starts the process (start() also waits until it serves).
    bool launch(int timeoutMs = 15000);
    void kill();      // SIGKILL and wait
    void terminate(); // SIGTERM and wait
    bool waitForExit(int timeoutMs = 10000);

    QUrl clientUrl() const;
    quint16 clientPort() const { return m_clientPort; }
    quint16 peerPort() const { return m_peerPort; }
    QString dataDir() const { return m_dataDir; }
    QString name() const { return m_name; }
    QProcess &process() { return m_process; }
    qint64 processId() const { return m_process.processId(); }
    QByteArray output() const { return m_output; } // stderr+stdout collected so far

    // Absolute path of a program in build/bin (QETCD_BIN_DIR set by CTest).
    static QString binary(const QString &program);
    // A port on TestLoopback::host() that was free a moment ago (and that no other process
    // can take meanwhile): TestLoopback::freePort().
    static quint16 freePort() { return TestLoopback::freePort(); }

private:
    bool waitUntilServing(int timeoutMs);

    QString m_name;
    QStringList m_extra;
    QString m_dataDir;
    QString m_initialCluster;
    bool m_existing = false;
    QString m_peerScheme = QStringLiteral("http");
    const QString m_host = TestLoopback::host();
    std::unique_ptr<QTemporaryDir> m_tmp;
    quint16 m_clientPort = 0;
    quint16 m_peerPort = 0;
    QProcess m_process;
    QByteArray m_output;
};
