// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QCoreApplication>
#include <QHostAddress>
#include <QSet>
#include <QString>
#include <QTcpServer>
#include <QUrl>

// This test process's own loopback address, so suites that `ctest -j` runs side by side can
// never be handed the same port: Linux routes all of 127.0.0.0/8 to lo, and a port bound on
// 127.A.B.C is not taken by a process that binds 127.0.0.1 or any other 127.X.Y.Z. The address
// is derived from the pid (at most 2^22 on Linux, so 22 bits suffice): 127.(1..64).B.C, never
// 127.0.0.1 and never the /8's broadcast, and two processes alive at once never share it.
// Everything a test binds or starts a member on uses host()/address(), and ports come from
// freePort() below, which probes on that address.
//
// TLS members too: the test certificates are made per process and name this address
// (TestCertificates.h). What listens on 127.0.0.1 (in-process servers of a few suites) takes
// port 0 and asks the server what it got.
//
// Connections to host() leave from 127.0.0.1 (lo's primary address), so what a member logs
// as the remote address of a test's connection is still 127.0.0.1.
//
// Threading: host() is computed once; freePort() is for the test's thread only.
namespace TestLoopback {

inline QString host()
{
    static const QString address = [] {
        const quint32 pid = quint32(QCoreApplication::applicationPid()) & 0x3fffffu;
        return QStringLiteral("127.%1.%2.%3")
            .arg(1 + (pid >> 16))
            .arg((pid >> 8) & 0xffu)
            .arg(pid & 0xffu);
    }();
    return address;
}

inline QHostAddress address()
{
    return QHostAddress(host());
}

// "<scheme>://<host()>:<port>"
inline QUrl url(quint16 port, const QString &scheme = QStringLiteral("http"))
{
    return QUrl(QStringLiteral("%1://%2:%3").arg(scheme, host()).arg(port));
}

// A port free on `on` a moment ago, never the same one twice in this process (members of one
// cluster take their ports up front, one probe after another, and the kernel may offer a port
// again once its probe has closed). On address() nothing outside this process can take it
// meanwhile.
inline quint16 freePort(const QHostAddress &on = address())
{
    static QSet<QPair<QString, quint16>> handedOut;
    for (int attempt = 0; attempt < 100; ++attempt) {
        QTcpServer probe;
        if (!probe.listen(on, 0))
            return 0;
        const QPair<QString, quint16> key{on.toString(), probe.serverPort()};
        if (!handedOut.contains(key)) {
            handedOut.insert(key);
            return probe.serverPort();
        }
    }
    return 0;
}

} // namespace TestLoopback
