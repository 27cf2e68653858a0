// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// TLS between members (https peer URLs): payloads flow both ways over TLS with client
// certificates required; a plain-text dialer, a dialer with no or an untrusted
// certificate, and a listener whose certificate the dialer does not trust all get
// nothing through, and each refusal is logged; an unfinished TLS handshake times out;
// https without a TLS configuration is refused up front. Certificates made for this process
// (TlsTestUtil.h): the members' CA and a stranger's from another CA.
#include "TlsTestUtil.h"
#include "TransportTestUtil.h"
#include "transport/Frame.h"
#include "transport/Hello.h"

#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpSocket>
#include <QtTest>

using namespace transport;

namespace {

QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

QSslConfiguration identity(const QString &cert, const QString &key)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    if (!cert.isEmpty()) {
        tls.setLocalCertificateChain(QSslCertificate::fromData(readFile(cert), QSsl::Pem));
        tls.setPrivateKey(QSslKey(readFile(key), QSsl::Rsa, QSsl::Pem));
        if (tls.privateKey().isNull())
            qFatal("no RSA key in %s", qPrintable(key));
    }
    return tls;
}

// A member's TLS as the daemon builds it from --peer-cert-file, --peer-key-file,
// --peer-trusted-ca-file and --peer-client-cert-auth.
PeerTls peerTls(const QString &cert, const QString &key, const QString &trustedCa)
{
    const QList<QSslCertificate> cas = QSslCertificate::fromData(readFile(trustedCa), QSsl::Pem);
    PeerTls tls;
    if (!cert.isEmpty()) {
        QSslConfiguration server = identity(cert, key);
        server.setCaCertificates(cas);
        server.setPeerVerifyMode(QSslSocket::VerifyPeer);
        tls.server = server;
    }
    QSslConfiguration client = identity(cert, key);
    client.setCaCertificates(cas);
    client.setPeerVerifyMode(QSslSocket::VerifyPeer);
    tls.client = client;
    return tls;
}

TransportOptions withTls(const PeerTls &tls)
{
    TransportOptions options = fastOptions();
    options.tls = tls;
    return options;
}

TransportOptions trustedMember()
{
    return withTls(
        peerTls(certificate("server.crt"), certificate("server.key"), certificate("ca.crt")));
}

} // namespace

class tst_PeerTls : public QObject
{
    Q_OBJECT

private slots:
    void membersExchangeOverTls();
    void plainTextDialerGetsNothing();
    void unfinishedTlsHandshakeTimesOut();
    void dialerRefusedByTheListener_data();
    void dialerRefusedByTheListener();
    void untrustedListenerIsNotTalkedTo();
    void httpsNeedsTlsConfiguration();
};

void tst_PeerTls::membersExchangeOverTls()
{
    Member a(1, kCluster, trustedMember()), b(2, kCluster, trustedMember());
    QCOMPARE(a.url().scheme(), QStringLiteral("https"));
    meet(a, 1, b, 2);
    for (int i = 0; i < 50; ++i) {
        a.transport->send(2, "a" + QByteArray::number(i));
        b.transport->send(1, "b" + QByteArray::number(i));
    }
    QTRY_COMPARE_WITH_TIMEOUT(b.received.size(), 50, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(a.received.size(), 50, kWaitMs);
    for (int i = 0; i < 50; ++i) {
        QCOMPARE(b.received.at(i).second, "a" + QByteArray::number(i));
        QCOMPARE(a.received.at(i).second, "b" + QByteArray::number(i));
    }
    QVERIFY(a.transport->isConnected(2));
    QVERIFY(b.transport->isConnected(1));

    // A joining member asks for the cluster's membership over TLS too.
    b.transport->setClusterInfoProvider([] { return QByteArray("members"); });
    PeerTransport joining(0, 0);
    joining.setOptions(trustedMember());
    std::optional<std::optional<QByteArray>> answer;
    joining.fetchClusterInfo(b.url(), [&](std::optional<QByteArray> info) { answer = info; });
    QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), kWaitMs);
    QCOMPARE(answer->value_or("failed"), QByteArray("members"));
}

void tst_PeerTls::plainTextDialerGetsNothing()
{
    Member b(2, kCluster, trustedMember());
    b.transport->addPeer(1, {});
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression("peer connection from 127\\.0\\.0\\.1:\\d+ failed"));
    QTcpSocket raw;
    raw.connectToHost(b.address(), b.port);
    QVERIFY(raw.waitForConnected(kWaitMs));
    raw.write(Frame::encode(FrameType::Hello, Hello{kCluster, 1, 2}.encode()));
    raw.write(Frame::encode(FrameType::Message, "plain text"));
    QTRY_COMPARE_WITH_TIMEOUT(raw.state(), QAbstractSocket::UnconnectedState, kWaitMs);
    // Whatever came back is a TLS alert, not a HelloAck frame.
    QVERIFY(!raw.readAll().startsWith(char(kProtocolVersion)));
    QVERIFY(b.received.isEmpty());
    QVERIFY(refusedOnlyFor(*b.transport, RefusalReason::TlsHandshake, 1));
}

// A socket that never completes TLS is held no longer than one that never says Hello:
// accepted TLS sockets are handed to the transport at once, not after the handshake.
void tst_PeerTls::unfinishedTlsHandshakeTimesOut()
{
    TransportOptions options = trustedMember();
    options.handshakeTimeoutMs = 200;
    Member b(2, kCluster, options);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("no handshake within 200 ms"));
    QVERIFY(closedWithoutHandshake(b, {}));
}

void tst_PeerTls::dialerRefusedByTheListener_data()
{
    QTest::addColumn<QString>("cert");
    QTest::addColumn<QString>("key");
    QTest::newRow("no certificate") << QString() << QString();
    QTest::newRow("certificate from another CA")
        << certificate("stranger.crt") << certificate("stranger.key");
}

// --peer-client-cert-auth: the listener wants a certificate signed by its trusted CA.
void tst_PeerTls::dialerRefusedByTheListener()
{
    QFETCH(QString, cert);
    QFETCH(QString, key);
    Member b(2, kCluster, trustedMember());
    b.transport->addPeer(1, {});
    // The dialer itself trusts b's certificate; only b can refuse.
    PeerTransport c(1, kCluster);
    c.setOptions(withTls(peerTls(cert, key, certificate("ca.crt"))));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression("peer connection from 127\\.0\\.0\\.1:\\d+ failed"));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("cannot reach peer 2 at https://"));
    c.addPeer(2, {b.url()});
    c.send(2, "must not arrive");
    QTRY_VERIFY_WITH_TIMEOUT(c.stats(2).fail >= 2, kWaitMs);
    QVERIFY(!c.isConnected(2));
    QCOMPARE(c.stats(2).queuedMessages, 1);
    QVERIFY(b.received.isEmpty());
    // b counted each refused handshake (/metrics), the first and a redial.
    QVERIFY(refusedOnlyFor(*b.transport, RefusalReason::TlsHandshake, 2));
}

// The dialer checks the listener's certificate against its own trusted CA.
void tst_PeerTls::untrustedListenerIsNotTalkedTo()
{
    Member b(2, kCluster,
             withTls(peerTls(certificate("stranger.crt"), certificate("stranger.key"),
                             certificate("ca.crt"))));
    b.transport->addPeer(1, {});
    PeerTransport c(1, kCluster);
    c.setOptions(trustedMember());
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression("cannot reach peer 2 at https://.*certificate"));
    c.addPeer(2, {b.url()});
    c.send(2, "must not arrive");
    QTRY_VERIFY_WITH_TIMEOUT(c.stats(2).fail >= 2, kWaitMs);
    QVERIFY(!c.isConnected(2));
    QVERIFY(b.received.isEmpty());
}

void tst_PeerTls::httpsNeedsTlsConfiguration()
{
    Member b(2, kCluster, trustedMember());
    PeerTransport plain(1, kCluster);
    plain.setOptions(fastOptions());
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression("peer 2: https peer URLs need TLS between members"));
    plain.addPeer(2, {b.url()});
    plain.send(2, "must not arrive");
    // A marker: a member with TLS dials b after that send and its message arrives; the plain
    // one, had it dialed, would have been connected by then.
    Member c(3, kCluster, trustedMember());
    meet(c, 3, b, 2);
    c.transport->send(2, "marker");
    QTRY_COMPARE_WITH_TIMEOUT(b.from(3).size(), 1, kWaitMs);
    QVERIFY(!plain.isConnected(2));
    QCOMPARE(b.received.size(), 1);

    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression("cannot fetch cluster information from https://.*TLS"));
    std::optional<std::optional<QByteArray>> answer;
    plain.fetchClusterInfo(b.url(), [&](std::optional<QByteArray> info) { answer = info; });
    QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), kWaitMs);
    QVERIFY(!answer->has_value());
}

QTEST_GUILESS_MAIN(tst_PeerTls)
#include "tst_peertls.moc"
