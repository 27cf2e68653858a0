// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

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
// sees it (the sender may get no processor for a while), and counts against the server's
// ConnectionBudget: a stream that does not fit there stays on its socket's thread. A direct
// stream more than urgentBacklogBytes behind is sent by its socket's thread as well until it has
// caught up, so a load that leaves the sender no processor slows the writers, as before, rather
// than cutting every stream.
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

    // The outbox's thread: writes every stream piece enqueued so far, in one write.
    void sendPending();
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
    void enqueue(Piece piece); // api thread
    // Every piece enqueued so far, and their counted size; the outbox no longer holds the channel.
    std::vector<Piece> takePieces(qint64 *size);
    // Runs `write` on the socket's thread with the socket, if it is still connected then.
    void onSocketThread(std::function<void(QTcpSocket *)> write);
    void overflow();                     // api thread: the backlog bound was passed
    void watchDrain(QTcpSocket *socket); // socket thread: keep m_socketBacklog current
    void writeIfConnected(const std::function<void(QTcpSocket *)> &write); // socket thread
    void write(const QByteArray &bytes, bool complete);                    // socket thread
    void clientGone();                                                     // socket thread
    void runOnClosed();                                                    // api thread
    // Direct mode.
    void goDirect(QTcpSocket *socket); // socket thread, after the head is out
    // The sender's thread, or the socket's once the stream is urgent; under m_directMutex.
    void sendDirect();
    void flushDirect();
    void flushLocked(QMutexLocker<QMutex> &direct);
    void retryLater();
    void closeDirect(); // any thread
    const QByteArray &bytesOf(const Piece &piece) const;

    QPointer<QTcpSocket> m_socket;
    Connection *m_connection; // only touched while m_socket is alive, on its thread
    std::shared_ptr<Mailbox> m_socketThread;
    std::shared_ptr<StreamOutbox> m_socketOutbox;
    const std::shared_ptr<StreamOutbox> m_senderOutbox; // nullptr: never direct
    std::shared_ptr<Mailbox> m_apiThread;
    // m_pieces, m_scheduled, m_direct, m_urgent: the api thread adds pieces, the sending thread
    // (socket's or sender's) takes them.
    mutable QMutex m_piecesMutex;
    std::vector<Piece> m_pieces; // enqueued, not yet sent
    bool m_scheduled = false;    // in the outbox, which will call sendPending()
    bool m_direct = false;       // the sender's outbox takes the pieces (never undone)
    bool m_urgent = false;       // direct and behind: the socket's outbox takes them too
    // Direct mode, under m_directMutex (taken before m_piecesMutex): the duplicate descriptor
    // (set before m_direct; closed by whichever thread ends the stream first; counted in m_budget,
    // which may be null), the bytes the kernel did not take yet (from m_unsentFrom), whether they
    // end the stream, and the retry of a send the kernel refused.
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
