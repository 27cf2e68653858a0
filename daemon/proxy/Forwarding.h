// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "Director.h"
#include "UpstreamConnection.h"
#include "transport/SocketDrain.h"

#include <QObject>
#include <QPointer>
#include <QTcpSocket>

namespace http {
class Connection;
} // namespace http

namespace server::proxy {

class ProxyFrontend;

// One client request on its way through the proxy, as etcd's reverseProxy.ServeHTTP: tries the
// available members in the director's order until one answers (a member that cannot be reached
// or answers nothing is marked failed and the next one is tried; none: 502, none available:
// 503), then passes the member's answer on - hop-by-hop headers dropped, the body as it comes,
// re-chunked for the client, so a watch stream goes through chunk by chunk. A stream the member
// ends mid-way (the member died) ends cleanly for the client, as Go's server ends the chunked
// answer when etcd's proxy's copy stops. Backpressure: while the client has more than
// `highWaterBytes` unsent, the member's connection is paused (UpstreamConnection), so a slow
// client costs bounded memory. The client leaving abandons the member's connection (a watch on
// the member ends with it).
// Owned by its ProxyFrontend (a child, deleted when done); the frontend's thread only.
class Forwarding : public QObject, private UpstreamConnection::Sink
{
    Q_OBJECT
public:
    struct Request
    {
        QByteArray bytes;    // the whole request for the member: head (with X-Forwarded-For) + body
        bool head = false;   // HEAD: the answer has no body
        bool http10 = false; // the client speaks HTTP/1.0: no chunked framing, close after
        bool close = false;  // the client asked to close after the answer
        QList<QPair<QByteArray, QByteArray>> extraHeaders; // added to the answer (--cors)
    };
    static constexpr qint64 highWaterBytes = 1024 * 1024;
    static constexpr qint64 lowWaterBytes = 256 * 1024;

    Forwarding(ProxyFrontend *frontend, QTcpSocket *client, http::Connection *connection,
               Request request, QList<Director::Endpoint> endpoints);
    ~Forwarding() override;

    void start();

    // The proxy's own answers (etcd's httptypes.HTTPError: {"message":"..."}).
    static QByteArray errorAnswer(int status, const char *reason, const QByteArray &message,
                                  bool close);

private:
    void tryEndpoint(bool freshConnection);
    void next();
    void finish(const QByteArray &bytes, bool closeAfter);
    void clientWritten();
    void clientGone();
    void upstreamHead(const ResponseReader &reader) override;
    void upstreamBody(const QByteArray &bytes) override;
    void upstreamDone() override;
    void upstreamFailed(bool nothingReceived, const QString &why) override;

    ProxyFrontend *const m_frontend;
    QPointer<QTcpSocket> m_client;
    transport::SocketDrain m_clientDrain; // clientWritten() as the client's socket drains
    http::Connection *m_connection;
    const Request m_request;
    const QList<Director::Endpoint> m_endpoints;
    qsizetype m_index = 0;
    UpstreamConnection *m_upstream = nullptr;
    bool m_headSent = false;
    bool m_chunked = false;    // the body goes to the client in chunks
    bool m_closeAfter = false; // the client's connection closes after the answer
    bool m_paused = false;
    bool m_finished = false;
};

} // namespace server::proxy
