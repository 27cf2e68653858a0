// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "TestCertificates.h"

#include "TestLoopback.h"

#include <QDebug>
#include <QFile>
#include <QProcess>

namespace testsupport {

TestCertificates::TestCertificates() = default;

TestCertificates::Leaf TestCertificates::serverLeaf(const QString &commonName)
{
    Leaf leaf;
    leaf.commonName = commonName;
    leaf.ipAddresses = {TestLoopback::host(), QStringLiteral("127.0.0.1")};
    leaf.dnsNames = {QStringLiteral("localhost")};
    return leaf;
}

const TestCertificates &TestCertificates::standard()
{
    // Removed with its directory at exit (static destruction).
    static TestCertificates set;
    static const bool made = [] {
        Leaf client;
        client.commonName = QStringLiteral("client");
        return set.isValid() && set.makeCa(QStringLiteral("ca")) &&
               set.makeCertificate(QStringLiteral("server"), QStringLiteral("ca"),
                                   serverLeaf(TestLoopback::host())) &&
               set.makeCertificate(QStringLiteral("client"), QStringLiteral("ca"), client) &&
               set.makeCa(QStringLiteral("stranger-ca")) &&
               set.makeCertificate(QStringLiteral("stranger"), QStringLiteral("stranger-ca"),
                                   serverLeaf(TestLoopback::host()));
    }();
    if (!made)
        qFatal("cannot make the test certificates with openssl (see the warning above)");
    return set;
}

bool TestCertificates::openssl(const QStringList &args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.setWorkingDirectory(m_dir.path());
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning() << "openssl" << args << "failed:" << p.errorString() << p.readAll();
        return false;
    }
    return true;
}

bool TestCertificates::makeCa(const QString &name, const QString &keyKind, const QString &digest)
{
    return openssl({"req", "-x509", "-newkey", keyKind, "-nodes", "-" + digest, "-days", "30",
                    "-subj", "/CN=" + name, "-keyout", name + ".key", "-out", name + ".crt",
                    "-addext", "basicConstraints=critical,CA:TRUE", "-addext",
                    "keyUsage=keyCertSign,cRLSign"});
}

bool TestCertificates::makeCertificate(const QString &name, const QString &ca, const Leaf &leaf)
{
    QStringList alternatives;
    for (const QString &ip : leaf.ipAddresses)
        alternatives << QStringLiteral("IP:") + ip;
    for (const QString &dns : leaf.dnsNames)
        alternatives << QStringLiteral("DNS:") + dns;
    QByteArray extensions;
    if (!alternatives.isEmpty())
        extensions += "subjectAltName=" + alternatives.join(QLatin1Char(',')).toLatin1() + '\n';
    if (!leaf.extendedKeyUsage.isEmpty())
        extensions += "extendedKeyUsage=" + leaf.extendedKeyUsage.toLatin1() + '\n';
    if (!leaf.keyUsage.isEmpty())
        extensions += "keyUsage=" + leaf.keyUsage.toLatin1() + '\n';

    QStringList newKey{"-newkey", leaf.keyKind};
    if (leaf.keyKind.startsWith(QLatin1String("ec:"))) // "ec:P-256": openssl wants the curve so
        newKey = {"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:" + leaf.keyKind.mid(3)};
    if (!openssl(QStringList{"req", "-new", "-nodes"} + newKey +
                 QStringList{"-subj", "/CN=" + leaf.commonName, "-keyout", name + ".key", "-out",
                             name + ".csr"}))
        return false;
    QStringList sign{"x509",
                     "-req",
                     "-in",
                     name + ".csr",
                     "-CA",
                     ca + ".crt",
                     "-CAkey",
                     ca + ".key",
                     "-set_serial",
                     QString::number(m_serial++),
                     "-days",
                     "30",
                     "-" + leaf.digest,
                     "-out",
                     name + ".crt"};
    if (!extensions.isEmpty()) {
        QFile ext(path(name + ".ext"));
        if (!ext.open(QIODevice::WriteOnly) || ext.write(extensions) != extensions.size())
            return false;
        sign << "-extfile" << name + ".ext";
    }
    return openssl(sign);
}

} // namespace testsupport
