// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace testsupport {

// Test-only TLS material, made for this test process with the openssl CLI (QProcess) in a
// temporary directory that goes away with the object, so certificates can name the process's
// own loopback address (TestLoopback::host()) and TLS members listen there like every other
// member of the suite.
//
// standard() is the set most suites use, made once per process on first use:
// - ca.crt / ca.key: the CA the members trust (CN ca).
// - server.crt / server.key: RSA 2048, CN TestLoopback::host(), SAN IP TestLoopback::host(),
//   IP 127.0.0.1 and DNS localhost, and no extended key usage, so it serves both ends of a
//   peer link (TLS server and TLS client).
// - client.crt / client.key: RSA 2048, CN client, no SAN, no extended key usage: a
//   certificate the CA signed for some other host.
// - stranger-ca.crt, stranger.crt / stranger.key: what a stranger presents, from an
//   unrelated CA (CN stranger-ca) that nobody trusts: named like server.crt (same SAN,
//   no extended key usage), so the unknown CA is the only thing wrong with it.
// Keys are RSA (the tests load them as QSsl::Rsa); certificates are valid for 30 days.
//
// Suites that need other kinds (tst_client_tls: key kinds, digests, a SHA-1 CA) make their
// own in a fresh object with makeCa() and makeCertificate().
//
// Threading: the test's thread only. standard() fails the process (qFatal) if openssl is
// missing or fails: no TLS test could run without it.
class TestCertificates
{
public:
    // What makeCertificate() puts in a leaf certificate.
    struct Leaf
    {
        QString commonName;
        QStringList ipAddresses; // IP subject alternative names
        QStringList dnsNames;    // DNS subject alternative names
        // e.g. "serverAuth,clientAuth"; empty: no extended key usage (any purpose).
        QString extendedKeyUsage;
        // e.g. "digitalSignature,keyEncipherment"; empty: no key usage extension.
        QString keyUsage;
        // "rsa:2048", "rsa:4096", "ec:P-256", "ec:P-384", ...
        QString keyKind = QStringLiteral("rsa:2048");
        QString digest = QStringLiteral("sha256"); // "sha256", "sha384", "sha1", ...
    };

    TestCertificates();

    // The standard set (above), made on first use.
    static const TestCertificates &standard();
    // What standard()'s server certificate names: TestLoopback::host(), 127.0.0.1, localhost.
    static Leaf serverLeaf(const QString &commonName);

    bool isValid() const { return m_dir.isValid(); }
    QString dir() const { return m_dir.path(); }
    // Absolute path of `file` ("server.crt") in the directory.
    QString path(const QString &file) const { return m_dir.filePath(file); }

    // <name>.crt and <name>.key: a self-signed CA (CN `name`) with a key of `keyKind`,
    // signed with `digest`. False (and a warning with openssl's output) on failure.
    bool makeCa(const QString &name, const QString &keyKind = QStringLiteral("rsa:2048"),
                const QString &digest = QStringLiteral("sha256"));
    // <name>.crt and <name>.key: `leaf` signed by the CA <ca>.crt/<ca>.key with leaf.digest.
    bool makeCertificate(const QString &name, const QString &ca, const Leaf &leaf);
    // Runs `openssl args...` in the directory (for material the makers above do not make, such
    // as revocation lists). False (and a warning with openssl's output) on failure.
    bool openssl(const QStringList &args);

private:
    QTemporaryDir m_dir;
    int m_serial = 1;
};

} // namespace testsupport
