#include "ClientHandoff.h"

#include "ConnectionGuard.h"
#include "TlsStart.h"

#include <QLoggingCategory>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

#include <memory>
#include <utility>

#include <unistd.h>

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

namespace {
// A request is refused after this many sweeps found it stuck: the timeout
// is then met within a quarter of itself.
constexpr int kStuckSweeps = 4;
} // namespace

ClientHandoff::ClientHandoff(qint64 maxBodyBytes, int requestTimeoutMs, int firstByteTimeoutMs,
                             std::shared_ptr<std::atomic<int>> connections, QObject *parent)
    : QTcpServer(parent), m_maxBodyBytes(maxBodyBytes), m_firstByteTimeoutMs(firstByteTimeoutMs),
      m_connections(std::move(connections))
{
    // One coarse timer per thread rather than one per connection: nothing
    // is done per request. A child, so it moves to the client thread with us.
    if (requestTimeoutMs > 0) {
        m_sweeping = true;
        auto *sweepTimer = new QTimer(this);
        sweepTimer->setInterval(qMax(1, requestTimeoutMs / kStuckSweeps));
        connect(sweepTimer, &QTimer::timeout, this, [this] {
            m_guards.removeAll(nullptr);
            const auto guards = m_guards; // a sweep may close (and so delete) connections
            for (const QPointer<ConnectionGuard> &guard : guards) {
                if (guard)
                    guard->sweep(kStuckSweeps);
            }
        });
        sweepTimer->start();
    }
    // Bursts of new connections (benchmarks, reconnect storms) must not be refused.
    setMaxPendingConnections(1024);
}

void ClientHandoff::adopt(qintptr descriptor, const std::optional<QSslConfiguration> &tls)
{
    QSslSocket *tlsSocket = tls ? new QSslSocket(this) : nullptr;
    QTcpSocket *socket = tlsSocket ? tlsSocket : new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcHttp) << "cannot adopt a client connection:" << socket->errorString();
        delete socket;
        ::close(int(descriptor));
        m_connections->fetch_sub(1);
        return;
    }
    // Released when the client goes, not when Qt deletes the socket a loop
    // turn later: a client that reconnects at once must find its thread free.
    auto release = [counter = m_connections, counted = std::make_shared<bool>(true)] {
        if (std::exchange(*counted, false))
            counter->fetch_sub(1);
    };
    connect(socket, &QAbstractSocket::disconnected, this, release);
    connect(socket, &QObject::destroyed, this, release);
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    auto *guard = new ConnectionGuard(socket, m_maxBodyBytes, m_firstByteTimeoutMs);
    if (m_sweeping)
        m_guards.append(guard);
    if (!tlsSocket) {
        // Emits pendingConnectionAvailable, which Qt HttpServer 6.4 listens to.
        addPendingConnection(socket);
        return;
    }
    tlsSocket->setSslConfiguration(*tls);
    new TlsStart(tlsSocket, [this, tlsSocket] { addPendingConnection(tlsSocket); });
}
