// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "client/Error.h"
#include "client/JsonStreamSplitter.h"
#include "client/Response.h"
#include "client/WatchOptions.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

class QNetworkReply;

namespace client {

class Client;
class Request;
class Transport;

// A watch on a key (or, recursive, a subtree) that keeps going until stop():
// every change comes out as event(), in index order, once.
//
// How it keeps that promise across trouble:
// - It tracks the next index it needs: the event's modifiedIndex + 1 after
//   each event, or X-Etcd-Index + 1 of the first response when it started
//   "from now". After a dropped connection, a 5xx or a header timeout (the
//   client's, or 5 s when it sets none: a member sends a watch's headers at
//   once) it asks again from that index, on the next endpoint (Client's
//   list, starting at the pinned one), with back-off once all endpoints
//   failed in a row. Events at or below the last delivered index are never
//   delivered twice.
// - A watch on which nothing arrived for ClientConfig::watchIdleRecheckMs
//   (5 min) after its headers asks the same member again, from the same
//   index and without a disconnected(): a member that vanished without
//   closing the connection then fails the new attempt, which nothing else
//   would notice but TCP keepalive (2 h by default; Qt 6.4 sets no shorter).
// - Long-poll mode (default) sends one wait=true request per event. Stream
//   mode keeps one stream=true response open; because etcd streams only live
//   events, a (re)connect first catches up with long polls from the needed
//   index up to the stream's start index, holding the stream's events back
//   until the gap is closed.
// - If the server no longer has the needed index in its history (errorCode
//   401) the watch stops and emits historyCleared(): re-read the data, then
//   restartFrom(error.index() + 1).
// - Other etcd errors stop the watch with error().
//
// Owned by the parent given to Client::watch(). Uses its own connection pool
// so long polls never delay the Client's requests. Client's thread only.
class Watcher : public QObject
{
    Q_OBJECT
public:
    ~Watcher() override;

    QString key() const { return m_key; }
    WatchOptions options() const { return m_options; }
    bool isRunning() const { return m_running; }
    // The waitIndex the next request asks for (0: "from now").
    quint64 nextIndex() const { return m_next; }
    quint64 lastDeliveredIndex() const { return m_lastDelivered; }

    void start();
    void stop();
    // Start over from `index` (e.g. after historyCleared()).
    void restartFrom(quint64 index);

signals:
    void event(const client::Response &response);
    void historyCleared(const client::Error &error);
    void error(const client::Error &error);
    // A (re)connection to `endpoint` is established (its headers arrived).
    void connected(const QUrl &endpoint);
    // The connection failed; the watcher is already trying again.
    void disconnected(const client::Error &error);

private:
    friend class Client;
    Watcher(Client *client, const QString &key, const WatchOptions &options, QObject *parent);

    void connectNow();
    QUrl currentEndpoint();
    Request waitRequest(quint64 waitIndex, bool stream) const;
    QNetworkReply *open(const Request &request, QTimer *headerTimer);
    void poll();
    void pollHeaders();
    void pollFinished();
    void openStream();
    void streamHeaders();
    void streamData();
    void streamFinished();
    void gapClosed();
    // Nothing arrived for watchIdleRecheckMs: ask the same member again.
    void recheckIdle();
    void restartIdleTimer();
    // A watch started "from now" goes on after the X-Etcd-Index its connection's headers
    // named (0: none arrived), whatever happens to that connection.
    void keepStartIndex(quint64 connectionIndex);
    // A failed connection, or a 5xx: reasons to try again elsewhere.
    Error connectionFailure(QNetworkReply *reply) const;
    void deliver(const Response &response);
    void handleEtcdError(const Error &error);
    void fail(const Error &error);
    void abortAll();

    QPointer<Client> m_client;
    Transport *m_transport;
    QString m_key;
    WatchOptions m_options;
    bool m_running = false;
    bool m_everConnected = false;
    bool m_connected = false; // headers of the current connection arrived

    quint64 m_next = 0;
    quint64 m_lastDelivered = 0;
    quint64 m_headerIndex = 0; // X-Etcd-Index of the current connection (0: none yet)

    QUrl m_endpoint;
    QList<Error> m_roundErrors;
    int m_backoffMs = 0;
    QTimer m_retry;
    QTimer m_pollHeaderTimer;
    QTimer m_streamHeaderTimer;
    QTimer m_idleTimer; // runs while the current connection's headers are in

    QPointer<QNetworkReply> m_poll;
    QPointer<QNetworkReply> m_stream;
    JsonStreamSplitter m_splitter;
    bool m_gapFilling = false;
    quint64 m_streamStart = 0;  // X-Etcd-Index of the open stream
    QList<Response> m_heldBack; // stream events waiting for the gap to close
};

} // namespace client
