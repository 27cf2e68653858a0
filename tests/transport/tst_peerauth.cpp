// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Who may speak for a member on the peer port (issue 12, item 6): with
// --peer-cert-allowed-cn only a certificate with that Common Name gets in; with client
// certificates a Hello claiming member X needs a certificate naming the host of one of X's
// peer URLs, and a refused impostor leaves X's link alone; on plain text a forged Hello cannot
// close a member's link that is in use, only one that went quiet, and the number of such
// parallel links is bounded. Certificates made for this process (TlsTestUtil.h): server.crt
// (CN this process's loopback address; SAN that address, 127.0.0.1 and localhost) and
// client.crt (CN client, no SAN), one CA. Members listen on TestLoopback's address; what
// they log as a dialer's address is 127.0.0.1, where connections on lo leave from.
#include "TlsTestUtil.h"
#include "TransportTestUtil.h"
#include "transport/Frame.h"
#include "transport/FrameReader.h"
#include "transport/Hello.h"
#include "transport/HelloAck.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslSocket>
#include <QtTest>

#include <memory>

using namespace transport;

namespace {

TransportOptions memberWith(const QString &cert, const QString &allowedCn = {})
{
    return tlsMemberOptions(certificate(cert + ".crt"), certificate(cert + ".key"),
                            certificate("ca.crt"), allowedCn);
}

// A dialer's TLS identity with the standard set's `cert` ("server", "client").
QSslConfiguration identityOf(const QString &cert)
{
    return tlsIdentity(certificate(cert + ".crt"), certificate(cert + ".key"),
                       certificate("ca.crt"));
}

// The loopback address as a regular expression, for log lines naming it.
QString hostPattern()
{
    return QRegularExpression::escape(TestLoopback::host());
}

// A hand-made dialer that says whatever Hello it is told to, over plain TCP or over TLS with
// a given certificate, and reads the listener's answer.
class RawDialer
{
public:
    explicit RawDialer(const std::optional<QSslConfiguration> &tls = std::nullopt)
    {
        if (tls) {
            auto *socket = new QSslSocket;
            socket->setSslConfiguration(*tls);
            m_socket.reset(socket);
        } else {
            m_socket = std::make_unique<QTcpSocket>();
        }
    }

    // The HelloAck, or nullopt if the connection ended without one.
    std::optional<HelloAck> hello(quint16 port, const Hello &hello)
    {
        if (auto *tls = qobject_cast<QSslSocket *>(m_socket.get())) {
            tls->connectToHostEncrypted(TestLoopback::host(), port);
            if (!QTest::qWaitFor([&] { return tls->isEncrypted() || !isOpen(); }, kWaitMs) ||
                !tls->isEncrypted())
                return std::nullopt;
        } else {
            m_socket->connectToHost(loopbackAddress(), port);
            if (!m_socket->waitForConnected(kWaitMs))
                return std::nullopt;
        }
        m_socket->write(Frame::encode(FrameType::Hello, hello.encode()));
        FrameReader reader;
        FrameReader::Status status = FrameReader::Status::NeedMore;
        const bool answered = QTest::qWaitFor(
            [&] {
                status = reader.read(m_socket.get());
                return status != FrameReader::Status::NeedMore || !isOpen();
            },
            kWaitMs);
        if (!answered || status != FrameReader::Status::FrameReady)
            return std::nullopt;
        const Frame frame = reader.takeFrame();
        return frame.type == FrameType::HelloAck ? HelloAck::decode(frame.body) : std::nullopt;
    }

    bool isOpen() const { return m_socket->state() != QAbstractSocket::UnconnectedState; }
    QTcpSocket &socket() { return *m_socket; }

private:
    std::unique_ptr<QTcpSocket> m_socket;
};

std::optional<HelloStatus> statusOf(const std::optional<HelloAck> &ack)
{
    return ack ? std::optional<HelloStatus>(ack->status) : std::nullopt;
}

// Member `dialer` has a working link to `listener`: a payload goes through, and (when
// dialerId's transport pings) its round trips are counted.
void linkWorks(Member &dialer, Member &listener, quint64 dialerId, quint64 listenerId,
               const QByteArray &payload)
{
    QCOMPARE(dialer.transport->send(listenerId, payload), SendResult::Queued);
    QTRY_VERIFY_WITH_TIMEOUT(listener.from(dialerId).contains(payload), kWaitMs);
}

} // namespace

class tst_PeerAuth : public QObject
{
    Q_OBJECT

private slots:
    void allowedCommonName_data();
    void allowedCommonName();
    void allowedCommonNameGuardsClusterInfo();
    void dialerChecksTheListenersCommonName_data();
    void dialerChecksTheListenersCommonName();
    void certificateMustNameTheClaimedMembersHost();
    void joiningMemberIsCheckedAgainstItsAddedUrls();
    void authenticatedRedialReplacesTheOldLink();
    void forgedPlainTextHelloKeepsTheRealLink();
    void quietPlainTextLinkIsReplaced();
    void unauthenticatedLinksPerMemberAreBounded();
};

void tst_PeerAuth::allowedCommonName_data()
{
    QTest::addColumn<QString>("allowedCn");
    QTest::addColumn<bool>("admitted");
    QTest::newRow("no allowed CN") << QString() << true;
    QTest::newRow("the certificate's CN") << TestLoopback::host() << true;
    QTest::newRow("another CN") << QStringLiteral("qetcd-peer") << false;
    QTest::newRow("CN prefix only")
        << TestLoopback::host().section(QLatin1Char('.'), 0, 2) << false;
}

// etcd 3.4's --peer-cert-allowed-cn: a verified certificate with another Common Name is
// refused, whatever it claims.
void tst_PeerAuth::allowedCommonName()
{
    QFETCH(QString, allowedCn);
    QFETCH(bool, admitted);
    Member b(2, kCluster, memberWith("server", allowedCn));
    b.transport->addPeer(1, {loopbackUrl(unusedPort(), "https")});
    if (!admitted)
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression("refused member 1 .*--peer-cert-allowed-cn is " +
                                                QRegularExpression::escape(allowedCn) +
                                                " but its certificate's common name is " +
                                                hostPattern()));
    RawDialer dialer(identityOf("server"));
    QCOMPARE(statusOf(dialer.hello(b.port, Hello{kCluster, 1, 2})),
             admitted ? HelloStatus::Accepted : HelloStatus::CertificateRefused);
    if (admitted)
        QCOMPARE(refusalsInAll(*b.transport), 0u);
    else
        QVERIFY(refusedOnlyFor(*b.transport, RefusalReason::AllowedCommonName, 1));
}

// The check covers the whole peer port, as etcd's (made in the TLS handshake) does.
void tst_PeerAuth::allowedCommonNameGuardsClusterInfo()
{
    Member b(2, kCluster, memberWith("server", QStringLiteral("qetcd-peer")));
    b.transport->setClusterInfoProvider([] { return QByteArray("members"); });
    PeerTransport joining(0, 0);
    joining.setOptions(memberWith("server"));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression("refused cluster information request from "
                                            "127\\.0\\.0\\.1:\\d+: --peer-cert-allowed-cn"));
    std::optional<std::optional<QByteArray>> answer;
    joining.fetchClusterInfo(b.url(), [&](std::optional<QByteArray> info) { answer = info; });
    QTRY_VERIFY_WITH_TIMEOUT(answer.has_value(), kWaitMs);
    QVERIFY(!answer->has_value());
    QVERIFY(refusedOnlyFor(*b.transport, RefusalReason::AllowedCommonName, 1));
}

void tst_PeerAuth::dialerChecksTheListenersCommonName_data()
{
    QTest::addColumn<QString>("allowedCn");
    QTest::addColumn<bool>("talks");
    QTest::newRow("the listener's CN") << TestLoopback::host() << true;
    QTest::newRow("another CN") << QStringLiteral("qetcd-peer") << false;
}

// As in etcd, the dialer applies its --peer-cert-allowed-cn to the listener's certificate.
void tst_PeerAuth::dialerChecksTheListenersCommonName()
{
    QFETCH(QString, allowedCn);
    QFETCH(bool, talks);
    Member b(2, kCluster, memberWith("server"));
    Member a(1, kCluster, memberWith("server", allowedCn));
    b.transport->addPeer(1, {a.url()});
    if (!talks)
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression("refusing peer " + hostPattern() +
                                                ":\\d+: its certificate's common name is " +
                                                hostPattern() +
                                                " but --peer-cert-allowed-cn is qetcd-peer"));
    a.transport->addPeer(2, {b.url()});
    a.transport->send(2, "from a");
    if (talks) {
        QTRY_COMPARE_WITH_TIMEOUT(b.from(1), QList<QByteArray>{"from a"}, kWaitMs);
    } else {
        QTRY_VERIFY_WITH_TIMEOUT(a.transport->stats(2).fail >= 2, kWaitMs);
        QVERIFY(!a.transport->isConnected(2));
        QVERIFY(b.received.isEmpty());
    }
}

// A certificate the CA signed for another host ("client") cannot speak for member 2, whose
// peer URL is on this process's loopback address, and trying does not disturb member 2's own link.
void tst_PeerAuth::certificateMustNameTheClaimedMembersHost()
{
    Member l(1, kCluster, memberWith("server")), b(2, kCluster, memberWith("server"));
    meet(l, 1, b, 2);
    linkWorks(b, l, 2, 1, "before");
    QVERIFY(b.transport->isConnected(1));
    QSignalSpy bLostItsLink(b.transport.get(), &PeerTransport::peerDisconnected);
    const quint64 pongsBefore = b.transport->stats(1).success;

    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression("refused member 2 \\(127\\.0\\.0\\.1:\\d+\\): its "
                                            "certificate names client, none of them the host of "
                                            "its peer URLs \\(https://" +
                                            hostPattern() + ":\\d+\\)"));
    RawDialer impostor(identityOf("client"));
    QCOMPARE(statusOf(impostor.hello(l.port, Hello{kCluster, 2, 1})),
             HelloStatus::CertificateRefused);
    QTRY_VERIFY_WITH_TIMEOUT(!impostor.isOpen(), kWaitMs);
    QCOMPARE(l.transport->refusals().count(RefusalReason::CertificateHost), 1u);
    QVERIFY(refusedOnlyFor(*l.transport, RefusalReason::CertificateHost, 1));

    // Member 2's link carried on: more round trips on it and a payload, and it never dropped.
    QTRY_VERIFY_WITH_TIMEOUT(b.transport->stats(1).success >= pongsBefore + 3, kWaitMs);
    linkWorks(b, l, 2, 1, "after");
    QCOMPARE(bLostItsLink.count(), 0);
    QCOMPARE(l.from(2), (QList<QByteArray>{"before", "after"}));
}

// A member added with `member add` is in the membership, with its peer URLs, before it first
// dials: its certificate is checked against those (here a DNS name, localhost).
void tst_PeerAuth::joiningMemberIsCheckedAgainstItsAddedUrls()
{
    Member l(1, kCluster, memberWith("server")), joining(3, kCluster, memberWith("server"));
    l.transport->addPeer(3, {QUrl("https://localhost:" + QString::number(joining.port))});
    joining.transport->addPeer(1, {l.url()});
    linkWorks(joining, l, 3, 1, "hello from the new member");

    // The same certificate cannot join under an address it does not name.
    Member stranger(4, kCluster, memberWith("client"));
    l.transport->addPeer(4, {loopbackUrl(stranger.port, "https")});
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("refused member 4 .*certificate names "
                                                          "client"));
    RawDialer dialer(identityOf("client"));
    QCOMPARE(statusOf(dialer.hello(l.port, Hello{kCluster, 4, 1})),
             HelloStatus::CertificateRefused);
}

// With client certificates a new connection that proves to be member 2 replaces member 2's
// older one: what a member that redials after a half-open connection needs.
void tst_PeerAuth::authenticatedRedialReplacesTheOldLink()
{
    Member l(1, kCluster, memberWith("server")), b(2, kCluster, memberWith("server"));
    meet(l, 1, b, 2);
    linkWorks(b, l, 2, 1, "first");
    QSignalSpy bLostItsLink(b.transport.get(), &PeerTransport::peerDisconnected);
    RawDialer redial(identityOf("server"));
    QCOMPARE(statusOf(redial.hello(l.port, Hello{kCluster, 2, 1})), HelloStatus::Accepted);
    QTRY_VERIFY_WITH_TIMEOUT(bLostItsLink.count() >= 1, kWaitMs);
    QVERIFY(redial.isOpen());
}

// Plain text proves nothing, but a forged Hello must not cut a member off: the real link,
// in use (pinged every 100 ms), stays.
void tst_PeerAuth::forgedPlainTextHelloKeepsTheRealLink()
{
    TransportOptions options = fastOptions();
    options.pingTimeoutMs = 5000; // "quiet" only after 5 s: no stall of a busy machine
    Member l(1, kCluster, options), b(2, kCluster, options);
    meet(l, 1, b, 2);
    linkWorks(b, l, 2, 1, "before");
    QSignalSpy bLostItsLink(b.transport.get(), &PeerTransport::peerDisconnected);
    const quint64 pongsBefore = b.transport->stats(1).success;

    RawDialer forger;
    QCOMPARE(statusOf(forger.hello(l.port, Hello{kCluster, 2, 1})), HelloStatus::Accepted);

    QTRY_VERIFY_WITH_TIMEOUT(b.transport->stats(1).success >= pongsBefore + 3, kWaitMs);
    linkWorks(b, l, 2, 1, "after");
    QCOMPARE(bLostItsLink.count(), 0);
    QVERIFY(forger.isOpen());
}

// A connection its dialer stopped using (no ping for pingTimeoutMs) is what a redial after a
// half-open connection leaves behind: a new Hello replaces it.
void tst_PeerAuth::quietPlainTextLinkIsReplaced()
{
    TransportOptions options = fastOptions();
    options.pingTimeoutMs = 100;
    options.inboundIdleTimeoutMs = 0; // only the new Hello may close the old connection
    Member l(1, kCluster, options);
    l.transport->addPeer(3, {});
    RawDialer gone;
    QCOMPARE(statusOf(gone.hello(l.port, Hello{kCluster, 3, 1})), HelloStatus::Accepted);
    // Not a negative check: the first connection must be quiet for longer than
    // pingTimeoutMs (100) before a new Hello may replace it, and only time makes it so.
    QTest::qWait(300);
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression("closing peer connection from "
                                                          "127\\.0\\.0\\.1:\\d+ \\(member 3\\): "
                                                          "quiet for \\d+ ms and replaced"));
    RawDialer redial;
    QCOMPARE(statusOf(redial.hello(l.port, Hello{kCluster, 3, 1})), HelloStatus::Accepted);
    QTRY_VERIFY_WITH_TIMEOUT(!gone.isOpen(), kWaitMs);
    QVERIFY(redial.isOpen());
}

// Since unauthenticated Hellos for a member add connections instead of replacing busy ones,
// their number is bounded.
void tst_PeerAuth::unauthenticatedLinksPerMemberAreBounded()
{
    TransportOptions options = fastOptions();
    options.maxInboundPerPeer = 2;
    options.pingTimeoutMs = 60000; // none of them counts as quiet
    Member l(1, kCluster, options);
    l.transport->addPeer(3, {});
    RawDialer first, second, third;
    QCOMPARE(statusOf(first.hello(l.port, Hello{kCluster, 3, 1})), HelloStatus::Accepted);
    QCOMPARE(statusOf(second.hello(l.port, Hello{kCluster, 3, 1})), HelloStatus::Accepted);
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression("refused member 3 .*already has 2 connections"));
    QCOMPARE(statusOf(third.hello(l.port, Hello{kCluster, 3, 1})), HelloStatus::TooManyConnections);
    QCOMPARE(l.transport->refusals().count(RefusalReason::TooManyConnections), 1u);
    QVERIFY(refusedOnlyFor(*l.transport, RefusalReason::TooManyConnections, 1));
    QVERIFY(first.isOpen());
    QVERIFY(second.isOpen());
}

QTEST_GUILESS_MAIN(tst_PeerAuth)
#include "tst_peerauth.moc"
