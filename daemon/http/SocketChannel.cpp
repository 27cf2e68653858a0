// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "SocketChannel.h"

#include "api/EncodedEvent.h"

#include "Connection.h"
#include "ConnectionBudget.h"
#include "HttpWire.h"
#include "KernelSend.h"

#include <QLoggingCategory>
#include <QSslSocket>
#include <QTimer>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace http {

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

SocketChannel::SocketChannel(QTcpSocket *socket, Connection *connection,
                             std::shared_ptr<Mailbox> socketThread,
                             std::shared_ptr<StreamOutbox> socketOutbox,
                             std::shared_ptr<Mailbox> apiThread, bool head, bool close, bool http10,
                             const api::HttpHeaders &extraHeaders,
                             std::shared_ptr<StreamOutbox> senderOutbox)
    : m_socket(socket), m_connection(connection), m_socketThread(std::move(socketThread)),
      m_socketOutbox(std::move(socketOutbox)), m_senderOutbox(std::move(senderOutbox)),
      m_apiThread(std::move(apiThread)), m_extraHeaders(extraHeaders), m_head(head),
      m_close(close || http10), m_http10(http10)
{
}

SocketChannel::~SocketChannel()
{
    // Thread-safe, and a no-op once the socket (the connection's sender) is gone. m_drain
    // disconnects itself.
    QObject::disconnect(m_disconnected);
    closeDirect(); // still direct: the daemon stops, or the api let the stream go unended
    qint64 dropped = 0;
    takePieces(&dropped); // never sent
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

void SocketChannel::onSocketThread(std::function<void(QTcpSocket *)> write)
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
    const bool posted = m_socketThread->post([self = shared_from_this(), write = std::move(write)] {
        self->m_queued.fetch_sub(1, std::memory_order_relaxed);
        self->writeIfConnected(write);
    });
    if (!posted)
        m_queued.fetch_sub(1, std::memory_order_relaxed);
}

// Holds m_directMutex for one turn of sending a direct stream: waits for it only on the sender's
// thread, only tries it anywhere else. Letting go closes the duplicate if another thread asked
// for that meanwhile (unlockDirect).
class SocketChannel::DirectTurn
{
public:
    DirectTurn(SocketChannel &channel, bool mayWait) : m_channel(channel)
    {
        if (mayWait)
            m_channel.m_directMutex.lock();
        m_held = mayWait || m_channel.m_directMutex.tryLock();
    }
    ~DirectTurn() { release(); }
    DirectTurn(const DirectTurn &) = delete;
    DirectTurn &operator=(const DirectTurn &) = delete;
    bool held() const { return m_held; }
    void release()
    {
        if (std::exchange(m_held, false))
            m_channel.unlockDirect();
    }

private:
    SocketChannel &m_channel;
    bool m_held = false;
};

void SocketChannel::enqueue(Piece piece)
{
    m_postedBytes.fetch_add(piece.size, std::memory_order_relaxed);
    PieceNode *node = m_pieceArena.create(PieceNode{std::move(piece), nullptr});
    PieceNode *head = m_incoming.load(std::memory_order_relaxed);
    do {
        node->next = head;
    } while (!m_incoming.compare_exchange_weak(head, node));
    const bool direct = m_direct.load();
    // A direct stream this far behind is sent by its socket's thread too, at the priority
    // of everything else, until it has caught up: under a load that leaves the sender no
    // processor it would otherwise only ever fall further behind, to the bound, and be cut.
    bool escalate = false;
    if (direct && !m_urgent.load() && backlogBytes() > urgentBacklogBytes) {
        m_urgent.store(true);
        escalate = true;
    }
    if (head && !escalate)
        return; // an outbox already holds this channel and will take this piece too
    StreamOutbox *outbox = direct && !m_urgent.load() ? m_senderOutbox.get() : m_socketOutbox.get();
    if (outbox->schedule(shared_from_this()))
        return;
    // The socket's thread is gone: nothing enqueued will be sent.
    qint64 dropped = 0;
    takePieces(&dropped);
    m_postedBytes.store(0, std::memory_order_relaxed);
}

const QByteArray &SocketChannel::bytesOf(const Piece &piece) const
{
    if (!piece.event)
        return piece.bytes;
    return m_http10 ? piece.event->json() : piece.event->chunk();
}

std::vector<SocketChannel::Piece> SocketChannel::takePieces(qint64 *size)
{
    std::vector<Piece> pieces;
    PieceNode *node = m_incoming.exchange(nullptr);
    *size = 0;
    while (node) {
        *size += node->piece.size;
        pieces.push_back(std::move(node->piece));
        PieceArena::destroy(std::exchange(node, node->next));
    }
    std::reverse(pieces.begin(), pieces.end()); // the list is newest first
    return pieces;
}

void SocketChannel::sendPending(bool onSender)
{
    // On the sender's thread, or on the socket's for a stream that fell behind (or that was
    // scheduled there just before it went direct).
    if (m_direct.load()) {
        sendDirect(onSender);
        return;
    }
    qint64 size = 0;
    const std::vector<Piece> pieces = takePieces(&size);
    QTcpSocket *socket = m_socket.data();
    // Overflowed or gone: what was enqueued is dropped.
    if (socket && socket->state() == QAbstractSocket::ConnectedState &&
        m_connected.load(std::memory_order_relaxed)) {
        watchDrain(socket);
        bool last = false;
        QByteArray out;
        if (pieces.size() == 1) {
            out = bytesOf(pieces.front()); // shared, not copied
            last = pieces.front().last;
        } else {
            qsizetype total = 0;
            for (const Piece &piece : pieces)
                total += bytesOf(piece).size();
            out.reserve(total);
            for (const Piece &piece : pieces) {
                out += bytesOf(piece);
                last = last || piece.last;
            }
        }
        write(out, last);
        if (!last) { // the last piece let go of the socket's signals (and maybe the socket)
            m_socketBacklog.store(transport::SocketDrain::unsentBytes(socket),
                                  std::memory_order_relaxed);
            // A stream that goes on after its first event: a long poll (head, then the event
            // with the end) never costs a second descriptor.
            if (size > 0)
                goDirect(socket);
        }
    }
    // After the write: its bytes now count in the socket's buffer instead.
    m_postedBytes.fetch_sub(size, std::memory_order_relaxed);
}

void SocketChannel::goDirect(QTcpSocket *socket)
{
    // Only plain TCP (TLS bytes go through the socket's session), and only with Qt's buffer
    // empty, so that nothing written before can come after the sender's bytes.
    if (!m_senderOutbox || m_direct || qobject_cast<QSslSocket *>(socket) ||
        socket->bytesToWrite() > 0 || !m_connected.load(std::memory_order_relaxed))
        return;
    const std::shared_ptr<ConnectionBudget> &budget = m_connection->budget();
    if (budget && !budget->takeDuplicate())
        return;
    const int fd = ::fcntl(int(socket->socketDescriptor()), F_DUPFD_CLOEXEC, 0);
    if (fd < 0) {
        if (budget)
            budget->releaseDuplicate();
        return;
    }
    m_drain.stop(); // Qt's buffer stays empty from now on
    m_socketBacklog.store(0, std::memory_order_relaxed);
    // Free: the sender has not seen this channel yet (it is handed over only once direct).
    QMutexLocker direct(&m_directMutex);
    m_budget = budget;
    m_fd = fd;
    if (m_closeWanted.load()) { // the client left meanwhile
        closeLocked();
        return;
    }
    m_direct.store(true);
}

bool SocketChannel::sendsDirect() const
{
    return m_direct.load();
}

void SocketChannel::sendDirect(bool onSender)
{
    // The pieces are taken under m_directMutex, so that two threads sending for the stream (the
    // sender's and the socket's) append them in the order they were enqueued.
    DirectTurn turn(*this, onSender);
    if (!turn.held()) {
        tryAgainShortly(&SocketChannel::sendPending);
        return;
    }
    qint64 size = 0;
    const std::vector<Piece> pieces = takePieces(&size);
    if (m_fd >= 0) {
        if (m_unsentFrom > 0) {
            m_unsent.remove(0, m_unsentFrom);
            m_unsentFrom = 0;
        }
        for (const Piece &piece : pieces) {
            if (m_unsent.isEmpty())
                m_unsent = bytesOf(piece); // shared, not copied
            else
                m_unsent += bytesOf(piece);
            m_lastUnsent = m_lastUnsent || piece.last;
        }
    }
    flushLocked(turn, onSender);
    // After the send: what the kernel did not take counts as the socket's backlog instead.
    m_postedBytes.fetch_sub(size, std::memory_order_relaxed);
}

void SocketChannel::tryAgainShortly(void (SocketChannel::*turn)(bool))
{
    // The sender holds the lock and may be preempted there for long. This thread serves other
    // connections too, so it looks again shortly instead of waiting; the pieces stay on the
    // list, and whichever thread next holds the lock takes them.
    std::weak_ptr<SocketChannel> weak = shared_from_this();
    QTimer::singleShot(2, [weak, turn] {
        if (auto channel = weak.lock())
            (channel.get()->*turn)(false);
    });
}

void SocketChannel::flushDirect(bool onSender)
{
    DirectTurn turn(*this, onSender);
    if (!turn.held()) {
        // This thread's retry stays armed (m_retrying) and comes back.
        tryAgainShortly(&SocketChannel::flushDirect);
        return;
    }
    m_retrying = false;
    flushLocked(turn, onSender);
}

void SocketChannel::flushLocked(DirectTurn &turn, bool onSender)
{
    if (m_fd >= 0 && m_unsentFrom < m_unsent.size()) {
        int error = 0;
        const qsizetype n = sendWhatTheKernelTakes(m_fd, m_unsent.constData() + m_unsentFrom,
                                                   m_unsent.size() - m_unsentFrom, &error);
        m_unsentFrom += n;
        if (n > 0)
            m_retryMs = 0;
        if (error == EAGAIN || error == EWOULDBLOCK) {
            m_socketBacklog.store(m_unsent.size() - m_unsentFrom, std::memory_order_relaxed);
            retryLater(onSender);
            return;
        }
        if (error != 0) {
            // The client is gone (reset, broken pipe). Its socket's thread ends the connection
            // and reports it, even if it would not read the news itself.
            qCDebug(lcHttp, "a watch stream's client is gone: %s", std::strerror(error));
            turn.release();
            closeDirect();
            m_connected.store(false, std::memory_order_relaxed);
            cutConnection();
            return;
        }
    }
    m_unsent.clear();
    m_unsentFrom = 0;
    m_retryMs = 0;
    if (m_fd < 0)
        return; // the client left, or the stream overflowed: what was unsent is dropped
    m_socketBacklog.store(0, std::memory_order_relaxed);
    m_urgent.store(false); // caught up: back to the sender alone
    if (!m_lastUnsent)
        return;
    // The stream's end is in the kernel: the connection goes back to its thread, which
    // completes the answer (and serves the next request or closes).
    turn.release();
    closeDirect();
    onSocketThread([this](QTcpSocket *) { write(QByteArray(), true); });
}

void SocketChannel::retryLater(bool onSender)
{
    // Polled, not waited on with a notifier: a notifier would tie the descriptor to one thread,
    // and closing it could not be done from the thread that sees the client leave. A reader
    // that is behind is tried again after 2 ms, then less often; on the thread that sent last.
    if (m_retrying)
        return;
    m_retrying = true;
    m_retryMs = m_retryMs == 0 ? 2 : qMin(m_retryMs * 2, 50);
    std::weak_ptr<SocketChannel> weak = shared_from_this();
    QTimer::singleShot(m_retryMs, [weak, onSender] {
        if (auto channel = weak.lock())
            channel->flushDirect(onSender);
    });
}

void SocketChannel::closeDirect()
{
    m_closeWanted.store(true);
    std::atomic_thread_fence(std::memory_order_seq_cst); // the flag, then the lock
    if (!m_directMutex.tryLock())
        return; // its holder closes the duplicate as it lets go
    closeLocked();
    unlockDirect();
}

void SocketChannel::closeLocked()
{
    if (m_fd < 0)
        return;
    ::close(m_fd);
    m_fd = -1;
    if (m_budget)
        m_budget->releaseDuplicate();
    m_socketBacklog.store(0, std::memory_order_relaxed);
}

void SocketChannel::unlockDirect()
{
    m_directMutex.unlock();
    // A closeDirect() that found the lock held left the close to this thread. Its flag is set
    // before it tries the lock, and read here after the unlock: one of the two sees the other.
    std::atomic_thread_fence(std::memory_order_seq_cst);
    if (m_closeWanted.load() && m_directMutex.tryLock()) {
        closeLocked();
        m_directMutex.unlock();
    }
}

void SocketChannel::cutConnection()
{
    // Shut down, not only closed: a duplicate the sender still holds would keep a closed
    // descriptor's connection open.
    m_socketThread->post([self = shared_from_this()] {
        if (QTcpSocket *socket = self->m_socket.data()) {
            ::shutdown(int(socket->socketDescriptor()), SHUT_RDWR);
            socket->abort();
        }
    });
}

void SocketChannel::overflow()
{
    qCWarning(lcHttp, "closing a watch stream whose reader is %lld bytes behind",
              qlonglong(backlogBytes()));
    // Closed for the api at once (isOpen() is false, nothing more is posted); the chunks
    // already posted are skipped and the socket's thread aborts the connection, which reports
    // the client gone through onClosed like any other disconnect.
    m_connected.store(false, std::memory_order_relaxed);
    closeDirect();
    cutConnection();
}

void SocketChannel::watchDrain(QTcpSocket *socket)
{
    if (m_drain.isWatching())
        return;
    std::weak_ptr<SocketChannel> weak = shared_from_this();
    m_drain.watch(socket, socket, [weak, socket] {
        if (auto channel = weak.lock())
            channel->m_socketBacklog.store(transport::SocketDrain::unsentBytes(socket),
                                           std::memory_order_relaxed);
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
        m_drain.stop();
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
    api::HttpResponse decorated = head;
    decorated.headers += m_extraHeaders;
    Piece piece;
    piece.bytes = HttpWire::streamHead(decorated, !m_http10);
    enqueue(std::move(piece));
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
    Piece piece;
    piece.bytes = m_http10 ? data : HttpWire::chunk(data);
    piece.size = data.size();
    enqueue(std::move(piece));
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
    Piece piece;
    piece.event = event;
    piece.size = size;
    enqueue(std::move(piece));
}

void SocketChannel::endStream()
{
    if (!isOpen())
        return;
    m_done = true;
    m_onClosed = nullptr;
    Piece piece;
    piece.bytes = m_http10 ? QByteArray() : HttpWire::lastChunk();
    piece.last = true;
    enqueue(std::move(piece));
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
    closeDirect();
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
