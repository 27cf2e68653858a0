#pragma once

#include "api/HttpResponse.h"

#include <QPointer>
#include <QTcpSocket>

// ResponseChannel over one client socket, for answers given after the
// request handler returned (writes, quorum reads, watches). Holds the socket
// through a QPointer and checks it is still connected before every write:
// writing through a stale pointer after the client left is a use-after-free
// in Qt HttpServer 6.4. Chunked encoding for HTTP/1.1, raw body then close
// for HTTP/1.0. A slow stream reader whose unsent backlog passes a bound is
// disconnected rather than buffered without limit. Server thread only.
class SocketChannel : public ResponseChannel
{
public:
    SocketChannel(QTcpSocket *socket, bool head, bool close, bool http10);
    ~SocketChannel() override;

    bool isOpen() const override;
    void respond(const HttpResponse &response) override;
    void beginStream(const HttpResponse &head) override;
    void writeChunk(const QByteArray &data) override;
    void endStream() override;
    void onClosed(std::function<void()> callback) override;

    static constexpr qint64 maxBacklogBytes = 16 * 1024 * 1024;

private:
    void finish();

    QPointer<QTcpSocket> m_socket;
    QMetaObject::Connection m_disconnected;
    std::function<void()> m_onClosed;
    bool m_head;
    bool m_close;
    bool m_http10;
    bool m_done = false;
};
