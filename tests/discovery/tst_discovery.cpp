// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// --discovery with real processes (issue 17): three qetcd members bootstrap from a token on a
// fourth qetcd (and on etcd 3.4.23 when there is one), the way discovery.etcd.io's tokens work
// (PUT <token>/_config/size); a fourth registration is refused with etcd's error, or, with
// --discovery-fallback proxy, the process becomes a proxy of the cluster; a member registered
// twice, a missing or malformed size and an unreachable service end the process with etcd's
// messages and exit status 1; a restarted member skips discovery.

#include "ClusterHttp.h"
#include "DaemonProcess.h"
#include "DiscoveryMember.h"
#include "ForwardProxy.h"
#include "TestLoopback.h"
#include "node/ClusterIdentity.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTest>

#include <memory>
#include <vector>

namespace {

const QString kEtcd = QStringLiteral(QETCD_TEST_ETCD);

using Members = std::vector<std::unique_ptr<DiscoveryMember>>;

QString newToken()
{
    return QString::number(QRandomGenerator::global()->generate64(), 16);
}

} // namespace

// What the token lists (hidden keys such as _config are not listed).
QJsonArray registrations(ClusterHttp &http, const QString &token)
{
    return http.http("GET", QUrl(token), QString())
        .json()
        .value("node")
        .toObject()
        .value("nodes")
        .toArray();
}

// Until `proxy` answers 200 for GET <path> (false if it ended instead).
bool waitProxyServing(ClusterHttp &http, DiscoveryMember &proxy, const QString &path)
{
    return QTest::qWaitFor(
               [&] {
                   return !proxy.isRunning() ||
                          http.http("GET", proxy.clientUrl(), path, {}, {}, 1000).status == 200;
               },
               20000) &&
           proxy.isRunning();
}

class tst_discovery : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void threeMembersFromQetcdToken();
    void fullClusterFallsBackToProxy();
    void threeMembersFromEtcdToken();
    void etcdMembersFromQetcdToken();
    void throughDiscoveryProxy();
    void errors_data();
    void errors();

private:
    // <service>/v2/keys/_etcd/registry/<new token>, with _config/size = `size` when given.
    QString makeToken(const QUrl &service, const QString &size);
    // Starts m1..m3 on `tokenUrl` and checks the cluster they form.
    void bootstrapThree(const QString &tokenUrl, Members &members);

    ClusterHttp m_http;
    std::unique_ptr<DaemonProcess> m_service; // the qetcd serving the tokens
    QString m_fullToken;                      // a token with a complete 3-member cluster
    Members m_fullCluster;
};

void tst_discovery::initTestCase()
{
    m_service = std::make_unique<DaemonProcess>(QStringLiteral("disc"));
    // Gone with the test process even when a failure aborts it (no destructor runs then).
    m_service->process().setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    QVERIFY2(m_service->start(), m_service->output().constData());
}

QString tst_discovery::makeToken(const QUrl &service, const QString &size)
{
    const QString url =
        service.toString() + QStringLiteral("/v2/keys/_etcd/registry/") + newToken();
    if (!size.isNull()) {
        const ClusterHttp::Reply r = m_http.http("PUT", QUrl(url + QStringLiteral("/_config/size")),
                                                 QString(), "value=" + size.toUtf8());
        if (r.status != 201)
            qWarning("creating the token: %d %s", r.status, r.body.constData());
    }
    return url;
}

void tst_discovery::bootstrapThree(const QString &tokenUrl, Members &members)
{
    for (const char *name : {"m1", "m2", "m3"})
        members.push_back(std::make_unique<DiscoveryMember>(QLatin1String(name)));
    for (auto &m : members)
        m->start({QStringLiteral("--discovery"), tokenUrl});
    for (auto &m : members)
        QVERIFY2(m->waitServing(m_http), m->output().constData());

    // Each member knows all three, under the ids etcd gives them: the token URL is the cluster
    // token (so the ids match the keys they registered under).
    QStringList expected;
    for (auto &m : members)
        expected.append(
            m->name() + QLatin1Char('=') +
            QString::number(node::ClusterIdentity::memberId({m->peerUrl()}, tokenUrl), 16));
    expected.sort();
    for (auto &m : members)
        QCOMPARE(memberList(m_http, m->clientUrl()), expected);
    const QJsonArray registered = registrations(m_http, tokenUrl);
    QStringList keys;
    for (const QJsonValue &n : registered)
        keys.append(n.toObject().value("key").toString().section('/', -1) + '=' +
                    n.toObject().value("value").toString().section('=', 0, 0));
    keys.sort();
    QStringList expectedKeys; // _config is a hidden key: not listed
    for (auto &m : members)
        expectedKeys.append(
            QString::number(node::ClusterIdentity::memberId({m->peerUrl()}, tokenUrl), 16) + '=' +
            m->name());
    expectedKeys.sort();
    QVERIFY2(keys == expectedKeys, qPrintable(keys.join(' ') + " / " + expectedKeys.join(' ')));

    // And it works as one cluster: a write through m1 is read back through m3.
    QCOMPARE(m_http.put(members[0]->clientUrl(), "/discovered", "yes").status, 201);
    const ClusterHttp::Reply read =
        m_http.http("GET", members[2]->clientUrl(), "/v2/keys/discovered?quorum=true");
    QCOMPARE(read.json().value("node").toObject().value("value").toString(), QString("yes"));
}

void tst_discovery::threeMembersFromQetcdToken()
{
    m_fullToken = makeToken(m_service->clientUrl(), QStringLiteral("3"));
    bootstrapThree(m_fullToken, m_fullCluster);
    if (QTest::currentTestFailed())
        return;

    // A fourth member: the cluster is full; --discovery-fallback exit ends it with etcd's error.
    DiscoveryMember fourth(QStringLiteral("m4"));
    fourth.start({QStringLiteral("--discovery"), m_fullToken,
                  QStringLiteral("--discovery-fallback"), QStringLiteral("exit")});
    QCOMPARE(fourth.waitExit(), 1);
    QVERIFY2(
        fourth.output().contains("failed to join discovery cluster (discovery: cluster is full)"),
        fourth.output().constData());
    QVERIFY2(fourth.output().contains("please generate a new discovery token"),
             fourth.output().constData());

    // m1 again, from an empty data dir: its id is registered already (etcd's ErrDuplicateID).
    DiscoveryMember again(QStringLiteral("m1"));
    again.start({QStringLiteral("--discovery"), m_fullToken,
                 QStringLiteral("--initial-advertise-peer-urls"), m_fullCluster[0]->peerUrl()});
    QCOMPARE(again.waitExit(), 1);
    QVERIFY2(again.output().contains(
                 "member \"m1\" has previously registered with discovery service token (" +
                 m_fullToken.toUtf8() + ")"),
             again.output().constData());
    QVERIFY2(again.output().contains("or use a new discovery token if the previous bootstrap "
                                     "failed."),
             again.output().constData());

    // m1 restarted with its data dir: a member already, discovery is skipped (as etcd).
    const QStringList before = memberList(m_http, m_fullCluster[1]->clientUrl());
    m_fullCluster[0]->stop();
    m_fullCluster[0]->start({QStringLiteral("--discovery"), m_fullToken});
    QVERIFY2(m_fullCluster[0]->waitServing(m_http), m_fullCluster[0]->output().constData());
    QVERIFY2(m_fullCluster[0]->output().contains("discovery skipped"),
             m_fullCluster[0]->output().constData());
    QCOMPARE(memberList(m_http, m_fullCluster[0]->clientUrl()), before);
}

void tst_discovery::fullClusterFallsBackToProxy()
{
    if (m_fullCluster.empty())
        QSKIP("needs the cluster of threeMembersFromQetcdToken");
    // etcd's default --discovery-fallback is proxy: a fourth member of a full cluster becomes
    // a proxy of it, on its client URL.
    DiscoveryMember fourth(QStringLiteral("m4"));
    fourth.start({QStringLiteral("--discovery"), m_fullToken});
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     return fourth.output().contains(
                                "discovery cluster full, falling back to proxy") ||
                            !fourth.isRunning();
                 },
                 20000),
             fourth.output().constData());
    QVERIFY2(fourth.output().contains("discovery cluster full, falling back to proxy"),
             fourth.output().constData());
    QVERIFY2(waitProxyServing(m_http, fourth, "/v2/keys/discovered"), fourth.output().constData());
    // Reads and writes go through it to the cluster.
    const ClusterHttp::Reply read = m_http.http("GET", fourth.clientUrl(), "/v2/keys/discovered");
    QCOMPARE(read.json().value("node").toObject().value("value").toString(), QString("yes"));
    QCOMPARE(m_http.put(fourth.clientUrl(), "/via-proxy", "p").status, 201);
    const ClusterHttp::Reply back =
        m_http.http("GET", m_fullCluster[1]->clientUrl(), "/v2/keys/via-proxy?quorum=true");
    QCOMPARE(back.json().value("node").toObject().value("value").toString(), QString("p"));
    // The proxy registered nothing: the token still lists three members.
    const QJsonArray registered = registrations(m_http, m_fullToken);
    QCOMPARE(registered.size(), 3); // the three members (_config is hidden)

    // --proxy on with --discovery: the proxy only reads the cluster from the token (etcd's
    // GetCluster), the full cluster being the answer, and registers nothing.
    DiscoveryMember proxy(QStringLiteral("px"));
    proxy.start({QStringLiteral("--proxy"), QStringLiteral("on")},
                {QStringLiteral("ETCD_DISCOVERY=") + m_fullToken});
    QVERIFY2(waitProxyServing(m_http, proxy, "/v2/keys/via-proxy"), proxy.output().constData());
    QVERIFY2(proxy.output().contains("initial cluster from discovery: m"),
             proxy.output().constData());
    QCOMPARE(registrations(m_http, m_fullToken).size(), 3);
}

void tst_discovery::threeMembersFromEtcdToken()
{
    if (kEtcd.isEmpty() || !QFileInfo(kEtcd).isExecutable())
        QSKIP("no etcd 3.4 (`make deps` takes it out of Debian's etcd-server into .tools/): "
              "this test uses a real etcd as the discovery service");
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString host = TestLoopback::host();
    const QString client = QStringLiteral("http://%1:%2").arg(host).arg(TestLoopback::freePort());
    const QString peer = QStringLiteral("http://%1:%2").arg(host).arg(TestLoopback::freePort());
    QProcess etcd;
    etcd.setProcessChannelMode(QProcess::MergedChannels);
    etcd.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
    etcd.setStandardOutputFile(tmp.filePath(QStringLiteral("etcd.log")));
    etcd.start(kEtcd, {QStringLiteral("--name=disc"), QStringLiteral("--enable-v2=true"),
                       QStringLiteral("--data-dir=") + tmp.filePath(QStringLiteral("etcd")),
                       QStringLiteral("--listen-client-urls=") + client,
                       QStringLiteral("--advertise-client-urls=") + client,
                       QStringLiteral("--listen-peer-urls=") + peer,
                       QStringLiteral("--initial-advertise-peer-urls=") + peer,
                       QStringLiteral("--initial-cluster=disc=") + peer});
    QVERIFY(etcd.waitForStarted());
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     return m_http.http("GET", QUrl(client), "/v2/keys/", {}, {}, 1000).status ==
                            200;
                 },
                 20000),
             "etcd 3.4 did not start");
    const QString token = makeToken(QUrl(client), QStringLiteral("3"));
    Members members;
    bootstrapThree(token, members);
    if (QTest::currentTestFailed())
        return;
    DiscoveryMember fourth(QStringLiteral("m4"));
    fourth.start({QStringLiteral("--discovery"), token, QStringLiteral("--discovery-fallback"),
                  QStringLiteral("exit")});
    QCOMPARE(fourth.waitExit(), 1);
    QVERIFY2(fourth.output().contains("discovery: cluster is full"), fourth.output().constData());
    members.clear();
    etcd.terminate();
    etcd.waitForFinished(10000);
}

// The other way round: etcd 3.4.23 members bootstrap from a token a qetcd serves. They register
// under the ids etcd computes, which must be the ids qetcd computes for the same URLs and token
// (node::ClusterIdentity): the cross-check that a mixed discovery run agrees on identities.
void tst_discovery::etcdMembersFromQetcdToken()
{
    if (kEtcd.isEmpty() || !QFileInfo(kEtcd).isExecutable())
        QSKIP("no etcd 3.4 (`make deps` takes it out of Debian's etcd-server into .tools/): "
              "this test bootstraps real etcd members from a qetcd token");
    const QString token = makeToken(m_service->clientUrl(), QStringLiteral("3"));
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString host = TestLoopback::host();
    std::vector<std::unique_ptr<QProcess>> etcds;
    QStringList clients;
    QStringList expected;
    for (int i = 1; i <= 3; ++i) {
        const QString name = QStringLiteral("e%1").arg(i);
        const QString client =
            QStringLiteral("http://%1:%2").arg(host).arg(TestLoopback::freePort());
        const QString peer = QStringLiteral("http://%1:%2").arg(host).arg(TestLoopback::freePort());
        clients.append(client);
        expected.append(QString::number(node::ClusterIdentity::memberId({peer}, token), 16) + '=' +
                        name);
        auto etcd = std::make_unique<QProcess>();
        etcd->setProcessChannelMode(QProcess::MergedChannels);
        etcd->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
        etcd->setStandardOutputFile(tmp.filePath(name + QStringLiteral(".log")));
        etcd->start(kEtcd, {QStringLiteral("--name=") + name, QStringLiteral("--enable-v2=true"),
                            QStringLiteral("--data-dir=") + tmp.filePath(name),
                            QStringLiteral("--listen-client-urls=") + client,
                            QStringLiteral("--advertise-client-urls=") + client,
                            QStringLiteral("--listen-peer-urls=") + peer,
                            QStringLiteral("--initial-advertise-peer-urls=") + peer,
                            QStringLiteral("--discovery=") + token});
        QVERIFY(etcd->waitForStarted());
        etcds.push_back(std::move(etcd));
    }
    expected.sort();
    auto log = [&] {
        QFile f(tmp.filePath(QStringLiteral("e1.log")));
        f.open(QIODevice::ReadOnly);
        return f.readAll().right(3000);
    };
    // All three serve the same three members.
    for (const QString &client : clients)
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         return m_http.http("GET", QUrl(client), "/v2/members", {}, {}, 1000)
                                    .json()
                                    .value("members")
                                    .toArray()
                                    .size() == 3;
                     },
                     30000),
                 log().constData());
    QStringList registered;
    for (const QJsonValue &n : registrations(m_http, token))
        registered.append(n.toObject().value("key").toString().section('/', -1) + '=' +
                          n.toObject().value("value").toString().section('=', 0, 0));
    registered.sort();
    QCOMPARE(registered, expected);
    QStringList ids;
    for (const QString &entry : expected)
        ids.append(entry.section('=', 1) + '=' + entry.section('=', 0, 0));
    ids.sort();
    QCOMPARE(memberList(m_http, QUrl(clients.first())), ids);
    for (auto &etcd : etcds) {
        etcd->terminate();
        etcd->waitForFinished(10000);
    }
}

// --discovery-proxy: every request to the service goes through the HTTP proxy. The token URL
// names a host that does not resolve (.invalid): only the proxy can reach the service.
// ETCD_DISCOVERY_PROXY is given for one member, the flag for the others.
void tst_discovery::throughDiscoveryProxy()
{
    ForwardProxy proxy(TestLoopback::address(), m_service->clientPort());
    QVERIFY(proxy.isListening());
    const QString real = makeToken(m_service->clientUrl(), QStringLiteral("2"));
    const QString token = QStringLiteral("http://discovery.invalid:%1%2")
                              .arg(m_service->clientPort())
                              .arg(QUrl(real).path());
    Members members;
    for (const char *name : {"p1", "p2"})
        members.push_back(std::make_unique<DiscoveryMember>(QLatin1String(name)));
    members[0]->start({QStringLiteral("--discovery"), token},
                      {QStringLiteral("ETCD_DISCOVERY_PROXY=") + proxy.url()});
    members[1]->start(
        {QStringLiteral("--discovery"), token, QStringLiteral("--discovery-proxy"), proxy.url()});
    for (auto &m : members)
        QVERIFY2(m->waitServing(m_http), m->output().constData());
    QCOMPARE(memberList(m_http, members[0]->clientUrl()).size(), 2);
    QVERIFY2(members[0]->output().contains("using proxy \"" + proxy.url().toUtf8() + "\""),
             members[0]->output().constData());
    // Both members' size reads, listings, registrations and watches went through it.
    const QString seen = proxy.seen().join('\n');
    QCOMPARE(proxy.seen().filter("_config/size").size(), 4); // each member checks twice
    QCOMPARE(proxy.seen().filter(QRegularExpression("^PUT .*prevExist=false")).size(), 2);
    QVERIFY2(seen.contains("http://discovery.invalid:"), qPrintable(seen));
}

void tst_discovery::errors_data()
{
    QTest::addColumn<QString>("size"); // null: no _config/size at all
    QTest::addColumn<bool>("unreachable");
    QTest::addColumn<QStringList>("mentions");
    QTest::addColumn<bool>("viaEnvironment"); // ETCD_DISCOVERY instead of --discovery
    QTest::newRow("size missing") << QString() << false
                                  << QStringList{"failed to join discovery cluster (discovery: "
                                                 "size key not found)"}
                                  << true;
    QTest::newRow("size malformed")
        << QStringLiteral("three") << false << QStringList{"(discovery: size key is bad)"} << false;
    QTest::newRow("size zero") << QStringLiteral("0") << false
                               << QStringList{"(discovery: size key is bad)"} << true;
    // etcd retries forever (2, 4, ... 256 s); QETCD_DISCOVERY_RETRIES=1 ends it after one.
    QTest::newRow("service unreachable")
        << QStringLiteral("3") << true
        << QStringList{"cluster status check: error connecting to", "retrying in 2s",
                       "failed to join discovery cluster (discovery: too many retries)"}
        << false;
}

void tst_discovery::errors()
{
    QFETCH(QString, size);
    QFETCH(bool, unreachable);
    QFETCH(QStringList, mentions);
    QFETCH(bool, viaEnvironment);
    QString token;
    if (unreachable) {
        // A port nothing listens on (free a moment ago, on this test's own address).
        const QUrl closed(
            QStringLiteral("http://%1:%2").arg(TestLoopback::host()).arg(TestLoopback::freePort()));
        token = closed.toString() + QStringLiteral("/v2/keys/_etcd/registry/") + newToken();
    } else {
        token = makeToken(m_service->clientUrl(), size);
    }
    DiscoveryMember member(QStringLiteral("x"));
    if (viaEnvironment)
        member.start({}, {QStringLiteral("QETCD_DISCOVERY_RETRIES=1"),
                          QStringLiteral("ETCD_DISCOVERY=") + token});
    else
        member.start({QStringLiteral("--discovery"), token},
                     {QStringLiteral("QETCD_DISCOVERY_RETRIES=1")});
    QCOMPARE(member.waitExit(), 1);
    for (const QString &m : mentions)
        QVERIFY2(member.output().contains(m.toUtf8()), member.output().constData());
    // Nothing was registered where the service answered.
    if (!unreachable) {
        const QJsonArray nodes = registrations(m_http, token);
        for (const QJsonValue &n : nodes)
            QCOMPARE(n.toObject().value("key").toString().section('/', -1), QString("_config"));
    }
}

QTEST_GUILESS_MAIN(tst_discovery)
#include "tst_discovery.moc"
