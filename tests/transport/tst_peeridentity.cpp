// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// PeerIdentity: which hosts a certificate names (the binding of a peer's certificate to the
// member id its Hello claims) and its Common Name (--peer-cert-allowed-cn). The certificates
// are made by openssl in a temporary directory: self-signed, since the chain is checked by TLS
// before PeerIdentity is asked.
#include "transport/PeerIdentity.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace transport;

namespace {

// A throw-away self-signed certificate with this subject and, when given, this
// subjectAltName extension (openssl syntax); a null certificate if openssl fails.
QSslCertificate makeCertificate(const QTemporaryDir &dir, const QString &name,
                                const QString &subject, const QString &altNames)
{
    QStringList args{"req",
                     "-x509",
                     "-newkey",
                     "rsa:2048",
                     "-nodes",
                     "-days",
                     "1",
                     "-subj",
                     subject,
                     "-keyout",
                     dir.filePath(name + ".key"),
                     "-out",
                     dir.filePath(name + ".crt")};
    if (!altNames.isEmpty())
        args << "-addext"
             << "subjectAltName=" + altNames;
    QProcess openssl;
    openssl.start("openssl", args);
    if (!openssl.waitForFinished(60000) || openssl.exitCode() != 0) {
        qWarning("openssl failed: %s", openssl.readAllStandardError().constData());
        return QSslCertificate();
    }
    const auto certificates = QSslCertificate::fromPath(dir.filePath(name + ".crt"));
    return certificates.value(0);
}

} // namespace

class tst_PeerIdentity : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void namesHost_data();
    void namesHost();
    void namesHostOfAnyUrl();
    void commonNames();

private:
    QTemporaryDir m_dir;
    QHash<QString, QSslCertificate> m_certificates;
};

void tst_PeerIdentity::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const struct
    {
        const char *name, *subject, *altNames;
    } specs[] = {
        {"sans", "/CN=ignored.example.net",
         "DNS:*.example.com,DNS:Member1.Example.org,IP:10.0.0.1,IP:::1"},
        {"cn-only", "/CN=member2.example.org", ""},
        {"cn-address", "/CN=10.0.0.3", ""},
        {"wide-wildcard", "/CN=x", "DNS:*.com"},
    };
    for (const auto &spec : specs) {
        const QSslCertificate c = makeCertificate(m_dir, spec.name, spec.subject, spec.altNames);
        QVERIFY2(!c.isNull(), spec.name);
        m_certificates.insert(spec.name, c);
    }
}

void tst_PeerIdentity::namesHost_data()
{
    QTest::addColumn<QString>("certificate");
    QTest::addColumn<QString>("host");
    QTest::addColumn<bool>("named");
    QTest::newRow("wildcard, one label") << "sans"
                                         << "a.example.com" << true;
    QTest::newRow("wildcard, two labels") << "sans"
                                          << "a.b.example.com" << false;
    QTest::newRow("wildcard, bare domain") << "sans"
                                           << "example.com" << false;
    QTest::newRow("DNS, other case, trailing dot") << "sans"
                                                   << "member1.example.ORG." << true;
    QTest::newRow("DNS, other host") << "sans"
                                     << "member9.example.org" << false;
    QTest::newRow("CN ignored when there are SANs") << "sans"
                                                    << "ignored.example.net" << false;
    QTest::newRow("IPv4") << "sans"
                          << "10.0.0.1" << true;
    QTest::newRow("other IPv4") << "sans"
                                << "10.0.0.2" << false;
    QTest::newRow("IPv6, other spelling") << "sans"
                                          << "0:0:0:0:0:0:0:1" << true;
    QTest::newRow("empty host") << "sans"
                                << "" << false;
    QTest::newRow("CN only") << "cn-only"
                             << "MEMBER2.example.org" << true;
    QTest::newRow("CN only, other host") << "cn-only"
                                         << "member3.example.org" << false;
    QTest::newRow("CN holding an address") << "cn-address"
                                           << "10.0.0.3" << true;
    QTest::newRow("CN address is no DNS name") << "cn-address"
                                               << "10.0.0.30" << false;
    QTest::newRow("*.com names nobody") << "wide-wildcard"
                                        << "example.com" << false;
}

void tst_PeerIdentity::namesHost()
{
    QFETCH(QString, certificate);
    QFETCH(QString, host);
    QFETCH(bool, named);
    QCOMPARE(PeerIdentity::namesHost(m_certificates.value(certificate), host), named);
}

void tst_PeerIdentity::namesHostOfAnyUrl()
{
    const QSslCertificate c = m_certificates.value("sans");
    QVERIFY(PeerIdentity::namesHostOfAny(
        c, {QUrl("https://10.9.9.9:2380"), QUrl("https://[::1]:2380")}));
    QVERIFY(!PeerIdentity::namesHostOfAny(c, {QUrl("https://10.9.9.9:2380")}));
    QVERIFY(!PeerIdentity::namesHostOfAny(c, {}));
    QVERIFY(!PeerIdentity::namesHost(QSslCertificate(), "10.0.0.1"));
}

void tst_PeerIdentity::commonNames()
{
    QCOMPARE(PeerIdentity::commonNames(m_certificates.value("cn-only")),
             QStringList{"member2.example.org"});
    QCOMPARE(PeerIdentity::hostNames(m_certificates.value("cn-only")),
             QStringList{"member2.example.org"});
    QCOMPARE(PeerIdentity::hostNames(m_certificates.value("sans")).size(), 4);
}

QTEST_GUILESS_MAIN(tst_PeerIdentity)
#include "tst_peeridentity.moc"
