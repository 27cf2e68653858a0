#include "ConnectionGuard.h"

#include "HttpWire.h"
#include "RequestHead.h"
#include "api/HttpResponse.h"

#include <QLoggingCategory>
#include <QSslSocket>
#include <QTimer>

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, qint64 maxBodyBytes, int firstByteTimeoutMs)
    : QObject(socket), m_socket(socket), m_tlsSocket(qobject_cast<QSslSocket *>(socket)),
      m_peer(socket->peerAddress().toString()), m_maxBodyBytes(maxBodyBytes)
{
    setObjectName(QStringLiteral("qetcd-connection-guard"));
    connect(socket, &QTcpSocket::readyRead, this, &ConnectionGuard::inspect);
    if (firstByteTimeoutMs > 0) {
        m_firstByteTimer = new QTimer(this);
        m_firstByteTimer->setSingleShot(true);
        m_firstByteTimer->setInterval(firstByteTimeoutMs);
        connect(m_firstByteTimer, &QTimer::timeout, this, &ConnectionGuard::firstByteMissing);
        m_firstByteTimer->start();
    }
}

void ConnectionGuard::firstByteMissing()
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

ConnectionGuard *ConnectionGuard::of(QTcpSocket *socket)
{
    return socket ? socket->findChild<ConnectionGuard *>(QString(), Qt::FindDirectChildrenOnly)
                  : nullptr;
}

void ConnectionGuard::requestDone()
{
    m_atRequestStart = true;
    m_headersSeen = false;
    m_bytesInRequest = 0;
    ++m_requestsDone;
}

void ConnectionGuard::sweep(int stuckSweeps)
{
    if (m_rejected || m_bytesInRequest == 0) {
        m_stuckSweeps = 0;
        return;
    }
    if (m_sweptRequest != m_requestsDone) {
        m_sweptRequest = m_requestsDone;
        m_stuckSweeps = 0;
    }
    if (++m_stuckSweeps >= stuckSweeps)
        reject(408, "request timeout");
}

void ConnectionGuard::serveInTurn(std::function<void()> serve)
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

void ConnectionGuard::writeAnswer(const QByteArray &bytes, bool complete, bool closeAfter)
{
    if (!bytes.isEmpty())
        m_socket->write(bytes);
    if (!complete)
        return;
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
        QMetaObject::invokeMethod(this, &ConnectionGuard::serveNext, Qt::QueuedConnection);
    }
}

void ConnectionGuard::serveNext()
{
    if (m_waiting.isEmpty()) {
        m_answering = false;
        return;
    }
    const std::function<void()> serve = m_waiting.takeFirst();
    serve();
}

void ConnectionGuard::inspect()
{
    // Before the handshake a TLS socket reports the raw bytes: they are TlsStart's.
    if (m_tlsSocket && m_tlsSocket->mode() == QSslSocket::UnencryptedMode)
        return;
    if (m_firstByteTimer && m_socket->bytesAvailable() > 0) {
        delete m_firstByteTimer;
        m_firstByteTimer = nullptr;
    }
    if (m_rejected) {
        // Drain and drop whatever a refused client keeps sending.
        m_socket->skip(m_socket->bytesAvailable());
        return;
    }
    const qint64 available = m_socket->bytesAvailable();
    if (available <= 0)
        return;
    m_bytesInRequest += available;
    if (m_headersSeen) {
        // Body bytes only count: they are not looked at (nor copied).
        // Bodies without Content-Length (chunked) are bounded by the running total.
        if (m_bytesInRequest > m_maxBodyBytes + maxHeaderBytes)
            reject(413, "request body too large");
        return;
    }
    // Only the head matters here, and no more of it than the header limit; a
    // typical request fits the stack buffer, so looking costs no allocation.
    char stackBuffer[4096];
    QByteArray large;
    char *data = stackBuffer;
    const qint64 wanted = qMin(available, maxHeaderBytes + 4);
    if (wanted > qint64(sizeof stackBuffer)) {
        large.resize(wanted);
        data = large.data();
    }
    const qint64 got = m_socket->peek(data, wanted);
    if (got <= 0)
        return;
    const QByteArrayView fresh(data, got);
    if (m_atRequestStart) {
        m_atRequestStart = false;
        m_http10 = RequestHead::isHttp10(fresh);
    }

    const std::optional<RequestHead> head = RequestHead::parse(fresh);
    if (!head) {
        if (m_bytesInRequest > maxHeaderBytes)
            reject(431, "request headers too large");
        return;
    }
    m_headersSeen = true;
    if (head->contentLength > m_maxBodyBytes) {
        reject(413, "request body too large");
        return;
    }
    const qint64 bodyHere = available - head->bytes;
    if (head->contentLength > bodyHere && head->expectContinue)
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");
}

void ConnectionGuard::reject(int status, const QByteArray &message)
{
    qCWarning(lcHttp) << "refusing request from" << m_socket->peerAddress().toString() << ":"
                      << message;
    m_rejected = true;
    HttpResponse r;
    r.status = status;
    r.addHeader("Content-Type", "application/json");
    r.body = "{\"message\":\"" + message + "\"}";
    m_socket->write(HttpWire::response(r, false, true));
    m_socket->skip(m_socket->bytesAvailable());
    m_socket->disconnectFromHost();
}
