#pragma once

#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

// Starts one real `qetcd` member for a test: free loopback ports, a private
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
    // "https" for TLS between members (pass the --peer-* flags as extra arguments).
    void setPeerScheme(const QString &scheme) { m_peerScheme = scheme; }
    QString peerUrl() const
    {
        return QStringLiteral("%1://127.0.0.1:%2").arg(m_peerScheme).arg(m_peerPort);
    }
    bool isRunning() const { return m_process.state() == QProcess::Running; }

    bool start(int timeoutMs = 15000);
    void kill();      // SIGKILL and wait
    void terminate(); // SIGTERM and wait
    bool waitForExit(int timeoutMs = 10000);

    QUrl clientUrl() const;
    quint16 clientPort() const { return m_clientPort; }
    quint16 peerPort() const { return m_peerPort; }
    QString dataDir() const { return m_dataDir; }
    QString name() const { return m_name; }
    QProcess &process() { return m_process; }
    QByteArray output() const { return m_output; } // stderr+stdout collected so far

    // Absolute path of a program in build/bin (QETCD_BIN_DIR set by CTest).
    static QString binary(const QString &program);
    // A loopback TCP port that was free a moment ago.
    static quint16 freePort();

private:
    bool waitUntilServing(int timeoutMs);

    QString m_name;
    QStringList m_extra;
    QString m_dataDir;
    QString m_initialCluster;
    bool m_existing = false;
    QString m_peerScheme = QStringLiteral("http");
    std::unique_ptr<QTemporaryDir> m_tmp;
    quint16 m_clientPort = 0;
    quint16 m_peerPort = 0;
    QProcess m_process;
    QByteArray m_output;
};
