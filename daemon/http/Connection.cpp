// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "Connection.h"

#include "HttpWire.h"
#include "KernelSend.h"
#include "api/HttpResponse.h"

#include <QLoggingCategory>
#include <QSslSocket>
#include <QTimer>

namespace http {

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

Connection::Connection(QTcpSocket *socket, qint64 maxBodyBytes, int firstByteTimeoutMs)
    : QObject(socket), m_socket(socket), m_tlsSocket(qobject_cast<QSslSocket *>(socket)),
      m_peer(socket->peerAddress().toString()), m_limits(maxBodyBytes)
{
    setObjectName(QStringLiteral("qetcd-connection"));
    connect(socket, &QTcpSocket::readyRead, this, &Connection::inspect);
    if (firstByteTimeoutMs > 0) {
        m_firstByteTimer = new QTimer(this);
        m_firstByteTimer->setSingleShot(true);
        m_firstByteTimer->setInterval(firstByteTimeoutMs);
        connect(m_firstByteTimer, &QTimer::timeout, this, &Connection::firstByteMissing);
        m_firstByteTimer->start();
    }
}

void Connection::firstByteMissing()
{
    const QString &peer = m_peer;
    const int ms = m_firstByteTimer->interval();
    if (m_tlsSocket && !m_tlsSocket->isEncrypted())
        qCWarning(lcHttp).noquote()
            << QStringLiteral("closing the connection from %1: no TLS handshake within %2 ms")
                   .arg(peer)
                   .arg(ms);
    else
        qCDebug(lcHttp).noquote() << QStringLiteral(
                                         "closing the connection from %1: no request within %2 ms")
                                         .arg(peer)
                                         .arg(ms);
    m_socket->abort();
    m_socket->deleteLater(); // also when it was closed before (a failed handshake)
}

Connection *Connection::of(QTcpSocket *socket)
{
    return socket ? socket->findChild<Connection *>(QString(), Qt::FindDirectChildrenOnly)
                  : nullptr;
}

void Connection::sweep(int stuckSweeps)
{
    act(m_limits.sweep(stuckSweeps));
}

void Connection::serveInTurn(std::function<void()> serve)
{
    if (!m_answering) {
        m_answering = true;
        serve();
        return;
    }
    if (m_waiting.size() >= maxWaitingRequests) {
        qCWarning(lcHttp) << "dropping" << m_socket->peerAddress().toString() << ": more than"
                          << maxWaitingRequests << "requests pipelined behind an unfinished answer";
        m_waiting.clear();
        m_socket->abort();
        return;
    }
    m_waiting.append(std::move(serve));
}

void Connection::writeAnswer(const QByteArray &bytes, bool complete, bool closeAfter)
{
    if (!bytes.isEmpty())
        write(bytes);
    if (!complete)
        return;
    // An answer goes to the kernel now, not at the socket's next write
    // notification: on a client thread with thousands of watch streams that
    // turn comes after their events (and costs two epoll_ctl calls).
    m_socket->flush();
    m_answering = false;
    if (closeAfter) {
        m_waiting.clear();
        m_socket->disconnectFromHost();
        return;
    }
    if (!m_waiting.isEmpty()) {
        // Not from inside the writer's stack: the next request may be
        // answered at once and complete in turn.
        m_answering = true;
        QMetaObject::invokeMethod(this, &Connection::serveNext, Qt::QueuedConnection);
    }
}

void Connection::write(const QByteArray &bytes)
{
    // Straight to the kernel when Qt holds nothing unsent for the socket (so order is kept) and
    // the connection is plain TCP (TLS bytes go through the socket's session). Qt would copy the
    // bytes into a write buffer of 32 KiB that each socket then keeps for its whole life, mostly
    // untouched: with 10,000 idle watchers that was 300 MB allocated (bench/README "Scale",
    // session 31). What the kernel does not take (a full send buffer), or an error, goes through
    // Qt as before, which then reports the error or waits for the socket to drain.
    qsizetype sent = 0;
    const qintptr fd = m_socket->socketDescriptor();
    if (!m_tlsSocket && fd >= 0 && m_socket->bytesToWrite() == 0 &&
        m_socket->state() == QAbstractSocket::ConnectedState) {
        sent = sendWhatTheKernelTakes(int(fd), bytes.constData(), bytes.size());
    }
    if (sent == 0)
        m_socket->write(bytes);
    else if (sent < bytes.size())
        m_socket->write(bytes.constData() + sent, bytes.size() - sent);
}

void Connection::serveNext()
{
    if (m_waiting.isEmpty()) {
        m_answering = false;
        return;
    }
    const std::function<void()> serve = m_waiting.takeFirst();
    serve();
}

void Connection::inspect()
{
    // Before the handshake a TLS socket reports the raw bytes: they are TlsStart's.
    if (m_tlsSocket && m_tlsSocket->mode() == QSslSocket::UnencryptedMode)
        return;
    if (m_firstByteTimer && m_socket->bytesAvailable() > 0) {
        delete m_firstByteTimer;
        m_firstByteTimer = nullptr;
    }
    if (m_limits.refused()) {
        // Drain and drop whatever a refused client keeps sending.
        m_socket->skip(m_socket->bytesAvailable());
        return;
    }
    const qint64 available = m_socket->bytesAvailable();
    if (available <= 0)
        return;
    if (!m_limits.wantsHead()) {
        act(m_limits.take(available, {}));
        return;
    }
    // Only the head matters, and no more of it than the header limit; a
    // typical request fits the stack buffer, so looking costs no allocation.
    char stackBuffer[4096];
    QByteArray large;
    char *data = stackBuffer;
    const qint64 wanted = qMin(available, RequestLimits::maxHeaderBytes + 4);
    if (wanted > qint64(sizeof stackBuffer)) {
        large.resize(wanted);
        data = large.data();
    }
    const qint64 got = m_socket->peek(data, wanted);
    act(m_limits.take(available, QByteArrayView(data, qMax<qint64>(got, 0))));
}

void Connection::act(const RequestLimits::Verdict &verdict)
{
    switch (verdict.action) {
    case RequestLimits::Verdict::Action::None:
        return;
    case RequestLimits::Verdict::Action::SendContinue:
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
        return;
    case RequestLimits::Verdict::Action::Refuse:
        break;
    }
    qCWarning(lcHttp) << "refusing request from" << m_socket->peerAddress().toString() << ":"
                      << verdict.message;
    api::HttpResponse r;
    r.status = verdict.status;
    r.addHeader("Content-Type", "application/json");
    r.body = "{\"message\":\"" + verdict.message + "\"}";
    m_socket->write(HttpWire::response(r, false, true));
    m_socket->skip(m_socket->bytesAvailable());
    m_socket->disconnectFromHost();
}

} // namespace http
