// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "transport/InboundConnection.h"

#include "transport/Chunk.h"
#include "transport/ClockOffset.h"
#include "transport/TransportLogging.h"

#include <QSslSocket>
#include <QTcpSocket>

namespace transport {

namespace {
// Flushing a final HelloAck/ClusterInfoResponse must not keep a socket forever.
constexpr int kLingerMs = 1000;
} // namespace

InboundConnection::InboundConnection(QTcpSocket *socket, const TransportOptions &options,
                                     QObject *parent)
    : QObject(parent), m_socket(socket), m_options(options),
      m_reader(kMaxFrameBody), m_lanes{ChunkAssembler(options.maxMessageBytes),
                                       ChunkAssembler(options.maxMessageBytes)}
{
    m_socket->setParent(this);
    m_lastFrame.start();
    m_remote =
        QStringLiteral("%1:%2").arg(m_socket->peerAddress().toString()).arg(m_socket->peerPort());
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    // Let TCP flow control push back instead of buffering a fast sender's bytes here.
    m_socket->setReadBufferSize(kFrameHeaderSize + kMaxFrameBody);

    connect(m_socket, &QTcpSocket::readyRead, this, &InboundConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &InboundConnection::finish);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError e) {
        // A refused certificate (--peer-client-cert-auth) shows up here, as a handshake error.
        const bool handshake = e == QAbstractSocket::SslHandshakeFailedError;
        if (e != QAbstractSocket::RemoteHostClosedError && m_state != State::Closing)
            qCWarning(lcTransport).noquote()
                << QStringLiteral("peer connection from %1 failed: %2%3")
                       .arg(m_remote, handshake ? QStringLiteral("TLS handshake: ") : QString(),
                            m_socket->errorString());
        if (handshake && m_state == State::AwaitingHello)
            emit tlsHandshakeFailed(this);
        finish();
    });

    m_handshakeTimer.setSingleShot(true);
    connect(&m_handshakeTimer, &QTimer::timeout, this, [this] {
        if (m_state == State::AwaitingHello)
            close(QStringLiteral("no handshake within %1 ms").arg(m_options.handshakeTimeoutMs));
        else if (m_state == State::Closing)
            finish();
    });
    m_handshakeTimer.start(m_options.handshakeTimeoutMs);

    m_idleTimer.setSingleShot(true);
    connect(&m_idleTimer, &QTimer::timeout, this, [this] {
        close(QStringLiteral("silent for %1 ms").arg(m_options.inboundIdleTimeoutMs));
    });

    // Bytes may have arrived before this object existed.
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &InboundConnection::onReadyRead, Qt::QueuedConnection);
}

InboundConnection::~InboundConnection()
{
    m_socket->disconnect(this);
    m_socket->abort();
}

QSslCertificate InboundConnection::verifiedCertificate() const
{
    const auto *tls = qobject_cast<const QSslSocket *>(m_socket);
    // Without VerifyPeer a certificate the dialer sent was not checked against the CAs.
    if (!tls || !tls->isEncrypted() || tls->peerVerifyMode() != QSslSocket::VerifyPeer)
        return QSslCertificate(); // not {}: the constructor is explicit (clang rejects it)
    return tls->peerCertificate();
}

void InboundConnection::accept(quint64 peerId, quint64 ownClusterId)
{
    if (m_state != State::AwaitingHello)
        return;
    m_peerId = peerId;
    m_state = State::Established;
    if (!m_options.bulkSpoolDir.isEmpty())
        m_spool = std::make_unique<BulkSpooler>(m_options.bulkSpoolDir, m_options.maxBulkBytes,
                                                QStringLiteral("bulk-%1").arg(peerId, 0, 16));
    m_handshakeTimer.stop();
    m_socket->write(
        Frame::encode(FrameType::HelloAck, HelloAck{HelloStatus::Accepted, ownClusterId}.encode()));
    if (m_options.inboundIdleTimeoutMs > 0)
        m_idleTimer.start(m_options.inboundIdleTimeoutMs);
    qCDebug(lcTransport).noquote()
        << QStringLiteral("accepted member %1 from %2").arg(peerId, 0, 16).arg(m_remote);
}

void InboundConnection::refuse(HelloStatus status, quint64 ownClusterId)
{
    if (m_state != State::AwaitingHello)
        return;
    closeAfterWrite(Frame::encode(FrameType::HelloAck, HelloAck{status, ownClusterId}.encode()));
}

void InboundConnection::answerClusterInfo(const std::optional<QByteArray> &info)
{
    if (m_state != State::AwaitingHello)
        return;
    QByteArray body(1, char(info ? 0 : 1));
    if (info) {
        if (info->size() + 1 > kMaxFrameBody) {
            qCWarning(lcTransport) << "cluster info of" << info->size()
                                   << "bytes does not fit in one frame; answering unavailable";
            body[0] = char(1);
        } else {
            body.append(*info);
        }
    }
    closeAfterWrite(Frame::encode(FrameType::ClusterInfoResponse, body));
}

void InboundConnection::closeAfterWrite(const QByteArray &lastFrame)
{
    m_state = State::Closing;
    m_idleTimer.stop();
    m_socket->write(lastFrame);
    m_handshakeTimer.start(kLingerMs);
    m_socket->disconnectFromHost(); // flushes, then emits disconnected() -> finish()
}

void InboundConnection::close(const QString &why)
{
    if (m_state == State::Closed)
        return;
    if (!why.isEmpty())
        qCWarning(lcTransport).noquote()
            << QStringLiteral("closing peer connection from %1%2: %3")
                   .arg(m_remote,
                        m_peerId ? QStringLiteral(" (member %1)").arg(m_peerId, 0, 16) : QString(),
                        why);
    m_socket->abort();
    finish();
}

void InboundConnection::finish()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    if (m_spool) {
        if (m_spool->inProgress())
            qCWarning(lcTransport).noquote()
                << QStringLiteral("peer connection from %1 (member %2) closed in the middle of a "
                                  "bulk payload; dropped what had arrived")
                       .arg(m_remote)
                       .arg(m_peerId, 0, 16);
        m_spool->abandon();
    }
    m_handshakeTimer.stop();
    m_idleTimer.stop();
    m_socket->disconnect(this);
    m_socket->abort();
    emit closed(this);
}

void InboundConnection::onReadyRead()
{
    if (m_state == State::Closing) {
        m_socket->readAll(); // the peer has its answer; ignore the rest
        return;
    }
    if (m_state == State::Established && m_options.inboundIdleTimeoutMs > 0)
        m_idleTimer.start(m_options.inboundIdleTimeoutMs);
    while (m_state == State::AwaitingHello || m_state == State::Established) {
        const FrameReader::Status status = m_reader.read(m_socket);
        if (status == FrameReader::Status::NeedMore)
            return;
        if (status == FrameReader::Status::Error) {
            close(QStringLiteral("bad frame: %1").arg(m_reader.error()));
            return;
        }
        m_lastFrame.restart();
        handleFrame(m_reader.takeFrame());
    }
}

void InboundConnection::handleFrame(const Frame &frame)
{
    if (m_state == State::AwaitingHello) {
        if (frame.type == FrameType::Hello) {
            const std::optional<Hello> hello = Hello::decode(frame.body);
            if (!hello) {
                close(QStringLiteral("malformed Hello"));
                return;
            }
            emit helloReceived(this, *hello);
            if (m_state == State::AwaitingHello)
                refuse(HelloStatus::NotReady, 0);
        } else if (frame.type == FrameType::ClusterInfoRequest && frame.body.isEmpty()) {
            emit clusterInfoRequested(this);
            if (m_state == State::AwaitingHello)
                answerClusterInfo(std::nullopt);
        } else {
            close(QStringLiteral("expected Hello, got %1").arg(frameTypeName(frame.type)));
        }
        return;
    }

    switch (frame.type) {
    case FrameType::Message:
        emit messageReceived(m_peerId, frame.body);
        return;
    case FrameType::Chunk:
        handleChunk(frame);
        return;
    case FrameType::Ping: {
        const std::optional<quint64> seq = Frame::decodeSequence(frame.body);
        if (!seq) {
            close(QStringLiteral("malformed Ping"));
            return;
        }
        Frame::Pong pong{*seq, std::nullopt};
        if (*seq & kPingWantsClock) // the dialer measures our clock against its own
            pong.wallNs = ClockOffset::wallClockNs(m_options.wallClockSkewNs);
        m_socket->write(Frame::encode(FrameType::Pong, Frame::encodePong(pong)));
        return;
    }
    default:
        close(QStringLiteral("unexpected %1 frame").arg(frameTypeName(frame.type)));
        return;
    }
}

void InboundConnection::handleChunk(const Frame &frame)
{
    const std::optional<Chunk> chunk = Chunk::decode(frame.body);
    if (!chunk) {
        close(QStringLiteral("malformed Chunk"));
        return;
    }
    if (chunk->lane == 1 && m_spool) {
        spoolChunk(*chunk);
        return;
    }
    ChunkAssembler &lane = m_lanes[chunk->lane];
    switch (lane.add(*chunk)) {
    case ChunkAssembler::Result::Incomplete:
        return;
    case ChunkAssembler::Result::Complete:
        emit messageReceived(m_peerId, lane.takePayload());
        if (chunk->lane == 1 && m_state == State::Established)
            m_socket->write(Frame::encode(FrameType::BulkAck));
        return;
    case ChunkAssembler::Result::Error:
        close(lane.error());
        return;
    }
}

void InboundConnection::spoolChunk(const Chunk &chunk)
{
    switch (m_spool->add(chunk)) {
    case BulkSpooler::Result::Incomplete:
        return;
    case BulkSpooler::Result::Complete: {
        const QString path = m_spool->takePath();
        m_socket->write(Frame::encode(FrameType::BulkAck));
        emit bulkReceived(m_peerId, path, qint64(chunk.total));
        return;
    }
    case BulkSpooler::Result::Error:
        close(m_spool->error());
        return;
    }
}

} // namespace transport
