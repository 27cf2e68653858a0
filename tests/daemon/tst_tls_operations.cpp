// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// etcd's TLS operations (issue 16, part 4) on real members: --auto-tls and --peer-auto-tls
// (self-signed certificates made at start), --client-crl-file and --peer-crl-file (revoked
// certificates refused after the handshake), --cipher-suites (unknown names refused at start,
// the list restricting what a TLS 1.2 handshake negotiates) and SIGHUP (certificates reloaded
// for new connections, old connections kept; broken files keep the old ones). Certificates and
// CRLs are made per run with the openssl CLI.

#include "ClusterHttp.h"
#include "DaemonProcess.h"
#include "TestCertificates.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslCipher>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include <csignal>

namespace {

using testsupport::TestCertificates;

// A TLS connection to a member's https port, made for the test: trusts nothing in particular
// (VerifyNone: these tests look at what the member presents), optionally presents a client
// certificate, and speaks HTTP/1.1 keep-alive requests on it.
class TlsClient
{
public:
    explicit TlsClient(const QSslConfiguration &configuration = base())
    {
        m_socket.setSslConfiguration(configuration);
    }
    static QSslConfiguration base()
    {
        QSslConfiguration c = QSslConfiguration::defaultConfiguration();
        c.setPeerVerifyMode(QSslSocket::VerifyNone);
        return c;
    }
    static QSslConfiguration withIdentity(const QString &cert, const QString &key)
    {
        QSslConfiguration c = base();
        QFile certFile(cert), keyFile(key);
        if (certFile.open(QIODevice::ReadOnly))
            c.setLocalCertificate(QSslCertificate(certFile.readAll()));
        if (keyFile.open(QIODevice::ReadOnly))
            c.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa));
        return c;
    }
    // True once encrypted; false if the handshake fails or takes more than 10 s.
    bool connect(quint16 port)
    {
        m_socket.connectToHostEncrypted(TestLoopback::host(), port);
        return m_socket.waitForEncrypted(10000);
    }
    // GET `path` on this connection: the whole answer once its body has come, or "" when
    // the member closes the connection (or says nothing for 10 s).
    QByteArray get(const QByteArray &path)
    {
        m_socket.write("GET " + path + " HTTP/1.1\r\nHost: qetcd\r\n\r\n");
        QByteArray answer;
        while (true) {
            const qsizetype end = answer.indexOf("\r\n\r\n");
            if (end >= 0) {
                const qsizetype at = answer.toLower().indexOf("content-length:");
                const int length = at < 0
                                       ? 0
                                       : answer.mid(at + 15, answer.indexOf("\r\n", at) - at - 15)
                                             .trimmed()
                                             .toInt();
                if (answer.size() >= end + 4 + length)
                    return answer;
            }
            if (m_socket.state() != QAbstractSocket::ConnectedState ||
                !m_socket.waitForReadyRead(10000))
                return {};
            answer += m_socket.readAll();
        }
    }
    QSslSocket &socket() { return m_socket; }

private:
    QSslSocket m_socket;
};

} // namespace

class tst_TlsOperations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void autoTlsServesASelfSignedCertificateForItsUrls();
    void certificateFilesOverrideAutoTls();
    void peerAutoTlsClusterForms();
    void revokedClientCertificateIsRefused();
    void revokedPeerCertificateIsRefused();
    void badCrlFileIsAStartError();
    void unknownCipherSuiteIsAStartError();
    void cipherSuitesRestrictNegotiation();
    void sighupReloadsCertificates();
    void sighupWithBrokenFilesKeepsTheOldOnes();
    void sighupReloadsPeerCertificates();
    void sighupWhileStartingDoesNotEndTheMember();

private:
    QString path(const QString &file) const { return m_certs.path(file); }
    bool openssl(const QStringList &args) { return m_certs.openssl(args); }
    // crl.pem of the CA `ca`, revoking the certificates <name>.crt of `revoked`.
    bool makeCrl(const QString &crl, const QString &ca, const QStringList &revoked);
    // A member with http on its client port (for DaemonProcess) and https on `*tlsPort`.
    std::unique_ptr<DaemonProcess> httpsMember(quint16 *tlsPort, const QStringList &extra);
    // <copy>.crt and <copy>.key become copies of <from>.crt and <from>.key (the member reads the
    // copies, which a test then overwrites).
    bool copyIdentity(const QString &from, const QString &copy);
    // The serial number of the certificate <name>.crt.
    QByteArray serialOf(const QString &name) const;
    static bool waitForOutput(DaemonProcess &m, const QByteArray &text, int timeoutMs = 10000)
    {
        return QTest::qWaitFor([&] { return m.output().contains(text); }, timeoutMs);
    }

    TestCertificates m_certs;
};

bool tst_TlsOperations::makeCrl(const QString &crl, const QString &ca, const QStringList &revoked)
{
    // openssl ca reads the revoked serials from its database (index.txt).
    QByteArray index;
    for (const QString &name : revoked) {
        QByteArray serial = serialOf(name);
        serial.replace(':', "");
        if (serial.size() % 2)
            serial.prepend('0');
        index += "R\t350101000000Z\t250101000000Z\t" + serial.toUpper() +
                 "\tunknown\t/CN=" + name.toLatin1() + "\n";
    }
    QFile indexFile(path(crl + ".index"));
    QFile config(path(crl + ".cnf"));
    if (!indexFile.open(QIODevice::WriteOnly) || indexFile.write(index) != index.size() ||
        !config.open(QIODevice::WriteOnly))
        return false;
    indexFile.close();
    config.write("[ca]\ndefault_ca = d\n[d]\ndatabase = " + crl.toLatin1() +
                 ".index\ndefault_md = sha256\ndefault_crl_days = 30\n");
    config.close();
    return openssl({"ca", "-gencrl", "-config", crl + ".cnf", "-keyfile", ca + ".key", "-cert",
                    ca + ".crt", "-out", crl});
}

bool tst_TlsOperations::copyIdentity(const QString &from, const QString &copy)
{
    for (const char *suffix : {".crt", ".key"}) {
        QFile::remove(path(copy + suffix));
        if (!QFile::copy(path(from + suffix), path(copy + suffix)))
            return false;
    }
    return true;
}

QByteArray tst_TlsOperations::serialOf(const QString &name) const
{
    QFile f(path(name + ".crt"));
    return f.open(QIODevice::ReadOnly) ? QSslCertificate(f.readAll()).serialNumber() : QByteArray();
}

void tst_TlsOperations::initTestCase()
{
    QVERIFY(m_certs.isValid());
    QVERIFY(m_certs.makeCa("ca"));
    TestCertificates::Leaf server = TestCertificates::serverLeaf(TestLoopback::host());
    QVERIFY(m_certs.makeCertificate("server", "ca", server));
    QVERIFY(m_certs.makeCertificate("server2", "ca", server));
    QVERIFY(m_certs.makeCertificate("peer-good", "ca", server));
    QVERIFY(m_certs.makeCertificate("peer-revoked", "ca", server));
    TestCertificates::Leaf client;
    client.commonName = QStringLiteral("client");
    QVERIFY(m_certs.makeCertificate("client-good", "ca", client));
    QVERIFY(m_certs.makeCertificate("client-revoked", "ca", client));
    QVERIFY(makeCrl("crl.pem", "ca", {"client-revoked", "peer-revoked"}));
}

std::unique_ptr<DaemonProcess> tst_TlsOperations::httpsMember(quint16 *tlsPort,
                                                              const QStringList &extra)
{
    auto m = std::make_unique<DaemonProcess>();
    const quint16 clientPort = DaemonProcess::freePort();
    *tlsPort = DaemonProcess::freePort();
    m->setPorts(clientPort, DaemonProcess::freePort());
    const QString urls = TestLoopback::url(clientPort).toString() + QLatin1Char(',') +
                         TestLoopback::url(*tlsPort, "https").toString();
    m->setExtraArguments(
        QStringList{"--listen-client-urls", urls, "--advertise-client-urls", urls} + extra);
    return m;
}

void tst_TlsOperations::autoTlsServesASelfSignedCertificateForItsUrls()
{
    quint16 tlsPort = 0;
    const auto m = httpsMember(&tlsPort, {"--auto-tls"});
    QVERIFY2(m->start(), m->output().constData());
    TlsClient client;
    QVERIFY(client.connect(tlsPort));
    const QSslCertificate cert = client.socket().peerCertificate();
    QVERIFY(!cert.isNull());
    QCOMPARE(cert.issuerInfo(QSslCertificate::Organization), QStringList{"etcd"});
    QVERIFY(
        cert.subjectAlternativeNames().values(QSsl::IpAddressEntry).contains(TestLoopback::host()));
    QCOMPARE(cert.publicKey().algorithm(), QSsl::Ec);
    QVERIFY(cert.expiryDate() > QDateTime::currentDateTimeUtc().addDays(364));
    QVERIFY(client.get("/version").contains("etcdserver"));

    const QString dir = m->dataDir() + QStringLiteral("/fixtures/client/");
    QVERIFY(QFile::exists(dir + "cert.pem"));
    const QFileDevice::Permissions keyPermissions = QFileInfo(dir + "key.pem").permissions();
    QVERIFY(keyPermissions.testFlag(QFileDevice::ReadOwner));
    QCOMPARE(keyPermissions &
                 (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup |
                  QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther),
             QFileDevice::Permissions());
}

void tst_TlsOperations::certificateFilesOverrideAutoTls()
{
    quint16 tlsPort = 0;
    const auto m = httpsMember(&tlsPort, {"--auto-tls", "--cert-file", path("server.crt"),
                                          "--key-file", path("server.key")});
    QVERIFY2(m->start(), m->output().constData());
    QVERIFY(m->output().contains("ignoring --auto-tls"));
    TlsClient client;
    QVERIFY(client.connect(tlsPort));
    QCOMPARE(client.socket().peerCertificate().issuerInfo(QSslCertificate::CommonName),
             QStringList{"ca"});
}

void tst_TlsOperations::peerAutoTlsClusterForms()
{
    ClusterHttp::Members members =
        ClusterHttp::newCluster({"a", "b"}, {"--peer-auto-tls"}, QStringLiteral("https"));
    for (auto &m : members)
        QVERIFY2(m->start(30000), m->output().constData());
    ClusterHttp http;
    QCOMPARE(http.put(members[0]->clientUrl(), "/k", "over auto tls").status, 201);
    QCOMPARE(http.http("GET", members[1]->clientUrl(), "/v2/keys/k?quorum=true")
                 .json()
                 .value("node")
                 .toObject()
                 .value("value")
                 .toString(),
             QStringLiteral("over auto tls"));
    for (auto &m : members) {
        QVERIFY(m->output().contains("do not verify each other's certificates"));
        QVERIFY(QFile::exists(m->dataDir() + "/fixtures/peer/cert.pem"));
    }
}

void tst_TlsOperations::revokedClientCertificateIsRefused()
{
    quint16 tlsPort = 0;
    const auto m =
        httpsMember(&tlsPort, {"--cert-file", path("server.crt"), "--key-file", path("server.key"),
                               "--client-cert-auth", "--trusted-ca-file", path("ca.crt"),
                               "--client-crl-file", path("crl.pem")});
    QVERIFY2(m->start(), m->output().constData());

    TlsClient good(TlsClient::withIdentity(path("client-good.crt"), path("client-good.key")));
    QVERIFY(good.connect(tlsPort));
    QVERIFY(good.get("/version").contains("etcdserver"));

    // Signed by the trusted CA, but revoked: the request gets no answer, the connection is closed
    // (under TLS 1.3 the client may see the handshake finish before the member checks).
    TlsClient revoked(
        TlsClient::withIdentity(path("client-revoked.crt"), path("client-revoked.key")));
    revoked.connect(tlsPort);
    QCOMPARE(revoked.get("/version"), QByteArray());
    QCOMPARE(revoked.socket().state(), QAbstractSocket::UnconnectedState);
    QVERIFY(waitForOutput(*m, "is revoked by --client-crl-file"));
}

void tst_TlsOperations::revokedPeerCertificateIsRefused()
{
    auto tlsFlags = [&](const QString &name) {
        return QStringList{"--peer-cert-file",  path(name + ".crt"),       "--peer-key-file",
                           path(name + ".key"), "--peer-client-cert-auth", "--peer-trusted-ca-file",
                           path("ca.crt"),      "--peer-crl-file",         path("crl.pem")};
    };
    ClusterHttp::Members members =
        ClusterHttp::newCluster({"a", "b"}, tlsFlags("peer-good"), QStringLiteral("https"));
    for (auto &m : members)
        QVERIFY2(m->start(30000), m->output().constData());
    ClusterHttp http;
    QCOMPARE(http.put(members[0]->clientUrl(), "/k", "v").status, 201);

    // A peer presenting a revoked certificate (signed by the trusted CA) is cut off.
    TlsClient revoked(TlsClient::withIdentity(path("peer-revoked.crt"), path("peer-revoked.key")));
    QSignalSpy closed(&revoked.socket(), &QAbstractSocket::disconnected);
    revoked.connect(members[0]->peerPort());
    QVERIFY(closed.count() > 0 || closed.wait(10000));
    QVERIFY(waitForOutput(*members[0], "is revoked by --peer-crl-file"));
}

void tst_TlsOperations::badCrlFileIsAStartError()
{
    quint16 tlsPort = 0;
    const auto m =
        httpsMember(&tlsPort, {"--cert-file", path("server.crt"), "--key-file", path("server.key"),
                               "--client-cert-auth", "--trusted-ca-file", path("ca.crt"),
                               "--client-crl-file", path("ca.crt")});
    QVERIFY(!m->start(5000));
    QVERIFY(m->waitForExit());
    QCOMPARE(m->process().exitCode(), 1);
    QVERIFY2(m->output().contains("is not a certificate revocation list"), m->output().constData());
}

void tst_TlsOperations::unknownCipherSuiteIsAStartError()
{
    quint16 tlsPort = 0;
    const auto m = httpsMember(&tlsPort, {"--cert-file", path("server.crt"), "--key-file",
                                          path("server.key"), "--cipher-suites",
                                          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_MADE_UP"});
    QVERIFY(!m->start(5000));
    QVERIFY(m->waitForExit());
    QVERIFY(m->process().exitCode() != 0);
    QVERIFY2(m->output().contains("TLS_MADE_UP"), m->output().constData());
}

void tst_TlsOperations::cipherSuitesRestrictNegotiation()
{
    quint16 tlsPort = 0;
    const auto m =
        httpsMember(&tlsPort, {"--cert-file", path("server.crt"), "--key-file", path("server.key"),
                               "--cipher-suites", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"});
    QVERIFY2(m->start(), m->output().constData());

    QSslConfiguration tls12 = TlsClient::base();
    tls12.setProtocol(QSsl::TlsV1_2);
    TlsClient offersAll(tls12);
    QVERIFY(offersAll.connect(tlsPort));
    QCOMPARE(offersAll.socket().sessionCipher().name(),
             QStringLiteral("ECDHE-RSA-AES128-GCM-SHA256"));

    QSslConfiguration other = tls12;
    other.setCiphers({QSslCipher(QStringLiteral("ECDHE-RSA-AES256-GCM-SHA384"))});
    TlsClient offersOther(other);
    QVERIFY(!offersOther.connect(tlsPort));
}

void tst_TlsOperations::sighupReloadsCertificates()
{
    const QString cert = path("live.crt");
    const QString key = path("live.key");
    QVERIFY(copyIdentity("server", "live"));
    quint16 tlsPort = 0;
    const auto m = httpsMember(&tlsPort, {"--cert-file", cert, "--key-file", key});
    QVERIFY2(m->start(), m->output().constData());

    TlsClient old;
    QVERIFY(old.connect(tlsPort));
    const QByteArray oldSerial = old.socket().peerCertificate().serialNumber();
    QVERIFY(old.get("/version").contains("etcdserver"));

    QVERIFY(copyIdentity("server2", "live"));
    const QByteArray newSerial = serialOf("server2");
    QVERIFY(newSerial != oldSerial);

    ::kill(pid_t(m->process().processId()), SIGHUP);
    QVERIFY2(waitForOutput(*m, "reloaded TLS certificates for clients"), m->output().constData());
    QVERIFY(m->isRunning());

    TlsClient fresh;
    QVERIFY(fresh.connect(tlsPort));
    QCOMPARE(fresh.socket().peerCertificate().serialNumber(), newSerial);
    QVERIFY(fresh.get("/version").contains("etcdserver"));
    // The connection made before the reload keeps its session and still works.
    QVERIFY(old.get("/version").contains("etcdserver"));
    QCOMPARE(old.socket().peerCertificate().serialNumber(), oldSerial);
}

void tst_TlsOperations::sighupWithBrokenFilesKeepsTheOldOnes()
{
    const QString cert = path("broken.crt");
    const QString key = path("broken.key");
    QVERIFY(copyIdentity("server", "broken"));
    quint16 tlsPort = 0;
    const auto m = httpsMember(&tlsPort, {"--cert-file", cert, "--key-file", key});
    QVERIFY2(m->start(), m->output().constData());
    TlsClient before;
    QVERIFY(before.connect(tlsPort));
    const QByteArray serial = before.socket().peerCertificate().serialNumber();

    // A key that does not belong to the certificate.
    QFile::remove(key);
    QVERIFY(QFile::copy(path("server2.key"), key));
    ::kill(pid_t(m->process().processId()), SIGHUP);
    QVERIFY2(waitForOutput(*m, "cannot reload TLS certificates for clients, keeping the old ones"),
             m->output().constData());

    // Garbage instead of a certificate.
    QFile garbage(cert);
    QVERIFY(garbage.open(QIODevice::WriteOnly | QIODevice::Truncate));
    garbage.write("not a certificate\n");
    garbage.close();
    const qsizetype errorsBefore = m->output().count("cannot reload TLS certificates");
    ::kill(pid_t(m->process().processId()), SIGHUP);
    QVERIFY(QTest::qWaitFor(
        [&] { return m->output().count("cannot reload TLS certificates") > errorsBefore; }, 10000));
    QVERIFY(m->isRunning());

    TlsClient after;
    QVERIFY(after.connect(tlsPort));
    QCOMPARE(after.socket().peerCertificate().serialNumber(), serial);
    QVERIFY(after.get("/version").contains("etcdserver"));
}

void tst_TlsOperations::sighupReloadsPeerCertificates()
{
    QVERIFY(copyIdentity("server", "peer-live"));
    const QString cert = path("peer-live.crt");
    const QString key = path("peer-live.key");
    DaemonProcess m;
    m.setPeerScheme(QStringLiteral("https"));
    m.setPorts(DaemonProcess::freePort(), DaemonProcess::freePort());
    m.setExtraArguments({"--peer-cert-file", cert, "--peer-key-file", key, "--peer-trusted-ca-file",
                         path("ca.crt")});
    QVERIFY2(m.start(), m.output().constData());
    TlsClient before;
    QVERIFY(before.connect(m.peerPort()));
    const QByteArray oldSerial = before.socket().peerCertificate().serialNumber();

    QVERIFY(copyIdentity("server2", "peer-live"));
    ::kill(pid_t(m.process().processId()), SIGHUP);
    QVERIFY2(waitForOutput(m, "reloaded TLS certificates for members"), m.output().constData());
    QVERIFY(m.isRunning());

    TlsClient after;
    QVERIFY(after.connect(m.peerPort()));
    const QByteArray newSerial = after.socket().peerCertificate().serialNumber();
    QVERIFY(newSerial != oldSerial);
    QCOMPARE(newSerial, serialOf("server2"));
}

// A SIGHUP that comes before the member has installed its handler (right after its first log
// line, while it opens its data directory and listens) is ignored: the member starts anyway.
void tst_TlsOperations::sighupWhileStartingDoesNotEndTheMember()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const quint16 clientPort = DaemonProcess::freePort();
    const quint16 peerPort = DaemonProcess::freePort();
    const QString host = TestLoopback::host();
    const QString client = QStringLiteral("http://%1:%2").arg(host).arg(clientPort);
    const QString peer = QStringLiteral("http://%1:%2").arg(host).arg(peerPort);
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(DaemonProcess::binary(QStringLiteral("qetcd")),
            {"--data-dir", dir.path() + "/m", "--listen-client-urls", client,
             "--advertise-client-urls", client, "--listen-peer-urls", peer,
             "--initial-advertise-peer-urls", peer, "--initial-cluster", "default=" + peer});
    QVERIFY(p.waitForStarted());
    QByteArray out;
    QVERIFY(QTest::qWaitFor(
        [&] {
            out += p.readAll();
            return out.contains("qetcd Version") || p.state() != QProcess::Running;
        },
        10000));
    ::kill(pid_t(p.processId()), SIGHUP);
    QVERIFY2(QTest::qWaitFor(
                 [&] {
                     out += p.readAll();
                     return out.contains("leader is now") || p.state() != QProcess::Running;
                 },
                 15000),
             out.constData());
    QVERIFY2(p.state() == QProcess::Running, out.constData());
    p.terminate();
    QVERIFY(p.waitForFinished(10000));
}

QTEST_GUILESS_MAIN(tst_TlsOperations)
#include "tst_tls_operations.moc"
