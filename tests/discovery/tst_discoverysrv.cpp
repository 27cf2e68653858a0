// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// --discovery-srv with a real DNS server (issue 17): the test starts Debian's dnsmasq on a
// loopback address of its own, port 53, serving _etcd-server._tcp and _etcd-client._tcp SRV
// records for the domain disc.test; three qetcd members bootstrap from them and qetcdctl
// finds them with --discovery-srv. qetcd and qetcdctl are pointed at that server with
// QETCD_DNS_NAMESERVER: Qt 6.4's QDnsLookup takes a nameserver address only (port 53 fixed),
// and the CI chroot shares the host's network namespace, so the server gets a loopback address
// no one else uses (127.53.x.y) rather than a private namespace or resolv.conf.
//
// The SRV targets are the members' numeric loopback address (a valid DNS target name) so that
// the member URLs they become resolve everywhere, without an /etc/hosts entry.

#include "ClusterHttp.h"
#include "CtlProcess.h"
#include "DiscoveryMember.h"
#include "TestLoopback.h"
#include "node/ClusterIdentity.h"

#include <QCoreApplication>
#include <QDnsLookup>
#include <QFileInfo>
#include <QTest>

#include <unistd.h>

namespace {

const QString kDnsmasq = QStringLiteral(QETCD_TEST_DNSMASQ);
const QString kDomain = QStringLiteral("disc.test");

} // namespace

class tst_discoverysrv : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void threeMembersFromSrvRecords();
    void ctlFindsEndpoints();
    void proxyFromSrvRecords();
    void noRecords();

private:
    bool startDns(const QString &address);
    QStringList env() const { return {QStringLiteral("QETCD_DNS_NAMESERVER=") + m_dnsAddress}; }

    ClusterHttp m_http;
    QProcess m_dns;
    QByteArray m_dnsLog;
    QString m_dnsAddress;
    std::vector<std::unique_ptr<DiscoveryMember>> m_members;
};

void tst_discoverysrv::initTestCase()
{
    if (kDnsmasq.isEmpty() || !QFileInfo(kDnsmasq).isExecutable())
        QFAIL("no dnsmasq: `make deps` installs Debian's dnsmasq-base, which this test runs as "
              "the DNS server");
    if (::geteuid() != 0)
        QSKIP("dnsmasq must bind port 53 (Qt 6.4's QDnsLookup asks no other port): run as root");
    for (const char *name : {"m1", "m2", "m3"})
        m_members.push_back(std::make_unique<DiscoveryMember>(QLatin1String(name)));
    // An address derived from this process' id, another one if something holds it already.
    const quint32 pid = quint32(QCoreApplication::applicationPid());
    for (int attempt = 0; attempt < 8; ++attempt) {
        const QString address =
            QStringLiteral("127.53.%1.%2").arg((pid >> 8) & 0xff).arg(1 + (pid + attempt) % 250);
        if (startDns(address)) {
            m_dnsAddress = address;
            break;
        }
    }
    QVERIFY2(!m_dnsAddress.isEmpty(), m_dnsLog.constData());
}

bool tst_discoverysrv::startDns(const QString &address)
{
    QStringList args{QStringLiteral("--keep-in-foreground"),
                     QStringLiteral("--no-resolv"),
                     QStringLiteral("--no-hosts"),
                     QStringLiteral("--conf-file=/dev/null"),
                     QStringLiteral("--bind-interfaces"),
                     QStringLiteral("--listen-address=") + address,
                     QStringLiteral("--port=53"),
                     QStringLiteral("--user=root"),
                     QStringLiteral("--pid-file="),
                     QStringLiteral("--log-facility=-"),
                     QStringLiteral("--log-queries"),
                     QStringLiteral("--local=/") + kDomain + '/'};
    const QString host = TestLoopback::host();
    for (const auto &m : m_members) {
        args << QStringLiteral("--srv-host=_etcd-server._tcp.%1,%2,%3,0,10")
                    .arg(kDomain, host)
                    .arg(m->peerPort());
        args << QStringLiteral("--srv-host=_etcd-client._tcp.%1,%2,%3,0,10")
                    .arg(kDomain, host)
                    .arg(m->clientPort());
    }
    m_dns.setProcessChannelMode(QProcess::MergedChannels);
    m_dns.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    m_dns.start(kDnsmasq, args);
    if (!m_dns.waitForStarted())
        return false;
    // Ready once it answers; gone when the address could not be bound.
    bool answered = false;
    for (int i = 0; i < 20 && !answered && m_dns.state() == QProcess::Running; ++i) {
        QDnsLookup dns(QDnsLookup::SRV, QStringLiteral("_etcd-server._tcp.") + kDomain,
                       QHostAddress(address));
        dns.lookup();
        (void)QTest::qWaitFor([&] { return dns.isFinished(); }, 2000);
        answered = dns.isFinished() && dns.error() == QDnsLookup::NoError &&
                   dns.serviceRecords().size() == int(m_members.size());
        if (!answered)
            QTest::qWait(100); // pacing between probes; asserts nothing
    }
    m_dnsLog += m_dns.readAll();
    if (!answered) {
        m_dns.kill();
        m_dns.waitForFinished();
        m_dnsLog += m_dns.readAll();
    }
    return answered;
}

void tst_discoverysrv::cleanupTestCase()
{
    m_members.clear();
    if (m_dns.state() != QProcess::NotRunning) {
        m_dns.terminate();
        m_dns.waitForFinished(5000);
    }
}

void tst_discoverysrv::threeMembersFromSrvRecords()
{
    for (auto &m : m_members)
        m->start({QStringLiteral("--discovery-srv"), kDomain,
                  QStringLiteral("--initial-cluster-token"), QStringLiteral("srv-cluster")},
                 env());
    for (auto &m : m_members)
        QVERIFY2(m->waitServing(m_http), m->output().constData() + m_dns.readAll());
    // Each member found itself among the records (by address and port) and took the others
    // under temporary names; once they publish their names every member lists all three,
    // under the ids --initial-cluster would have given them.
    QStringList expected;
    for (auto &m : m_members)
        expected.append(
            m->name() + QLatin1Char('=') +
            QString::number(node::ClusterIdentity::memberId({m->peerUrl()}, "srv-cluster"), 16));
    expected.sort();
    for (auto &m : m_members) {
        QVERIFY2(
            QTest::qWaitFor([&] { return memberList(m_http, m->clientUrl()) == expected; }, 15000),
            qPrintable(memberList(m_http, m->clientUrl()).join(' ') + " / " + expected.join(' ')));
        QVERIFY2(m->output().contains("got bootstrap from DNS for etcd-server at " +
                                      m->name().toUtf8() + "=" + m->peerUrl().toUtf8()),
                 m->output().constData());
    }
    QCOMPARE(m_http.put(m_members[0]->clientUrl(), "/srv", "found").status, 201);
    const ClusterHttp::Reply read =
        m_http.http("GET", m_members[2]->clientUrl(), "/v2/keys/srv?quorum=true");
    QCOMPARE(read.json().value("node").toObject().value("value").toString(), QString("found"));
}

void tst_discoverysrv::ctlFindsEndpoints()
{
    if (m_members.empty() || !m_members[0]->isRunning())
        QSKIP("needs the cluster of threeMembersFromSrvRecords");
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.insert(QStringLiteral("QETCD_DNS_NAMESERVER"), m_dnsAddress);
    // The records name http endpoints: taken with --insecure-discovery.
    testsupport::CtlResult r = testsupport::runCtl(
        {"--discovery-srv", kDomain, "--insecure-discovery", "get", "/srv"}, {}, e);
    QVERIFY2(r.code == 0, r.err.constData());
    QCOMPARE(r.out.trimmed(), QByteArray("found"));
    r = testsupport::runCtl({"--discovery-srv", kDomain, "--insecure-discovery", "--debug",
                             "--no-sync", "set", "/ctl", "srv"},
                            {}, e);
    QVERIFY2(r.code == 0, r.err.constData());
    for (auto &m : m_members)
        QVERIFY2(r.err.contains(m->clientUrl().toString().toUtf8()), r.err.constData());
    // Without it they are skipped, as etcdctl does, and the endpoints flag is used instead.
    const QString closed =
        QStringLiteral("http://%1:%2").arg(TestLoopback::host()).arg(TestLoopback::freePort());
    r = testsupport::runCtl(
        {"--discovery-srv", kDomain, "--endpoints", closed, "--timeout", "1s", "get", "/srv"}, {},
        e);
    QVERIFY2(r.err.contains("ignoring discovered insecure endpoint \"" +
                            m_members[0]->clientUrl().toString().toUtf8() + "\""),
             r.err.constData());
    QVERIFY(r.code != 0);
    // A domain without records: etcdctl's error, exit 1.
    r = testsupport::runCtl({"--discovery-srv", "none." + kDomain, "get", "/srv"}, {}, e);
    QCOMPARE(r.code, 1);
    QVERIFY2(r.err.contains("dns lookup errors: lookup _etcd-client-ssl._tcp.none.disc.test"),
             r.err.constData());
}

// A proxy takes its cluster from the same records (etcd 2.2's proxy with -discovery-srv); it
// is not among them itself.
void tst_discoverysrv::proxyFromSrvRecords()
{
    if (m_members.empty() || !m_members[0]->isRunning())
        QSKIP("needs the cluster of threeMembersFromSrvRecords");
    DiscoveryMember proxy(QStringLiteral("px"));
    proxy.start({QStringLiteral("--proxy"), QStringLiteral("on"), QStringLiteral("--discovery-srv"),
                 kDomain},
                env());
    QVERIFY2(
        QTest::qWaitFor(
            [&] {
                return !proxy.isRunning() ||
                       m_http.http("GET", proxy.clientUrl(), "/v2/keys/srv", {}, {}, 1000).status ==
                           200;
            },
            20000) &&
            proxy.isRunning(),
        proxy.output().constData());
    QVERIFY2(proxy.output().contains("initial cluster from DNS SRV records of disc.test: 0="),
             proxy.output().constData());
}

void tst_discoverysrv::noRecords()
{
    DiscoveryMember lonely(QStringLiteral("x"));
    lonely.start({QStringLiteral("--discovery-srv"), "none." + kDomain}, env());
    QCOMPARE(lonely.waitExit(), 1);
    QVERIFY2(lonely.output().contains("srv: too many errors querying DNS SRV records"),
             lonely.output().constData());
    QVERIFY2(lonely.output().contains("error querying DNS SRV records for _etcd-server-ssl"),
             lonely.output().constData());
}

QTEST_GUILESS_MAIN(tst_discoverysrv)
#include "tst_discoverysrv.moc"
