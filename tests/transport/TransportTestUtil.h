// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

// Shared by the PeerTransport suites: loopback URLs, fast test options, and a member's
// transport that records what it receives. Members listen on port 0, on this process's own
// loopback address (TestLoopback; TLS members too: the test certificates name it), and
// report the port they got.
#include "TestLoopback.h"
#include "transport/PeerTransport.h"

#include <QObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>

#include <memory>

namespace transport {

inline constexpr quint64 kCluster = 0xc1u;
inline constexpr int kWaitMs = 15000; // generous: CI machines are shared

// Where members listen: TestLoopback::address().
inline QHostAddress loopbackAddress()
{
    return TestLoopback::address();
}

inline QUrl loopbackUrl(quint16 port, const QString &scheme = QStringLiteral("http"))
{
    return TestLoopback::url(port, scheme);
}

// A port that nothing listens on right now at loopbackAddress(), and that nothing outside
// this process can take later (TestLoopback).
inline quint16 unusedPort()
{
    const quint16 port = TestLoopback::freePort(loopbackAddress());
    if (port == 0)
        qFatal("cannot find a free loopback port");
    return port;
}

inline TransportOptions fastOptions()
{
    TransportOptions options;
    options.backoffInitialMs = 20;
    options.backoffMaxMs = 200;
    options.dialTimeoutMs = 2000;
    options.randomSeed = 42;
    return options;
}

// One member's transport plus what it received, in order. It listens on https when the
// options carry a TLS server configuration.
struct Member
{
    std::unique_ptr<PeerTransport> transport;
    QList<QPair<quint64, QByteArray>> received;
    quint16 port = 0;
    QString scheme;

    Member(quint64 id, quint64 cluster, const TransportOptions &options = fastOptions(),
           quint16 listenPort = 0)
        : transport(std::make_unique<PeerTransport>(id, cluster)),
          scheme(options.tls.server ? QStringLiteral("https") : QStringLiteral("http"))
    {
        transport->setOptions(options);
        QString error;
        if (!transport->listen({loopbackUrl(listenPort, scheme)}, &error))
            qFatal("listen failed: %s", qPrintable(error));
        port = transport->listeningPorts().value(0);
        QObject::connect(transport.get(), &PeerTransport::messageReceived, transport.get(),
                         [this](quint64 from, const QByteArray &payload) {
                             received.append({from, payload});
                         });
    }
    QUrl url() const { return loopbackUrl(port, scheme); }
    QHostAddress address() const { return loopbackAddress(); }
    QList<QByteArray> from(quint64 id) const
    {
        QList<QByteArray> out;
        for (const auto &[sender, payload] : received)
            if (sender == id)
                out.append(payload);
        return out;
    }
};

// Connects a raw socket to a member's peer port, writes `bytes` (maybe none), and says
// whether the member closed the connection within kWaitMs: what a handshake timeout does
// to a dialer that never completes its side.
inline bool closedWithoutHandshake(const Member &member, const QByteArray &bytes)
{
    QTcpSocket raw;
    raw.connectToHost(member.address(), member.port);
    if (!raw.waitForConnected(kWaitMs))
        return false;
    raw.write(bytes);
    return QTest::qWaitFor([&] { return raw.state() == QAbstractSocket::UnconnectedState; },
                           kWaitMs);
}

// Whether `transport` has refused connections on its port for `reason` at least `atLeast`
// times and for no other reason (what its /metrics would show).
inline bool refusedOnlyFor(const PeerTransport &transport, RefusalReason reason,
                           quint64 atLeast = 1)
{
    const PeerRefusals refusals = transport.refusals();
    for (int i = 0; i < kRefusalReasonCount; ++i) {
        const auto r = RefusalReason(i);
        if (r == reason ? refusals.count(r) < atLeast : refusals.count(r) != 0)
            return false;
    }
    return true;
}

inline quint64 refusalsInAll(const PeerTransport &transport)
{
    quint64 all = 0;
    for (const quint64 n : transport.refusals().counts)
        all += n;
    return all;
}

inline void meet(Member &a, quint64 aId, Member &b, quint64 bId)
{
    a.transport->addPeer(bId, {b.url()});
    b.transport->addPeer(aId, {a.url()});
}

} // namespace transport
