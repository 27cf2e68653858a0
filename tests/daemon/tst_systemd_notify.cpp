// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// systemd readiness (issue 16, part 2): a member started with $NOTIFY_SOCKET (as a Type=notify
// unit starts it) says what it waits for, sends READY=1 only once it knows a leader (a member
// whose quorum is not up is not ready, as with etcd), pings the watchdog when WatchdogSec is
// set, and sends STOPPING=1 on SIGTERM. The test stands in for systemd: a datagram socket
// collecting what the member sends.

#include "ClusterHttp.h"
#include "DaemonProcess.h"

#include <QSocketNotifier>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <memory>

namespace {

// The service manager's end: a bound AF_UNIX datagram socket, each datagram one notification.
class NotifySocket
{
public:
    NotifySocket()
    {
        m_path = m_dir.filePath(QStringLiteral("notify"));
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const QByteArray path = m_path.toLocal8Bit();
        if (m_fd < 0 || size_t(path.size()) >= sizeof(address.sun_path))
            return;
        std::memcpy(address.sun_path, path.constData(), size_t(path.size()));
        if (::bind(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) != 0)
            return;
        m_notifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(), [this] {
            char buffer[4096];
            ssize_t n;
            while ((n = ::recv(m_fd, buffer, sizeof(buffer), 0)) > 0)
                messages.append(QByteArray(buffer, int(n)));
        });
    }
    ~NotifySocket()
    {
        m_notifier.reset();
        if (m_fd >= 0)
            ::close(m_fd);
    }
    bool isValid() const { return m_notifier != nullptr; }
    QString path() const { return m_path; }

    // How many notifications so far carry `line` (one of their newline-separated assignments).
    int count(const QByteArray &line) const
    {
        int n = 0;
        for (const QByteArray &m : messages)
            n += m.split('\n').count(line);
        return n;
    }
    // The index of the first notification carrying `line`, or -1.
    int first(const QByteArray &line) const
    {
        for (int i = 0; i < messages.size(); ++i)
            if (messages[i].split('\n').contains(line))
                return i;
        return -1;
    }
    QByteArray all() const { return messages.join("|"); }

    QList<QByteArray> messages;

private:
    QTemporaryDir m_dir;
    QString m_path;
    int m_fd = -1;
    std::unique_ptr<QSocketNotifier> m_notifier;
};

void notifyTo(DaemonProcess &member, const NotifySocket &socket, const QByteArray &watchdogUsec)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("NOTIFY_SOCKET"), socket.path());
    if (!watchdogUsec.isEmpty())
        env.insert(QStringLiteral("WATCHDOG_USEC"), QString::fromLatin1(watchdogUsec));
    member.process().setProcessEnvironment(env);
}

} // namespace

class tst_SystemdNotify : public QObject
{
    Q_OBJECT

private slots:
    void readyOnceALeaderIsKnownAndStoppingOnSigterm();
    void notReadyWithoutAQuorum();
};

void tst_SystemdNotify::readyOnceALeaderIsKnownAndStoppingOnSigterm()
{
    NotifySocket systemd;
    QVERIFY(systemd.isValid());
    DaemonProcess member;
    notifyTo(member, systemd, "200000"); // WatchdogSec=0.2s: a ping every 100 ms
    QVERIFY2(member.start(), member.output().constData());

    QTRY_VERIFY2_WITH_TIMEOUT(systemd.count("READY=1") == 1, systemd.all().constData(), 10000);
    // Before it: what it was waiting for; with it: who leads (a lone member leads itself).
    QVERIFY2(systemd.first("STATUS=serving clients; waiting for a leader") <
                 systemd.first("READY=1"),
             systemd.all().constData());
    QVERIFY2(
        systemd.messages[systemd.first("READY=1")].contains("STATUS=serving clients; this member"),
        systemd.all().constData());
    QTRY_VERIFY2_WITH_TIMEOUT(systemd.count("WATCHDOG=1") >= 3, systemd.all().constData(), 10000);

    member.terminate();
    QTRY_VERIFY2_WITH_TIMEOUT(systemd.count("STOPPING=1") == 1, systemd.all().constData(), 5000);
    QCOMPARE(systemd.count("READY=1"), 1);
}

void tst_SystemdNotify::notReadyWithoutAQuorum()
{
    NotifySocket systemd;
    QVERIFY(systemd.isValid());
    // a of a three-member cluster, started alone: it serves (stats, health says 503) but has no
    // leader, so it must not tell systemd it is ready.
    DaemonProcess a(QStringLiteral("a"));
    DaemonProcess b(QStringLiteral("b"));
    const quint16 ports[] = {DaemonProcess::freePort(), DaemonProcess::freePort(),
                             DaemonProcess::freePort(), DaemonProcess::freePort()};
    a.setPorts(ports[0], ports[1]);
    b.setPorts(ports[2], ports[3]);
    const QString cluster =
        QStringLiteral("a=%1,b=%2,c=%3")
            .arg(a.peerUrl(), b.peerUrl(), TestLoopback::url(DaemonProcess::freePort()).toString());
    a.setInitialCluster(cluster);
    b.setInitialCluster(cluster);
    a.setExtraArguments(ClusterHttp::kFastTimers);
    b.setExtraArguments(ClusterHttp::kFastTimers);
    notifyTo(a, systemd, "100000");
    QVERIFY2(a.start(), a.output().constData());

    // Many election timeouts pass (the watchdog pings count them): still no READY=1.
    QTRY_VERIFY2_WITH_TIMEOUT(systemd.count("WATCHDOG=1") >= 20, systemd.all().constData(), 10000);
    QVERIFY2(systemd.first("STATUS=serving clients; waiting for a leader") >= 0,
             systemd.all().constData());
    QCOMPARE(systemd.count("READY=1"), 0);

    // A second member makes a quorum: a leader is elected and a becomes ready.
    QVERIFY2(b.start(), b.output().constData());
    QTRY_VERIFY2_WITH_TIMEOUT(systemd.count("READY=1") == 1, systemd.all().constData(), 15000);
}

QTEST_GUILESS_MAIN(tst_SystemdNotify)
#include "tst_systemd_notify.moc"
