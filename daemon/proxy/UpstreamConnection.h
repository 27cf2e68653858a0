// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "Director.h"
#include "ResponseReader.h"
#include "transport/SocketDrain.h"

#include <QObject>
#include <QSslConfiguration>
#include <QTimer>

#include <optional>

class QTcpSocket;

namespace server::proxy {

// One keep-alive HTTP/1.1 connection from the proxy to a member, carrying one request at a time
// (written whole) and reading its response with a ResponseReader, whose events go to the
// request's Sink as they come. Why not QNetworkAccessManager: it costs a thread hop per request
// and parses headers byte by byte; this is one socket write and one read per small request
// (bench/proxy.sh has the figures).
// Timeouts as etcd's proxy transport: dialing (--proxy-dial-timeout), a write not drained
// (--proxy-write-timeout), and no byte from the member for a read timeout (--proxy-read-timeout,
// restarted by every read, off while the client holds the stream back); 0 turns each off.
// Backpressure: the socket's read buffer is bounded and pause() stops taking bytes from it, so
// TCP holds a member's stream back while the client is slow: memory per stream stays bounded.
// Owned by its thread's ProxyFrontend (its pool, or the Forwarding using it); that thread only.
class UpstreamConnection : public QObject
{
    Q_OBJECT
public:
    struct Timeouts
    {
        int dialMs = 1000;
        int writeMs = 5000;
        int readMs = 0;
    };
    // Receives one response's events; every exchange ends with exactly one of done()/failed().
    class Sink
    {
    public:
        virtual ~Sink() = default;
        virtual void upstreamHead(const ResponseReader &reader) = 0;
        virtual void upstreamBody(const QByteArray &bytes) = 0;
        virtual void upstreamDone() = 0;
        // `nothingReceived`: no byte of a response came (the request may be sent elsewhere).
        virtual void upstreamFailed(bool nothingReceived, const QString &why) = 0;
    };

    // `tls` for an https endpoint (the client side of --cert-file/--trusted-ca-file).
    UpstreamConnection(const Director::Endpoint &endpoint, const Timeouts &timeouts,
                       const std::optional<QSslConfiguration> &tls, QObject *parent = nullptr);
    ~UpstreamConnection() override;

    const QByteArray &key() const { return m_key; }
    // True once a response was read whole on it (a kept-alive connection the member may have
    // closed meanwhile: a failure with nothing received is retried on a new one).
    bool reused() const { return m_completed > 0; }
    // Idle and still open: may carry another request.
    bool reusable() const;

    // Sends `request` (the whole request, head and body) and reads its answer into `sink`.
    void send(const QByteArray &request, bool headRequest, Sink *sink);
    // Stops/resumes handing body bytes to the sink (the client's write buffer is full/drained).
    void pause();
    void resume();
    // The sink goes away: the exchange is abandoned and the connection closed.
    void abandon();

Q_SIGNALS:
    // Closed while idle in the pool: the pool drops it.
    void closedWhileIdle(UpstreamConnection *connection);

private:
    void connected();
    void readable();
    void bytesWritten();
    void socketClosed(const QString &why);
    void timedOut();
    void fail(bool nothingReceived, const QString &why);

    const QByteArray m_key;
    const QUrl m_url;
    const Timeouts m_timeouts;
    QTcpSocket *m_socket;           // a child
    transport::SocketDrain m_drain; // bytesWritten() as m_socket drains
    QTimer m_timer;                 // the one running timeout: dial, write or read
    enum class Phase { Dial, Write, Read, Idle };
    Phase m_timerPhase = Phase::Idle;
    Sink *m_sink = nullptr;
    ResponseReader m_reader;
    QByteArray m_pendingRequest; // until connected
    QByteArray m_body;           // scratch for one read's body bytes
    qint64 m_received = 0;       // bytes of the current response
    int m_completed = 0;
    bool m_connected = false;
    bool m_paused = false;
};

} // namespace server::proxy
