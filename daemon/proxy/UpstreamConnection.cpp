// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "UpstreamConnection.h"

#include <QLoggingCategory>
#include <QSslSocket>

namespace server::proxy {

Q_DECLARE_LOGGING_CATEGORY(lcProxy)

namespace {
// Bytes Qt may hold unread from one member connection: with pause(), the most a slow client
// makes the proxy keep per stream on this side.
constexpr qint64 readBufferBytes = 256 * 1024;
} // namespace

UpstreamConnection::UpstreamConnection(const Director::Endpoint &endpoint, const Timeouts &timeouts,
                                       const std::optional<QSslConfiguration> &tls, QObject *parent)
    : QObject(parent), m_key(endpoint.key), m_url(endpoint.url), m_timeouts(timeouts),
      m_socket(nullptr)
{
    const bool https = m_url.scheme() == QLatin1String("https");
    if (https) {
        auto *ssl = new QSslSocket(this);
        if (tls)
            ssl->setSslConfiguration(*tls);
        m_socket = ssl;
        connect(ssl, &QSslSocket::encrypted, this, &UpstreamConnection::connected);
    } else {
        m_socket = new QTcpSocket(this);
        connect(m_socket, &QTcpSocket::connected, this, &UpstreamConnection::connected);
    }
    m_socket->setReadBufferSize(readBufferBytes);
    connect(m_socket, &QTcpSocket::readyRead, this, &UpstreamConnection::readable);
    m_drain.watch(m_socket, this, [this] { bytesWritten(); });
    connect(m_socket, &QTcpSocket::disconnected, this,
            [this] { socketClosed(QStringLiteral("connection closed by the member")); });
    connect(m_socket, &QTcpSocket::errorOccurred, this,
            [this] { socketClosed(m_socket->errorString()); });
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &UpstreamConnection::timedOut);
}

UpstreamConnection::~UpstreamConnection()
{
    m_sink = nullptr;
    m_socket->disconnect(this);
    m_socket->abort();
}

bool UpstreamConnection::reusable() const
{
    return !m_sink && m_connected && m_socket->state() == QAbstractSocket::ConnectedState;
}

void UpstreamConnection::send(const QByteArray &request, bool headRequest, Sink *sink)
{
    m_sink = sink;
    m_reader = ResponseReader(headRequest);
    m_received = 0;
    m_paused = false;
    if (!m_connected) {
        m_pendingRequest = request;
        if (m_socket->state() == QAbstractSocket::UnconnectedState) {
            const quint16 port =
                quint16(m_url.port(m_url.scheme() == QLatin1String("https") ? 443 : 80));
            if (auto *ssl = qobject_cast<QSslSocket *>(m_socket))
                ssl->connectToHostEncrypted(m_url.host(), port);
            else
                m_socket->connectToHost(m_url.host(), port);
        }
        m_timerPhase = Phase::Dial;
        if (m_timeouts.dialMs > 0)
            m_timer.start(m_timeouts.dialMs);
        return;
    }
    m_socket->write(request);
    // Out now, not when the event loop next polls for writability: one wake-up less per request.
    m_socket->flush();
    bytesWritten();
}

void UpstreamConnection::connected()
{
    m_connected = true;
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    m_timer.stop();
    if (!m_sink)
        return;
    m_socket->write(m_pendingRequest);
    m_socket->flush();
    m_pendingRequest.clear();
    bytesWritten();
}

void UpstreamConnection::bytesWritten()
{
    if (!m_sink || !m_connected)
        return;
    if (transport::SocketDrain::unsentBytes(m_socket) > 0) {
        // Still draining: the write timeout runs (restarted by progress, as etcd's per-write
        // deadline).
        m_timerPhase = Phase::Write;
        if (m_timeouts.writeMs > 0)
            m_timer.start(m_timeouts.writeMs);
        else
            m_timer.stop();
        return;
    }
    if (m_timerPhase == Phase::Dial || m_timerPhase == Phase::Write ||
        m_timerPhase == Phase::Idle) {
        m_timerPhase = Phase::Read;
        if (m_timeouts.readMs > 0 && !m_paused)
            m_timer.start(m_timeouts.readMs);
        else
            m_timer.stop();
    }
}

void UpstreamConnection::readable()
{
    if (!m_sink) {
        // Bytes on an idle connection: the member broke the protocol; not reused.
        if (m_socket->bytesAvailable() > 0)
            m_socket->abort();
        return;
    }
    if (m_paused)
        return;
    if (m_timerPhase == Phase::Read && m_timeouts.readMs > 0)
        m_timer.start(m_timeouts.readMs);
    const QByteArray data = m_socket->readAll();
    if (data.isEmpty())
        return;
    m_received += data.size();
    const bool hadHead = m_reader.headDone();
    m_body.clear();
    const ResponseReader::State state = m_reader.feed(data, &m_body);
    if (state == ResponseReader::State::Error) {
        fail(!hadHead, QStringLiteral("malformed response"));
        return;
    }
    // The sink may abandon this connection (its client left) in any call: checked after each.
    Sink *sink = m_sink;
    if (!hadHead && m_reader.headDone()) {
        sink->upstreamHead(m_reader);
        if (m_sink != sink)
            return;
    }
    if (!m_body.isEmpty()) {
        sink->upstreamBody(m_body);
        if (m_sink != sink)
            return;
    }
    if (state == ResponseReader::State::Done) {
        m_timer.stop();
        m_timerPhase = Phase::Idle;
        ++m_completed;
        m_sink = nullptr;
        if (!m_reader.keepAlive())
            m_socket->disconnectFromHost();
        sink->upstreamDone();
    }
}

void UpstreamConnection::pause()
{
    m_paused = true;
    m_timer.stop();
}

void UpstreamConnection::resume()
{
    if (!m_paused)
        return;
    m_paused = false;
    if (m_timerPhase == Phase::Read && m_timeouts.readMs > 0)
        m_timer.start(m_timeouts.readMs);
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &UpstreamConnection::readable, Qt::QueuedConnection);
    else if (m_socket->state() != QAbstractSocket::ConnectedState)
        socketClosed(QStringLiteral("connection closed by the member"));
}

void UpstreamConnection::abandon()
{
    m_sink = nullptr;
    m_timer.stop();
    m_socket->abort();
}

void UpstreamConnection::socketClosed(const QString &why)
{
    m_timer.stop();
    if (!m_sink) {
        Q_EMIT closedWhileIdle(this);
        return;
    }
    // Bytes still unread (a paused stream) are handed on before the end is.
    if (m_paused && m_socket->bytesAvailable() > 0)
        return;
    if (m_socket->bytesAvailable() > 0)
        readable();
    if (!m_sink)
        return;
    const bool hadHead = m_reader.headDone();
    if (m_reader.closed() == ResponseReader::State::Done) {
        Sink *sink = m_sink;
        m_sink = nullptr;
        ++m_completed;
        sink->upstreamDone();
        return;
    }
    fail(!hadHead && m_received == 0, why);
}

void UpstreamConnection::timedOut()
{
    switch (m_timerPhase) {
    case Phase::Dial:
        fail(true, QStringLiteral("dial timeout"));
        return;
    case Phase::Write:
        fail(true, QStringLiteral("write timeout"));
        return;
    case Phase::Read:
        fail(!m_reader.headDone() && m_received == 0, QStringLiteral("read timeout"));
        return;
    case Phase::Idle:
        return;
    }
}

void UpstreamConnection::fail(bool nothingReceived, const QString &why)
{
    Sink *sink = m_sink;
    m_sink = nullptr;
    m_timer.stop();
    m_socket->disconnect(this);
    m_socket->abort();
    m_connected = false;
    if (sink)
        sink->upstreamFailed(nothingReceived, why);
}

} // namespace server::proxy
