// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "transport/OutboundPeer.h"

#include "transport/Hello.h"
#include "transport/HelloAck.h"

#include "metrics/EtcdBuckets.h"
#include "transport/FileBulkReader.h"
#include "transport/PeerAddress.h"
#include "transport/PeerDialer.h"
#include "transport/TransportLogging.h"

#include <QTcpSocket>

#include <utility>

namespace transport {

namespace {
// etcd warns above a second of difference, checking every 30 s.
constexpr qint64 kClockWarningNs = 1000000000;
constexpr qint64 kClockWarningEveryNs = qint64(30) * 1000000000;

QString hexId(quint64 id)
{
    return QString::number(id, 16);
}

QString dropReason(SendResult result)
{
    switch (result) {
    case SendResult::TooLarge:
        return QStringLiteral("message too large");
    case SendResult::Invalid:
        return QStringLiteral("empty or malformed bulk payload");
    case SendResult::UnknownPeer:
        return QStringLiteral("peer removed");
    default:
        return QStringLiteral("queue full");
    }
}
} // namespace

OutboundPeer::OutboundPeer(quint64 selfId, quint64 peerId, const TransportOptions &options,
                           QObject *parent)
    : QObject(parent), m_selfId(selfId), m_peerId(peerId), m_options(options),
      m_queue(SendQueue::Limits{options.maxQueueMessages, options.maxQueueBytes,
                                options.maxMessageBytes},
              std::make_unique<FileBulkReader>()),
      m_backoff(options.backoffInitialMs, options.backoffMaxMs,
                options.randomSeed ? options.randomSeed ^ quint32(peerId) : 0),
      m_roundTrips(metrics::buckets::peerRoundTripSeconds())
{
    m_clock.start();
    m_redialTimer.setSingleShot(true);
    connect(&m_redialTimer, &QTimer::timeout, this, &OutboundPeer::dial);
    m_dialTimer.setSingleShot(true);
    connect(&m_dialTimer, &QTimer::timeout, this, [this] {
        dropConnection(
            QStringLiteral("no accepted handshake within %1 ms").arg(m_options.dialTimeoutMs),
            true);
    });
    connect(&m_pingTimer, &QTimer::timeout, this, &OutboundPeer::onPingTick);
}

OutboundPeer::~OutboundPeer()
{
    closeSocket();
}

void OutboundPeer::setClusterId(quint64 clusterId)
{
    if (clusterId == m_clusterId || m_state == State::Shutdown)
        return;
    const quint64 previous = m_clusterId;
    m_clusterId = clusterId;
    if (previous != 0 && m_socket)
        dropConnection(QStringLiteral("cluster id changed"), false);
    if (m_clusterId == 0) {
        m_redialTimer.stop();
        m_state = State::Idle;
    } else if (m_state == State::Idle) {
        dial();
    }
}

void OutboundPeer::setUrls(const QList<QUrl> &urls)
{
    QList<QUrl> valid;
    for (const QUrl &url : urls) {
        QString error;
        const std::optional<PeerAddress> address = PeerAddress::fromUrl(url, false, &error);
        if (address)
            error = PeerDialer::unusable(*address, m_options.tls);
        if (error.isEmpty())
            valid.append(url);
        else
            qCWarning(lcTransport).noquote()
                << QStringLiteral("peer %1: %2").arg(hexId(m_peerId), error);
    }
    m_urls = valid;
    m_nextUrl = 0;
    if (m_state == State::Shutdown)
        return;
    if (m_socket && !m_urls.contains(m_currentUrl))
        dropConnection(QStringLiteral("peer URLs changed"), false);
    else if (m_state == State::Idle && m_clusterId != 0)
        dial();
}

SendResult OutboundPeer::send(const QByteArray &payload, Priority priority)
{
    const SendResult result =
        m_state == State::Shutdown ? SendResult::UnknownPeer : m_queue.enqueue(payload, priority);
    if (result != SendResult::Queued)
        return refused(result, payload.size(), priority == Priority::Bulk);
    pump();
    return SendResult::Queued;
}

SendResult OutboundPeer::sendBulk(const BulkPayload &payload)
{
    const SendResult result =
        m_state == State::Shutdown ? SendResult::UnknownPeer : m_queue.enqueueBulk(payload);
    if (result != SendResult::Queued)
        return refused(result, payload.size(), true);
    pump();
    return SendResult::Queued;
}

SendResult OutboundPeer::refused(SendResult result, qint64 size, bool bulk)
{
    ++m_dropped;
    m_latency.recordFailure();
    if (!m_dropLogged) {
        m_dropLogged = true;
        qCWarning(lcTransport).noquote()
            << QStringLiteral("dropping messages for peer %1 (%2: %3 bytes, %4 queued)")
                   .arg(hexId(m_peerId), dropReason(result))
                   .arg(size)
                   .arg(m_queue.messageCount());
    }
    reportUnreachableLater();
    if (bulk)
        reportBulkFailuresLater(1);
    return result;
}

PeerStats OutboundPeer::stats() const
{
    PeerStats s;
    s.id = m_peerId;
    s.connected = isConnected();
    s.currentMs = m_latency.currentMs();
    s.averageMs = m_latency.averageMs();
    s.standardDeviationMs = m_latency.standardDeviationMs();
    s.minimumMs = m_latency.minimumMs();
    s.maximumMs = m_latency.maximumMs();
    s.success = m_latency.success();
    s.fail = m_latency.fail();
    s.clockOffsetKnown = m_clockOffset.known();
    s.clockOffsetNs = m_clockOffset.offsetNs();
    s.clockOffsetErrorNs = m_clockOffset.errorNs();
    s.queuedMessages = m_queue.messageCount();
    s.queuedBytes = m_queue.byteCount();
    s.unsentBytes = m_socket ? SocketDrain::unsentBytes(m_socket) : 0;
    s.droppedMessages = m_dropped;
    s.sentMessages = m_sentMessages;
    s.sentBytes = m_sentBytes;
    s.roundTrips = m_roundTrips.Collect();
    return s;
}

void OutboundPeer::shutdown()
{
    if (m_state == State::Shutdown)
        return;
    const bool wasConnected = isConnected();
    closeSocket();
    m_redialTimer.stop();
    m_dialTimer.stop();
    m_pingTimer.stop();
    m_queue.clear();
    m_bulkAwaitingAck = 0;
    m_state = State::Shutdown;
    if (wasConnected)
        qCInfo(lcTransport).noquote()
            << QStringLiteral("stopped sending to peer %1").arg(hexId(m_peerId));
}

void OutboundPeer::dial()
{
    if (m_state == State::Shutdown || m_socket)
        return;
    if (m_clusterId == 0 || m_urls.isEmpty()) {
        m_state = State::Idle;
        return;
    }
    m_currentUrl = m_urls.at(m_nextUrl % m_urls.size());
    m_nextUrl = (m_nextUrl + 1) % m_urls.size();
    const std::optional<PeerAddress> address = PeerAddress::fromUrl(m_currentUrl, false);
    Q_ASSERT(address); // setUrls() keeps valid URLs only

    m_reader = FrameReader(kMaxFrameBody);
    m_state = State::Connecting;
    // setUrls() keeps only URLs this configuration can dial.
    QTcpSocket *socket = PeerDialer::create(
        *address, m_options.tls, this, [this] { onSocketConnected(); }, nullptr);
    Q_ASSERT(socket);
    m_socket = socket;
    socket->setReadBufferSize(64 * 1024);
    connect(socket, &QTcpSocket::readyRead, this, &OutboundPeer::onReadyRead);
    m_drain.watch(socket, this, [this] { pump(); });
    connect(socket, &QTcpSocket::errorOccurred, this, [this, socket] {
        if (socket == m_socket)
            dropConnection(socket->errorString(), true);
    });
    connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
        if (socket == m_socket)
            dropConnection(QStringLiteral("closed by the peer"), true);
    });
    m_dialTimer.start(m_options.dialTimeoutMs);
    qCDebug(lcTransport).noquote()
        << QStringLiteral("dialing peer %1 at %2").arg(hexId(m_peerId), m_currentUrl.toString());
    PeerDialer::start(socket, *address);
}

void OutboundPeer::onSocketConnected()
{
    // Qt 6.4 ignores socket options set before the connection exists.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    m_socket->setSocketOption(QAbstractSocket::KeepAliveOption, 1);
    m_state = State::Handshaking;
    m_socket->write(
        Frame::encode(FrameType::Hello, Hello{m_clusterId, m_selfId, m_peerId}.encode()));
}

void OutboundPeer::onReadyRead()
{
    QTcpSocket *const socket = m_socket;
    while (socket && m_socket == socket) {
        const FrameReader::Status status = m_reader.read(socket);
        if (status == FrameReader::Status::NeedMore)
            return;
        if (status == FrameReader::Status::Error) {
            dropConnection(QStringLiteral("bad frame: %1").arg(m_reader.error()), true);
            return;
        }
        handleFrame(m_reader.takeFrame());
    }
}

void OutboundPeer::handleFrame(const Frame &frame)
{
    if (m_state == State::Handshaking && frame.type == FrameType::HelloAck) {
        const std::optional<HelloAck> ack = HelloAck::decode(frame.body);
        if (!ack) {
            dropConnection(QStringLiteral("malformed HelloAck"), true);
            return;
        }
        if (ack->status == HelloStatus::Accepted) {
            establish();
            return;
        }
        const QString why = QStringLiteral("refused: %1").arg(helloStatusName(ack->status));
        if (ack->status == HelloStatus::UnknownMember)
            Q_EMIT refusedAsUnknown(m_peerId);
        if (ack->status == HelloStatus::ClusterMismatch) {
            qCCritical(lcTransport).noquote()
                << QStringLiteral("peer %1 at %2 belongs to cluster %3 but this member (%4) "
                                  "belongs to cluster %5; not talking to it")
                       .arg(hexId(m_peerId), m_currentUrl.toString(), hexId(ack->clusterId),
                            hexId(m_selfId), hexId(m_clusterId));
            m_failureLogged = true;
        }
        dropConnection(why, true);
        return;
    }
    if (m_state == State::Established && frame.type == FrameType::Pong) {
        const std::optional<Frame::Pong> pong = Frame::decodePong(frame.body);
        if (!pong) {
            dropConnection(QStringLiteral("malformed Pong"), true);
            return;
        }
        const auto it = m_pingsInFlight.constFind(pong->seq);
        if (it == m_pingsInFlight.cend())
            return; // answered after its timeout: already counted as a failure
        const PingSent sent = it.value();
        const qint64 rttNs = m_clock.nsecsElapsed() - sent.monotonicNs;
        m_pingsInFlight.erase(it);
        m_pingTimeoutsInARow = 0;
        m_latency.recordSuccess(double(rttNs) / 1e6);
        m_roundTrips.Observe(double(rttNs) / 1e9);
        if (pong->wallNs) // a listener that predates the clock bit sends none
            recordClock(sent.wallNs, rttNs, *pong->wallNs);
        return;
    }
    if (m_state == State::Established && frame.type == FrameType::BulkAck) {
        if (m_bulkAwaitingAck == 0 || !frame.body.isEmpty()) {
            dropConnection(QStringLiteral("unexpected BulkAck"), true);
            return;
        }
        --m_bulkAwaitingAck;
        emit bulkSendFinished(m_peerId, true);
        return;
    }
    dropConnection(QStringLiteral("unexpected %1 frame").arg(frameTypeName(frame.type)), true);
}

void OutboundPeer::establish()
{
    m_dialTimer.stop();
    m_state = State::Established;
    m_establishedAtNs = m_clock.nsecsElapsed();
    m_pingsInFlight.clear();
    m_pingTimeoutsInARow = 0;
    if (m_failureLogged)
        qCInfo(lcTransport).noquote() << QStringLiteral("peer %1 is reachable again at %2")
                                             .arg(hexId(m_peerId), m_currentUrl.toString());
    else
        qCDebug(lcTransport).noquote() << QStringLiteral("connected to peer %1 at %2")
                                              .arg(hexId(m_peerId), m_currentUrl.toString());
    m_failureLogged = false;
    if (m_options.pingIntervalMs > 0)
        m_pingTimer.start(m_options.pingIntervalMs);
    emit connected(m_peerId);
    pump();
}

void OutboundPeer::pump()
{
    if (m_pumping)
        return;
    m_pumping = true;
    while (m_state == State::Established && !m_dropPending && !m_queue.isEmpty() &&
           SocketDrain::unsentBytes(m_socket) < m_options.writeHighWaterBytes) {
        const SendQueue::Output out = m_queue.next();
        if (!out.failure.isEmpty()) {
            // A local fault (the snapshot file), not the peer's: no failure counted for it.
            qCWarning(lcTransport).noquote()
                << QStringLiteral("cannot send a bulk payload to peer %1: %2")
                       .arg(hexId(m_peerId), out.failure);
            reportBulkFailuresLater(1);
            if (out.failedMidway)
                dropForBrokenPayload(out.failure);
            continue;
        }
        m_socket->write(out.frame);
        if (out.completedPayloadBytes >= 0) {
            ++m_sentMessages;
            m_sentBytes += quint64(out.completedPayloadBytes);
            if (out.lane == Priority::Bulk)
                ++m_bulkAwaitingAck;
            m_dropLogged = false;
            emit payloadSent(out.completedPayloadBytes);
        }
    }
    m_pumping = false;
}

void OutboundPeer::dropForBrokenPayload(const QString &why)
{
    // Deferred: pump() runs inside send(), which must not emit disconnected().
    m_dropPending = true;
    QMetaObject::invokeMethod(
        this,
        [this, socket = m_socket, why] {
            if (!m_dropPending || socket != m_socket)
                return;
            dropConnection(QStringLiteral("bulk payload cut short: %1").arg(why), false);
        },
        Qt::QueuedConnection);
}

void OutboundPeer::onPingTick()
{
    if (m_state != State::Established)
        return;
    const qint64 now = m_clock.nsecsElapsed();
    const qint64 timeoutNs = qint64(m_options.pingTimeoutMs) * 1000000;
    for (auto it = m_pingsInFlight.begin(); it != m_pingsInFlight.end();) {
        if (now - it.value().monotonicNs > timeoutNs) {
            it = m_pingsInFlight.erase(it);
            m_latency.recordFailure();
            ++m_pingTimeoutsInARow;
        } else {
            ++it;
        }
    }
    if (m_options.deadAfterPingTimeouts > 0 &&
        m_pingTimeoutsInARow >= m_options.deadAfterPingTimeouts) {
        dropConnection(QStringLiteral("%1 pings in a row unanswered").arg(m_pingTimeoutsInARow),
                       false); // each timeout was already counted
        reportUnreachableLater();
        return;
    }
    const quint64 seq = (m_nextPingSeq++ & ~kPingWantsClock) | kPingWantsClock;
    m_pingsInFlight.insert(seq, PingSent{now, ClockOffset::wallClockNs(m_options.wallClockSkewNs)});
    // Pings skip the queue and the high-water mark: they measure the path, and are tiny.
    m_socket->write(Frame::encode(FrameType::Ping, Frame::encodeSequence(seq)));
}

void OutboundPeer::recordClock(qint64 sentWallNs, qint64 rttNs, qint64 peerWallNs)
{
    m_clockOffset.record(sentWallNs, rttNs, peerWallNs);
    const qint64 now = m_clock.nsecsElapsed();
    const double offsetS = double(m_clockOffset.offsetNs()) / 1e9;
    if (m_clockOffset.exceeds(kClockWarningNs)) {
        // etcd's warning, at most once per interval per peer.
        if (m_clockWarnedAtNs < 0 || now - m_clockWarnedAtNs >= kClockWarningEveryNs) {
            qCWarning(lcTransport).noquote()
                << QStringLiteral("the clock difference against peer %1 is too high "
                                  "[%2s > 1s, +-%3s]; TTLs follow the leader's clock")
                       .arg(hexId(m_peerId))
                       .arg(offsetS, 0, 'f', 3)
                       .arg(double(m_clockOffset.errorNs()) / 1e9, 0, 'f', 3);
            m_clockWarnedAtNs = now;
            m_clockTooFar = true;
        }
    } else if (m_clockTooFar && qAbs(m_clockOffset.offsetNs()) <= kClockWarningNs) {
        qCInfo(lcTransport).noquote()
            << QStringLiteral("the clock difference against peer %1 is back within 1s [%2s]")
                   .arg(hexId(m_peerId))
                   .arg(offsetS, 0, 'f', 3);
        m_clockTooFar = false;
    }
}

void OutboundPeer::dropConnection(const QString &why, bool failure)
{
    const bool wasEstablished = m_state == State::Established;
    // Redial quickly after losing a connection that had been healthy for a while; a peer
    // that accepts and then misbehaves at once keeps backing off instead.
    if (wasEstablished &&
        m_clock.nsecsElapsed() - m_establishedAtNs >= qint64(m_options.backoffMaxMs) * 1000000)
        m_backoff.reset();
    closeSocket();
    m_dialTimer.stop();
    m_pingTimer.stop();
    m_pingsInFlight.clear();
    m_pingTimeoutsInARow = 0;
    m_dropPending = false;
    const int abandoned = m_queue.rewindPartial();
    if (failure)
        m_latency.recordFailure();
    if (const int unacked = std::exchange(m_bulkAwaitingAck, 0) + abandoned)
        reportBulkFailuresLater(unacked);

    if (wasEstablished) {
        qCWarning(lcTransport).noquote() << QStringLiteral("lost connection to peer %1 at %2: %3")
                                                .arg(hexId(m_peerId), m_currentUrl.toString(), why);
        m_failureLogged = true;
    } else if (failure && !m_failureLogged) {
        qCWarning(lcTransport).noquote() << QStringLiteral("cannot reach peer %1 at %2: %3")
                                                .arg(hexId(m_peerId), m_currentUrl.toString(), why);
        m_failureLogged = true;
    } else {
        qCDebug(lcTransport).noquote() << QStringLiteral("peer %1: %2").arg(hexId(m_peerId), why);
    }
    scheduleRedial();
    if (failure)
        reportUnreachableLater();
    if (wasEstablished)
        emit disconnected(m_peerId);
}

void OutboundPeer::scheduleRedial()
{
    if (m_state == State::Shutdown)
        return;
    if (m_clusterId == 0 || m_urls.isEmpty()) {
        m_state = State::Idle;
        return;
    }
    m_state = State::WaitingToRedial;
    m_redialTimer.start(m_backoff.nextDelayMs());
}

void OutboundPeer::reportUnreachableLater()
{
    if (m_unreachablePending)
        return;
    m_unreachablePending = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_unreachablePending = false;
            if (m_state != State::Shutdown)
                emit unreachable(m_peerId);
        },
        Qt::QueuedConnection);
}

void OutboundPeer::reportBulkFailuresLater(int count)
{
    QMetaObject::invokeMethod(
        this,
        [this, count] {
            for (int i = 0; i < count && m_state != State::Shutdown; ++i)
                emit bulkSendFinished(m_peerId, false);
        },
        Qt::QueuedConnection);
}

void OutboundPeer::closeSocket()
{
    if (!m_socket)
        return;
    QTcpSocket *socket = std::exchange(m_socket, nullptr);
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

} // namespace transport
