// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "SocketChannel.h"

#include "api/EncodedEvent.h"

#include "Connection.h"
#include "HttpWire.h"

#include <QLoggingCategory>

namespace http {

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

SocketChannel::SocketChannel(QTcpSocket *socket, Connection *connection,
                             std::shared_ptr<Mailbox> socketThread,
                             std::shared_ptr<Mailbox> apiThread, bool head, bool close, bool http10,
                             const api::HttpHeaders &extraHeaders)
    : m_socket(socket), m_connection(connection), m_socketThread(std::move(socketThread)),
      m_apiThread(std::move(apiThread)), m_extraHeaders(extraHeaders), m_head(head),
      m_close(close || http10), m_http10(http10)
{
}

SocketChannel::~SocketChannel()
{
    // Thread-safe, and a no-op once the socket (the connection's sender) is gone.
    QObject::disconnect(m_disconnected);
    QObject::disconnect(m_drained);
}

qint64 SocketChannel::backlogBytes() const
{
    return m_postedBytes.load(std::memory_order_relaxed) +
           m_socketBacklog.load(std::memory_order_relaxed);
}

bool SocketChannel::isOpen() const
{
    return !m_done && m_connected.load(std::memory_order_relaxed);
}

void SocketChannel::onSocketThread(std::function<void(QTcpSocket *)> write, qint64 postedBytes)
{
    // Already on the socket's thread, with nothing of this channel still
    // queued (which would have to go first): write now. An answer then leaves
    // in the loop turn that produced it, e.g. the one applying a lone
    // client's write, instead of one turn later.
    if (m_queued.load(std::memory_order_relaxed) == 0 && m_socketThread->isCurrentThread()) {
        writeIfConnected(write);
        return;
    }
    m_queued.fetch_add(1, std::memory_order_relaxed);
    m_postedBytes.fetch_add(postedBytes, std::memory_order_relaxed);
    const bool posted =
        m_socketThread->post([self = shared_from_this(), write = std::move(write), postedBytes] {
            self->m_queued.fetch_sub(1, std::memory_order_relaxed);
            self->writeIfConnected(write);
            // After the write: its bytes now count in the socket's buffer instead.
            self->m_postedBytes.fetch_sub(postedBytes, std::memory_order_relaxed);
        });
    if (!posted) {
        m_queued.fetch_sub(1, std::memory_order_relaxed);
        m_postedBytes.fetch_sub(postedBytes, std::memory_order_relaxed);
    }
}

void SocketChannel::overflow()
{
    qCWarning(lcHttp, "closing a watch stream whose reader is %lld bytes behind",
              qlonglong(backlogBytes()));
    // Closed for the api at once (isOpen() is false, nothing more is posted); the chunks
    // already posted are skipped and the socket's thread aborts the connection, which reports
    // the client gone through onClosed like any other disconnect.
    m_connected.store(false, std::memory_order_relaxed);
    m_socketThread->post([self = shared_from_this()] {
        if (QTcpSocket *socket = self->m_socket.data())
            socket->abort();
    });
}

void SocketChannel::watchDrain(QTcpSocket *socket)
{
    if (m_drained)
        return;
    std::weak_ptr<SocketChannel> weak = shared_from_this();
    m_drained = QObject::connect(socket, &QIODevice::bytesWritten, socket, [weak, socket] {
        if (auto channel = weak.lock())
            channel->m_socketBacklog.store(socket->bytesToWrite(), std::memory_order_relaxed);
    });
}

void SocketChannel::writeIfConnected(const std::function<void(QTcpSocket *)> &write)
{
    QTcpSocket *socket = m_socket.data();
    if (socket && socket->state() == QAbstractSocket::ConnectedState)
        write(socket);
}

void SocketChannel::write(const QByteArray &bytes, bool complete)
{
    if (complete) {
        QObject::disconnect(m_disconnected);
        QObject::disconnect(m_drained);
    }
    m_connection->writeAnswer(bytes, complete, complete && m_close);
    // A deferred answer (a committed write, a watch event) goes out now rather
    // than when the write notifier fires on the next loop turn. Not done for
    // the many immediate answers to reads: under load Qt's notifier batches
    // those better than a write per answer.
    if (QTcpSocket *socket = m_socket.data())
        socket->flush();
}

void SocketChannel::respond(const api::HttpResponse &response)
{
    if (!isOpen())
        return;
    m_done = true;
    // Dropping the callback breaks the ownership cycle a watch keeps through it.
    m_onClosed = nullptr;
    onSocketThread([this, response](QTcpSocket *) {
        if (m_extraHeaders.isEmpty()) {
            write(HttpWire::response(response, m_head, m_close), true);
            return;
        }
        api::HttpResponse decorated = response;
        decorated.headers += m_extraHeaders;
        write(HttpWire::response(decorated, m_head, m_close), true);
    });
}

void SocketChannel::beginStream(const api::HttpResponse &head)
{
    if (!isOpen())
        return;
    onSocketThread([this, head](QTcpSocket *socket) {
        watchDrain(socket);
        api::HttpResponse decorated = head;
        decorated.headers += m_extraHeaders;
        write(HttpWire::streamHead(decorated, !m_http10), false);
    });
}

void SocketChannel::writeChunk(const QByteArray &data)
{
    if (!isOpen())
        return;
    // The reader does not keep up; etcd ends such a stream too.
    if (backlogBytes() + data.size() > maxBacklogBytes) {
        overflow();
        return;
    }
    onSocketThread(
        [this, data](QTcpSocket *socket) {
            if (!m_connected.load(std::memory_order_relaxed))
                return; // overflowed or gone: what is still posted is dropped
            write(m_http10 ? data : HttpWire::chunk(data), false);
            m_socketBacklog.store(socket->bytesToWrite(), std::memory_order_relaxed);
        },
        data.size());
}

void SocketChannel::writeEvent(const std::shared_ptr<const api::EncodedEvent> &event)
{
    if (!isOpen())
        return;
    // Counted at its estimated size until written: its bytes do not exist yet.
    const qint64 size = event->estimatedSize();
    if (backlogBytes() + size > maxBacklogBytes) {
        overflow();
        return;
    }
    onSocketThread(
        [this, event](QTcpSocket *socket) {
            if (!m_connected.load(std::memory_order_relaxed))
                return;
            write(m_http10 ? event->json() : event->chunk(), false);
            m_socketBacklog.store(socket->bytesToWrite(), std::memory_order_relaxed);
        },
        size);
}

void SocketChannel::endStream()
{
    if (!isOpen())
        return;
    m_done = true;
    m_onClosed = nullptr;
    onSocketThread(
        [this](QTcpSocket *) { write(m_http10 ? QByteArray() : HttpWire::lastChunk(), true); });
}

void SocketChannel::onClosed(std::function<void()> callback)
{
    if (!isOpen())
        return;
    m_onClosed = std::move(callback);
    // Watching the socket is the socket thread's business; if it is already
    // gone by the time that thread looks, the callback still runs.
    const bool posted = m_socketThread->post([self = shared_from_this()] {
        QTcpSocket *socket = self->m_socket.data();
        if (!socket || socket->state() != QAbstractSocket::ConnectedState) {
            self->clientGone();
            return;
        }
        std::weak_ptr<SocketChannel> weak = self;
        QObject::disconnect(self->m_disconnected);
        self->m_disconnected = QObject::connect(socket, &QTcpSocket::disconnected, socket, [weak] {
            if (auto channel = weak.lock())
                channel->clientGone();
        });
    });
    // The client threads have stopped: nothing will ever report the client gone.
    if (!posted)
        m_onClosed = nullptr;
}

void SocketChannel::clientGone()
{
    m_connected.store(false, std::memory_order_relaxed);
    QObject::disconnect(m_disconnected);
    if (m_apiThread->post([self = shared_from_this()] { self->runOnClosed(); }))
        return;
    // The api side has shut down (the daemon is stopping: it closes the api's mailbox, then
    // stops the client threads and waits for them, so the api thread runs none of this
    // channel's code any more). The callback will never run; it is dropped here, or the watch
    // it owns, which owns this channel, would never be freed.
    m_onClosed = nullptr;
}

void SocketChannel::runOnClosed()
{
    if (m_done)
        return;
    m_done = true;
    // Move out first: the callback may drop the last other reference to this channel.
    auto callback = std::move(m_onClosed);
    m_onClosed = nullptr;
    if (callback)
        callback();
}

} // namespace http
