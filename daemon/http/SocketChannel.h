// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "BlockArena.h"
#include "Mailbox.h"
#include "StreamOutbox.h"
#include "api/HttpResponse.h"
#include "transport/SocketDrain.h"

#include <QMutex>
#include <QPointer>
#include <QTcpSocket>

#include <atomic>
#include <memory>
#include <vector>

namespace http {

class Connection;
class ConnectionBudget;

// ResponseChannel over one client socket, for every answer the connection's
// own thread does not give at once (writes, quorum reads, watches, anything
// but a plain read). Threads: made on the socket's thread; the api calls it
// on the api's (the node's) thread; the bytes are written on the socket's
// thread (a direct stream's events by its sender: below), in call order: a whole answer (respond)
// through that thread's mailbox (at once when the api thread is the socket's and nothing is
// queued), a stream's pieces (head, events, chunks, end) through the thread's
// StreamOutbox, which sends all of a stream's unsent pieces in one write; an
// onClosed callback runs back on the api thread. A channel is either answered
// whole or streamed, never both. The socket is held through
// a QPointer that only its own thread dereferences, and is checked still
// connected before every write (writing after the client left is a
// use-after-free in Qt HttpServer 6.4: Qt64.h, 7.); the bytes go out through the
// connection's Connection, which then serves the next request. Chunked for HTTP/1.1, raw body
// then close for HTTP/1.0. A stream reader whose unsent backlog passes maxBacklogBytes is
// disconnected rather than buffered without limit; the backlog is everything not yet handed to
// the kernel: the socket's write buffer plus the chunks still posted to its thread (a socket
// thread that falls behind must not let posted chunks pile up where no bound looked at them).
// Direct mode: given a `senderOutbox` (StreamSender's), a plain-TCP stream, once its head and a
// first event are out through the socket and it goes on (a long poll, which ends with its event,
// never does), with nothing left in Qt's buffer, is written from then on by the sender's thread,
// straight to a duplicate of the socket's descriptor (MSG_DONTWAIT; what the kernel refuses is
// tried again a little later). The socket's thread still reads the connection and reports the
// client gone, and gets the connection back (the next request, or the close) once the last chunk
// is in the kernel. The bound counts the sender's unsent bytes instead of the socket's. The
// duplicate is closed when the stream ends, overflows or the client leaves, by the thread that
// sees it unless the sender holds the stream then (see Locks), and counts against the server's
// ConnectionBudget: a stream that does not fit there stays on its socket's thread. A direct
// stream more than urgentBacklogBytes behind is sent by its socket's thread as well until it has
// caught up, so a load that leaves the sender no processor slows the writers, as before, rather
// than cutting every stream.
// Locks: the sender runs at SCHED_IDLE, and on a busy machine one that was preempted may get no
// processor again for a second or more. No other thread waits for its sending: pieces are
// handed over on a lock-free list (and the channel on its StreamOutbox's), and the socket's
// thread and the api thread only try the direct lock. A socket thread that finds the sender holding
// it tries again a little later; a close it or the api asks for meanwhile is done by the sender as
// it lets go (and the socket is shut down at once, so the client sees it regardless). Measured
// before: a client thread waited up to 1 s for the sender, with every connection on that thread
// (bench/README "Scale", session 35).
// Shared: every queued call holds it.
class SocketChannel : public api::ResponseChannel,
                      public std::enable_shared_from_this<SocketChannel>
{
public:
    // `connection` is the socket's own (it dies with it).
    SocketChannel(QTcpSocket *socket, Connection *connection, std::shared_ptr<Mailbox> socketThread,
                  std::shared_ptr<StreamOutbox> socketOutbox, std::shared_ptr<Mailbox> apiThread,
                  bool head, bool close, bool http10, const api::HttpHeaders &extraHeaders = {},
                  std::shared_ptr<StreamOutbox> senderOutbox = nullptr);
    ~SocketChannel() override;

    bool isOpen() const override;
    void respond(const api::HttpResponse &response) override;
    void beginStream(const api::HttpResponse &head) override;
    void writeChunk(const QByteArray &data) override;
    // Built on the socket's thread, once for all the event's watchers (api::EncodedEvent).
    void writeEvent(const std::shared_ptr<const api::EncodedEvent> &event) override;
    void endStream() override;
    void onClosed(std::function<void()> callback) override;

    static constexpr qint64 maxBacklogBytes = 16 * 1024 * 1024;
    // A direct stream this far behind is also sent by its socket's thread until it caught up.
    static constexpr qint64 urgentBacklogBytes = maxBacklogBytes / 16;
    // Stream bytes not yet handed to the kernel: posted chunks plus the socket's write buffer as
    // last seen on its thread. Any thread.
    qint64 backlogBytes() const;

    // The outbox's thread: writes every stream piece enqueued so far, in one write. `onSender`:
    // the caller is the StreamSender's thread, the one thread that may wait for the direct lock.
    void sendPending(bool onSender);
    // The stream is written by the sender's thread (direct mode). Any thread; for tests.
    bool sendsDirect() const;

private:
    // One piece of a stream, in order: bytes made on the api thread (a head, an error chunk,
    // the last chunk), or an event whose bytes the socket thread takes from the shared
    // EncodedEvent.
    struct Piece
    {
        QByteArray bytes;
        std::shared_ptr<const api::EncodedEvent> event;
        qint64 size = 0; // counted in m_postedBytes until sent or dropped
        bool last = false;
    };
    struct PieceNode
    {
        Piece piece;
        PieceNode *next = nullptr;
    };
    // The api thread makes the nodes up to 16 to a heap block; the sending thread destroys them.
    using PieceArena = BlockArena<PieceNode, 16>;
    class DirectTurn;
    void enqueue(Piece piece); // api thread
    // Every piece enqueued so far, in order, and their counted size; the outbox no longer holds
    // the channel.
    std::vector<Piece> takePieces(qint64 *size);
    // Runs `write` on the socket's thread with the socket, if it is still connected then.
    void onSocketThread(std::function<void(QTcpSocket *)> write);
    void overflow();      // api thread: the backlog bound was passed
    void cutConnection(); // any thread: the socket's thread shuts the connection down
    void watchDrain(QTcpSocket *socket); // socket thread: keep m_socketBacklog current
    void writeIfConnected(const std::function<void(QTcpSocket *)> &write); // socket thread
    void write(const QByteArray &bytes, bool complete);                    // socket thread
    void clientGone();                                                     // socket thread
    void runOnClosed();                                                    // api thread
    // Direct mode.
    void goDirect(QTcpSocket *socket); // socket thread, after the head is out
    // The sender's thread, or the socket's once the stream is urgent (`onSender` false: it only
    // tries the lock, and tries again later); under m_directMutex.
    void sendDirect(bool onSender);
    void flushDirect(bool onSender);
    void flushLocked(DirectTurn &turn, bool onSender);
    void retryLater(bool onSender);
    // The socket's thread found the sender holding the direct lock: `turn` again in 2 ms.
    void tryAgainShortly(void (SocketChannel::*turn)(bool));
    // Any thread: ends direct mode now, or, if another thread holds the direct lock, as it lets
    // go (unlockDirect). Never waits.
    void closeDirect();
    void closeLocked(); // under m_directMutex
    void unlockDirect();
    const QByteArray &bytesOf(const Piece &piece) const;

    QPointer<QTcpSocket> m_socket;
    Connection *m_connection; // only touched while m_socket is alive, on its thread
    std::shared_ptr<Mailbox> m_socketThread;
    std::shared_ptr<StreamOutbox> m_socketOutbox;
    const std::shared_ptr<StreamOutbox> m_senderOutbox; // nullptr: never direct
    std::shared_ptr<Mailbox> m_apiThread;
    // Pieces enqueued and not yet taken, newest first: the api thread pushes, the sending thread
    // (socket's or sender's) takes them all at once. Not empty: an outbox holds the channel and
    // will call sendPending().
    std::atomic<PieceNode *> m_incoming{nullptr};
    PieceArena m_pieceArena;           // api thread
    std::atomic<bool> m_direct{false}; // the sender's outbox takes the pieces (never undone)
    std::atomic<bool> m_urgent{false}; // direct and behind: the socket's outbox takes them too
    // Direct mode is over: whichever thread holds or next lets go of m_directMutex closes the
    // duplicate (closeDirect).
    std::atomic<bool> m_closeWanted{false};
    // Direct mode, under m_directMutex: the duplicate descriptor (set before m_direct; counted in
    // m_budget, which may be null), the bytes the kernel did not take yet (from m_unsentFrom),
    // whether they end the stream, and the retry of a send the kernel refused.
    QMutex m_directMutex;
    int m_fd = -1;
    std::shared_ptr<ConnectionBudget> m_budget;
    QByteArray m_unsent;
    qsizetype m_unsentFrom = 0;
    bool m_lastUnsent = false;
    bool m_retrying = false;
    int m_retryMs = 0;
    QMetaObject::Connection m_disconnected; // set on the socket thread, before or after a post
    transport::SocketDrain m_drain;         // keeps m_socketBacklog current, for streams
    std::atomic<qint64> m_postedBytes{0};   // stream bytes enqueued, not yet written
    std::atomic<qint64> m_socketBacklog{0}; // SocketDrain::unsentBytes, as last seen there
    std::atomic<bool> m_connected{true};
    // Writes posted to the socket's thread and not yet run there: a write may
    // only bypass the mailbox when none is (call order is kept).
    std::atomic<int> m_queued{0};
    bool m_done = false;              // api thread
    std::function<void()> m_onClosed; // api thread (the socket thread once the api has shut down)
    const api::HttpHeaders m_extraHeaders; // added to every answer (CORS)
    const bool m_head;
    const bool m_close;
    const bool m_http10;
};

} // namespace http
