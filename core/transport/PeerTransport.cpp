// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "transport/PeerTransport.h"

#include "transport/ClusterInfoFetcher.h"
#include "transport/InboundConnection.h"
#include "transport/OutboundPeer.h"
#include "transport/PeerAddress.h"
#include "transport/PeerIdentity.h"
#include "transport/PeerServer.h"
#include "transport/TransportLogging.h"

#include <QSslCertificate>
#include <QTcpServer>
#include <QTcpSocket>

#include <algorithm>

namespace transport {

namespace {
QString hexId(quint64 id)
{
    return QString::number(id, 16);
}
} // namespace

PeerTransport::PeerTransport(quint64 selfId, quint64 clusterId, QObject *parent)
    : PeerNetwork(parent), m_selfId(selfId), m_clusterId(clusterId)
{
    m_clock.start();
}

PeerTransport::~PeerTransport()
{
    // Children die after this body; make sure none of them calls back into a half-gone
    // transport while closing its socket.
    for (QObject *child : children())
        child->disconnect(this);
}

void PeerTransport::setOptions(const TransportOptions &options)
{
    m_options = options;
}

void PeerTransport::setClusterId(quint64 clusterId)
{
    if (clusterId == m_clusterId)
        return;
    const quint64 previous = m_clusterId;
    m_clusterId = clusterId;
    qCInfo(lcTransport).noquote()
        << QStringLiteral("member %1 now in cluster %2").arg(hexId(m_selfId), hexId(clusterId));
    if (previous != 0)
        closeInbound(
            [](InboundConnection *c) {
                return c->state() == InboundConnection::State::Established;
            },
            QStringLiteral("cluster id changed"));
    for (OutboundPeer *peer : std::as_const(m_peers))
        peer->setClusterId(clusterId);
}

bool PeerTransport::listen(const QList<QUrl> &peerUrls, QString *error)
{
    auto failWith = [&](const QString &why) {
        qDeleteAll(m_servers);
        m_servers.clear();
        if (error)
            *error = why;
        qCWarning(lcTransport).noquote() << why;
        return false;
    };
    if (!m_servers.isEmpty() || m_stopped)
        return failWith(QStringLiteral("the peer transport is already listening or stopped"));
    if (peerUrls.isEmpty())
        return failWith(QStringLiteral("no peer URL to listen on"));

    for (const QUrl &url : peerUrls) {
        QString why;
        const std::optional<PeerAddress> address = PeerAddress::fromUrl(url, true, &why);
        if (!address)
            return failWith(why);
        const std::optional<QHostAddress> bind = address->bindAddress();
        if (!bind)
            return failWith(
                QStringLiteral("peer URL %1: listen host must be an IP address or localhost")
                    .arg(url.toString()));
        if (address->tls && !m_options.tls.server)
            return failWith(QStringLiteral("peer URL %1: https needs a certificate and key "
                                           "(--peer-cert-file, --peer-key-file)")
                                .arg(url.toString()));
        auto *server =
            new PeerServer(address->tls ? std::optional(m_options.tls) : std::nullopt, this);
        if (!server->listen(*bind, address->port)) {
            const QString reason = server->errorString();
            delete server;
            return failWith(
                QStringLiteral("cannot listen for peers on %1: %2").arg(url.toString(), reason));
        }
        connect(server, &QTcpServer::newConnection, this,
                [this, server] { onNewConnection(server); });
        m_servers.append(server);
        qCInfo(lcTransport).noquote()
            << QStringLiteral("listening for peers on %1:%2%3")
                   .arg(bind->toString())
                   .arg(server->serverPort())
                   .arg(server->isTls() ? QStringLiteral(" (TLS)") : QString());
    }
    return true;
}

QList<quint16> PeerTransport::listeningPorts() const
{
    QList<quint16> ports;
    for (const QTcpServer *server : m_servers)
        ports.append(server->serverPort());
    return ports;
}

void PeerTransport::stop()
{
    m_stopped = true;
    qDeleteAll(m_servers);
    m_servers.clear();
    closeInbound([](InboundConnection *) { return true; }, QString());
    for (OutboundPeer *peer : std::as_const(m_peers))
        peer->shutdown();
}

void PeerTransport::addPeer(quint64 id, const QList<QUrl> &peerUrls)
{
    if (m_stopped)
        return;
    if (id == 0 || id == m_selfId) {
        qCWarning(lcTransport).noquote()
            << QStringLiteral("ignoring peer id %1 (own id or zero)").arg(hexId(id));
        return;
    }
    if (m_peers.contains(id)) {
        updatePeer(id, peerUrls);
        return;
    }
    auto *peer = new OutboundPeer(m_selfId, id, m_options, this);
    connect(peer, &OutboundPeer::connected, this, &PeerTransport::peerConnected);
    connect(peer, &OutboundPeer::disconnected, this, &PeerTransport::peerDisconnected);
    connect(peer, &OutboundPeer::unreachable, this, &PeerTransport::peerUnreachable);
    connect(peer, &OutboundPeer::bulkSendFinished, this, &PeerTransport::bulkSendFinished);
    connect(peer, &OutboundPeer::refusedAsUnknown, this, &PeerTransport::refusedAsUnknown);
    connect(peer, &OutboundPeer::payloadSent, this,
            [this](qint64 bytes) { m_sendRate.record(nowMs(), bytes); });
    m_peers.insert(id, peer);
    peer->setUrls(peerUrls);
    peer->setClusterId(m_clusterId);
}

void PeerTransport::updatePeer(quint64 id, const QList<QUrl> &peerUrls)
{
    if (OutboundPeer *peer = m_peers.value(id))
        peer->setUrls(peerUrls);
    else
        qCWarning(lcTransport).noquote()
            << QStringLiteral("cannot update unknown peer %1").arg(hexId(id));
}

void PeerTransport::removePeer(quint64 id)
{
    m_receivedBytesFrom.remove(id);
    OutboundPeer *peer = m_peers.take(id);
    if (!peer)
        return;
    // Deferred deletion: we may be inside one of its signals.
    peer->disconnect(this);
    peer->shutdown();
    peer->deleteLater();
    closeInbound([id](InboundConnection *c) { return c->peerId() == id; },
                 QStringLiteral("member removed"));
}

QList<quint64> PeerTransport::peers() const
{
    QList<quint64> ids = m_peers.keys();
    std::sort(ids.begin(), ids.end());
    return ids;
}

QList<QUrl> PeerTransport::peerUrls(quint64 id) const
{
    const OutboundPeer *peer = m_peers.value(id);
    return peer ? peer->urls() : QList<QUrl>();
}

bool PeerTransport::isConnected(quint64 id) const
{
    const OutboundPeer *peer = m_peers.value(id);
    return peer && peer->isConnected();
}

SendResult PeerTransport::send(quint64 to, const QByteArray &payload, Priority priority)
{
    OutboundPeer *peer = m_peers.value(to);
    if (!peer) {
        qCDebug(lcTransport).noquote() << QStringLiteral("no peer %1 to send to").arg(hexId(to));
        return SendResult::UnknownPeer;
    }
    return peer->send(payload, priority);
}

SendResult PeerTransport::sendBulk(quint64 to, const BulkPayload &payload)
{
    OutboundPeer *peer = m_peers.value(to);
    if (!peer) {
        qCDebug(lcTransport).noquote() << QStringLiteral("no peer %1 to send to").arg(hexId(to));
        return SendResult::UnknownPeer;
    }
    return peer->sendBulk(payload);
}

PeerStats PeerTransport::stats(quint64 id) const
{
    PeerStats s;
    if (const OutboundPeer *peer = m_peers.value(id))
        s = peer->stats();
    else
        s.id = id;
    s.receivedBytes = m_receivedBytesFrom.value(id);
    return s;
}

TrafficStats PeerTransport::trafficStats() const
{
    const qint64 now = nowMs();
    TrafficStats t;
    t.sentMessages = m_sendRate.totalEvents();
    t.sentBytes = m_sendRate.totalBytes();
    t.sendMessageRate = m_sendRate.eventsPerSecond(now);
    t.sendByteRate = m_sendRate.bytesPerSecond(now);
    t.receivedMessages = m_receiveRate.totalEvents();
    t.receivedBytes = m_receiveRate.totalBytes();
    t.receiveMessageRate = m_receiveRate.eventsPerSecond(now);
    t.receiveByteRate = m_receiveRate.bytesPerSecond(now);
    return t;
}

void PeerTransport::resetPeerStats()
{
    for (OutboundPeer *peer : std::as_const(m_peers))
        peer->resetLatency();
}

void PeerTransport::setClusterInfoProvider(std::function<QByteArray()> provider)
{
    m_clusterInfoProvider = std::move(provider);
}

void PeerTransport::fetchClusterInfo(const QUrl &peerUrl,
                                     std::function<void(std::optional<QByteArray>)> callback)
{
    auto *fetcher = new ClusterInfoFetcher(peerUrl, m_options.fetchTimeoutMs, m_options.tls,
                                           std::move(callback), this);
    fetcher->start();
}

void PeerTransport::onNewConnection(QTcpServer *server)
{
    while (QTcpSocket *socket = server->nextPendingConnection()) {
        const auto pending = std::count_if(m_inbound.cbegin(), m_inbound.cend(), [](auto *c) {
            return c->state() == InboundConnection::State::AwaitingHello;
        });
        if (pending >= m_options.maxPendingInbound) {
            qCWarning(lcTransport).noquote()
                << QStringLiteral("refusing peer connection from %1: too many connections "
                                  "without a handshake")
                       .arg(socket->peerAddress().toString());
            m_refusals.add(RefusalReason::TooManyPending);
            socket->abort();
            socket->deleteLater();
            continue;
        }
        auto *connection = new InboundConnection(socket, m_options, this);
        connect(connection, &InboundConnection::helloReceived, this, &PeerTransport::onHello);
        connect(connection, &InboundConnection::tlsHandshakeFailed, this,
                [this] { m_refusals.add(RefusalReason::TlsHandshake); });
        connect(
            connection, &InboundConnection::clusterInfoRequested, this,
            [this](InboundConnection *c) {
                const bool allowed = commonNameAllowed(
                    c,
                    QStringLiteral("cluster information request from %1").arg(c->remoteAddress()));
                c->answerClusterInfo(allowed && m_clusterInfoProvider
                                         ? std::optional<QByteArray>(m_clusterInfoProvider())
                                         : std::nullopt);
            });
        connect(connection, &InboundConnection::messageReceived, this,
                &PeerTransport::onInboundMessage);
        connect(connection, &InboundConnection::bulkReceived, this, &PeerTransport::onInboundBulk);
        connect(connection, &InboundConnection::closed, this, &PeerTransport::onInboundClosed);
        m_inbound.insert(connection);
    }
}

bool PeerTransport::commonNameAllowed(InboundConnection *connection, const QString &who)
{
    const QString &allowed = m_options.tls.allowedCommonName;
    if (allowed.isEmpty())
        return true;
    const QSslCertificate certificate = connection->verifiedCertificate();
    if (!certificate.isNull() && PeerIdentity::commonNames(certificate).contains(allowed))
        return true;
    qCWarning(lcTransport).noquote()
        << QStringLiteral("refused %1: --peer-cert-allowed-cn is %2 but its certificate's "
                          "common name is %3")
               .arg(who, allowed,
                    certificate.isNull()
                        ? QStringLiteral("(no verified certificate)")
                        : PeerIdentity::commonNames(certificate).join(QLatin1Char(',')));
    m_refusals.add(RefusalReason::AllowedCommonName);
    return false;
}

void PeerTransport::refuse(InboundConnection *connection, HelloStatus status, RefusalReason reason)
{
    m_refusals.add(reason);
    connection->refuse(status, m_clusterId);
}

void PeerTransport::onHello(InboundConnection *connection, const Hello &hello)
{
    const QString who =
        QStringLiteral("member %1 (%2)").arg(hexId(hello.from), connection->remoteAddress());
    if (!commonNameAllowed(connection, who)) {
        connection->refuse(HelloStatus::CertificateRefused, m_clusterId); // counted there
    } else if (hello.to != m_selfId) {
        qCWarning(lcTransport).noquote()
            << QStringLiteral("refused %1: it wants member %2 but this is %3")
                   .arg(who, hexId(hello.to), hexId(m_selfId));
        refuse(connection, HelloStatus::WrongMember, RefusalReason::WrongMember);
    } else if (m_clusterId == 0) {
        qCInfo(lcTransport).noquote()
            << QStringLiteral("refused %1: cluster id not known yet").arg(who);
        refuse(connection, HelloStatus::NotReady, RefusalReason::ClusterIdNotKnown);
    } else if (hello.clusterId != m_clusterId) {
        qCCritical(lcTransport).noquote()
            << QStringLiteral("refused %1: it belongs to cluster %2 but this member belongs to "
                              "cluster %3")
                   .arg(who, hexId(hello.clusterId), hexId(m_clusterId));
        refuse(connection, HelloStatus::ClusterMismatch, RefusalReason::OtherCluster);
    } else if (!m_peers.contains(hello.from)) {
        qCWarning(lcTransport).noquote()
            << QStringLiteral("refused %1: not a member of this cluster").arg(who);
        refuse(connection, HelloStatus::UnknownMember, RefusalReason::NotAMember);
    } else {
        admit(connection, hello.from, who);
    }
}

void PeerTransport::admit(InboundConnection *connection, quint64 from, const QString &who)
{
    // A verified certificate (--peer-client-cert-auth) speaks for member `from` only if it
    // names the host of one of that member's peer URLs, as the membership knows them: the
    // same check every dialer makes of the listener's certificate. A member that was just
    // added (member add) is in the membership with its peer URLs before it first dials.
    const QSslCertificate certificate = connection->verifiedCertificate();
    const bool authenticated = !certificate.isNull();
    if (authenticated && !PeerIdentity::namesHostOfAny(certificate, peerUrls(from))) {
        QStringList urls;
        for (const QUrl &url : peerUrls(from))
            urls.append(url.toString());
        qCWarning(lcTransport).noquote()
            << QStringLiteral("refused %1: its certificate names %2, none of them the host of "
                              "its peer URLs (%3)")
                   .arg(who, PeerIdentity::hostNames(certificate).join(QLatin1Char(',')),
                        urls.join(QLatin1Char(',')));
        refuse(connection, HelloStatus::CertificateRefused, RefusalReason::CertificateHost);
        return;
    }

    // The member's other connections. A member redials after losing its connection, and
    // the old one may be half-open. An authenticated newcomer is that member, so it
    // replaces them all. Without authentication (plain text, or TLS without client
    // certificates) anyone can claim any id: the newcomer may only replace connections
    // that have gone quiet (the real dialer pings far more often than pingTimeoutMs), so
    // that a forged Hello cannot cut a member off; ones still in use stay beside it and end
    // on their own (the dialer's FIN or the idle timeout).
    QList<InboundConnection *> others;
    for (InboundConnection *c : std::as_const(m_inbound))
        if (c != connection && c->peerId() == from &&
            c->state() == InboundConnection::State::Established)
            others.append(c);
    qsizetype kept = 0;
    for (InboundConnection *old : std::as_const(others)) {
        if (authenticated || old->quietMs() > m_options.pingTimeoutMs)
            old->close(authenticated ? QString()
                                     : QStringLiteral("quiet for %1 ms and replaced by a new "
                                                      "connection from %2")
                                           .arg(old->quietMs())
                                           .arg(connection->remoteAddress()));
        else
            ++kept;
    }
    if (kept >= m_options.maxInboundPerPeer) {
        qCWarning(lcTransport).noquote()
            << QStringLiteral("refused %1: it already has %2 connections in use")
                   .arg(who)
                   .arg(kept);
        refuse(connection, HelloStatus::TooManyConnections, RefusalReason::TooManyConnections);
        return;
    }
    if (kept > 0)
        qCInfo(lcTransport).noquote()
            << QStringLiteral("accepted another connection from %1 and kept its %2 connection(s) "
                              "in use: without peer client certificates the transport cannot "
                              "tell which one is genuine")
                   .arg(who)
                   .arg(kept);
    connection->accept(from, m_clusterId);
}

void PeerTransport::onInboundClosed(InboundConnection *connection)
{
    m_inbound.remove(connection);
    connection->deleteLater();
}

void PeerTransport::onInboundMessage(quint64 from, const QByteArray &payload)
{
    m_receiveRate.record(nowMs(), payload.size());
    m_receivedBytesFrom[from] += quint64(payload.size());
    emit messageReceived(from, payload);
}

void PeerTransport::onInboundBulk(quint64 from, const QString &path, qint64 size)
{
    m_receiveRate.record(nowMs(), size);
    m_receivedBytesFrom[from] += quint64(size);
    emit bulkReceived(from, path);
}

void PeerTransport::closeInbound(const std::function<bool(InboundConnection *)> &which,
                                 const QString &why)
{
    const QList<InboundConnection *> all(m_inbound.cbegin(), m_inbound.cend());
    for (InboundConnection *connection : all) {
        if (m_inbound.contains(connection) && which(connection))
            connection->close(why);
    }
}

} // namespace transport
