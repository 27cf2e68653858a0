// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "transport/BulkSpooler.h"
#include "transport/ChunkAssembler.h"
#include "transport/FrameReader.h"
#include "transport/Hello.h"
#include "transport/HelloAck.h"
#include "transport/TransportOptions.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSslCertificate>
#include <QTimer>

#include <memory>
#include <optional>

class QTcpSocket;

namespace transport {

// The listening side of one accepted peer socket. It waits for the first frame: a Hello
// (asks its owner, through helloReceived(), to accept() or refuse()) or a
// ClusterInfoRequest (answered through clusterInfoRequested()/answerClusterInfo(), then
// closed). Once accepted it turns Message/Chunk frames into messageReceived(), echoes
// Pings as Pongs and acknowledges each complete Bulk payload with BulkAck; anything else (bad
// framing, an unexpected frame type, a malformed body, silence past the timeouts) closes the socket
// with a warning. With TransportOptions::bulkSpoolDir set, Bulk payloads (lane 1) go to files
// there as they arrive (BulkSpooler, bounded by maxBulkBytes instead of maxMessageBytes) and are
// announced by bulkReceived() after their BulkAck; a payload cut short by the connection closing,
// a framing error or a write error leaves no file behind. Invariants: nothing is delivered before
// accept(); closed() is emitted exactly once, after which the object does nothing and its owner
// should deleteLater() it. Ownership: owns its socket; owned (QObject parent) by PeerTransport.
// Owner's thread.
class InboundConnection : public QObject
{
    Q_OBJECT

public:
    enum class State { AwaitingHello, Established, Closing, Closed };

    // Takes ownership of socket (already connected).
    InboundConnection(QTcpSocket *socket, const TransportOptions &options,
                      QObject *parent = nullptr);
    ~InboundConnection() override;

    State state() const { return m_state; }
    // The dialing member's id once accepted, else 0.
    quint64 peerId() const { return m_peerId; }
    // "ip:port" of the remote end, for logs.
    QString remoteAddress() const { return m_remote; }
    // The dialer's certificate if the connection is TLS and the server side verified it
    // against its trusted CAs (--peer-client-cert-auth); else a null certificate.
    QSslCertificate verifiedCertificate() const;
    // Milliseconds since the last complete frame arrived (since the connection was accepted
    // when none has): how long its dialer has not used it.
    qint64 quietMs() const { return m_lastFrame.elapsed(); }

    // Answers to helloReceived(). Called synchronously from its slot; if neither is
    // called the Hello is refused with NotReady.
    void accept(quint64 peerId, quint64 ownClusterId);
    void refuse(HelloStatus status, quint64 ownClusterId);
    // Answer to clusterInfoRequested(); nullopt = unavailable. Then the socket closes.
    void answerClusterInfo(const std::optional<QByteArray> &info);
    // Closes at once (why, if given, is logged as a warning) and emits closed().
    void close(const QString &why = {});

signals:
    void helloReceived(transport::InboundConnection *connection, const transport::Hello &hello);
    void clusterInfoRequested(transport::InboundConnection *connection);
    void messageReceived(quint64 from, const QByteArray &payload);
    // A spooled Bulk payload of `size` bytes is complete in the file `path` (the receiver's to
    // remove).
    void bulkReceived(quint64 from, const QString &path, qint64 size);
    void closed(transport::InboundConnection *connection);
    // The TLS handshake failed (a refused certificate, or no TLS at all); closed() follows.
    void tlsHandshakeFailed(transport::InboundConnection *connection);

private:
    void onReadyRead();
    void handleFrame(const Frame &frame);
    void handleChunk(const Frame &frame);
    void spoolChunk(const Chunk &chunk);
    void closeAfterWrite(const QByteArray &lastFrame);
    void finish();

    QTcpSocket *m_socket;
    TransportOptions m_options;
    State m_state = State::AwaitingHello;
    quint64 m_peerId = 0;
    QString m_remote;
    FrameReader m_reader;
    ChunkAssembler m_lanes[2];
    std::unique_ptr<BulkSpooler> m_spool; // lane 1 with a spool directory, once accepted
    QTimer m_handshakeTimer;
    QTimer m_idleTimer;
    QElapsedTimer m_lastFrame;
};

} // namespace transport
