// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "DaemonProcess.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

DaemonProcess::DaemonProcess(const QString &name) : m_name(name)
{
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    QObject::connect(&m_process, &QProcess::readyRead, [this] { m_output += m_process.readAll(); });
}

DaemonProcess::~DaemonProcess()
{
    // SIGTERM first (SIGKILL only if it does not stop): a member that exits on its own runs its
    // shutdown path and, in a sanitizer build, the leak check, whose report then fails the test
    // (tests/sanitizers/run.sh). A killed member would check nothing.
    terminate();
}

QString DaemonProcess::binary(const QString &program)
{
    QString dir = qEnvironmentVariable("QETCD_BIN_DIR");
    if (dir.isEmpty())
        dir = QCoreApplication::applicationDirPath() + QStringLiteral("/../bin");
    return QDir(dir).absoluteFilePath(program);
}

QUrl DaemonProcess::clientUrl() const
{
    return QUrl(QStringLiteral("http://%1:%2").arg(m_host).arg(m_clientPort));
}

bool DaemonProcess::start(int timeoutMs)
{
    return launch(timeoutMs) && waitUntilServing(timeoutMs);
}

bool DaemonProcess::launch(int timeoutMs)
{
    if (m_dataDir.isEmpty()) {
        m_tmp = std::make_unique<QTemporaryDir>();
        m_dataDir = m_tmp->path() + QStringLiteral("/") + m_name + QStringLiteral(".etcd");
    }
    const QHostAddress on(m_host);
    if (m_clientPort == 0)
        m_clientPort = TestLoopback::freePort(on);
    if (m_peerPort == 0)
        m_peerPort = TestLoopback::freePort(on);
    const QString client = clientUrl().toString();
    const QString peer = peerUrl();
    QStringList args{QStringLiteral("--name"),
                     m_name,
                     QStringLiteral("--data-dir"),
                     m_dataDir,
                     QStringLiteral("--listen-client-urls"),
                     client,
                     QStringLiteral("--advertise-client-urls"),
                     client,
                     QStringLiteral("--listen-peer-urls"),
                     peer,
                     QStringLiteral("--initial-advertise-peer-urls"),
                     peer,
                     QStringLiteral("--initial-cluster"),
                     m_initialCluster.isEmpty() ? m_name + QLatin1Char('=') + peer
                                                : m_initialCluster};
    if (m_existing)
        args << QStringLiteral("--initial-cluster-state") << QStringLiteral("existing");
    args += m_extra;
    m_output.clear();
    m_process.start(binary(QStringLiteral("qetcd")), args);
    return m_process.waitForStarted(timeoutMs);
}

bool DaemonProcess::waitUntilServing(int timeoutMs)
{
    QNetworkAccessManager nam;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
        // /v2/stats/self names the member: another member of this test still on the port (one
        // stopped a moment ago, say) is not mistaken for this one.
        QNetworkRequest req(QUrl(clientUrl().toString() + QStringLiteral("/v2/stats/self")));
        std::unique_ptr<QNetworkReply> reply(nam.get(req));
        (void)QTest::qWaitFor([&] { return reply->isFinished(); }, 2000);
        if (reply->isFinished() && reply->error() == QNetworkReply::NoError &&
            QJsonDocument::fromJson(reply->readAll()).object().value(QLatin1String("name")) ==
                m_name)
            return true;
        QTest::qWait(50); // pacing between probes; asserts nothing
    }
    return false;
}

void DaemonProcess::kill()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

void DaemonProcess::terminate()
{
    if (m_process.state() != QProcess::NotRunning) {
        m_process.terminate();
        if (!m_process.waitForFinished(10000))
            kill();
    }
}

bool DaemonProcess::waitForExit(int timeoutMs)
{
    return m_process.state() == QProcess::NotRunning || m_process.waitForFinished(timeoutMs);
}
