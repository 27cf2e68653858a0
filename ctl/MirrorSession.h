// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "ctl/Mirror.h"

#include "client/Error.h"
#include "client/Response.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QList>
#include <QMultiMap>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <deque>

namespace client {
class Client;
class Reply;
class Watcher;
} // namespace client

namespace ctl {

// One run of `qetcdctl mirror`: copies the source's keyspace under the roots
// (the --prefix list) to the destination from a consistent snapshot, then
// applies the source's watch events in order until stopped.
//
// Phases: snapshot (a recursive GET per root gives its tree at X-Etcd-Index;
// a root the user may not read recursively is descended into and what cannot
// be read at all is listed), copy (the destination's listing of each root is
// brought to the snapshot with mirror::syncOps, so a restart also deletes
// what the source no longer has), live (one recursive stream watch per root
// from snapshot index + 1, started before the copy so that no event is lost
// while it runs; events wait until the copy is written). An event history
// that no longer reaches the needed index (401) restarts the snapshot phase.
//
// Writes go through one queue in order; up to `window` run at once, but a
// write never starts while one on the same key, an ancestor or a descendant
// is under way, so the order of conflicting changes holds. A failed write
// ends the run (finished() with a non-zero code): the mirror never carries on
// past a change it could not make.
//
// Owns its watchers; uses (does not own) the two clients. Main thread only.
class MirrorSession : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QStringList roots{QStringLiteral("/")};
        bool once = false;       // copy, then stop (no watch)
        bool verify = false;     // compare both sides at the end
        bool verifyOnly = false; // compare only; write nothing
        int progressMs = 5000;
        int window = 32;
        bool longPoll = false; // one long poll per event instead of a stream
    };
    // Exit code when --verify finds differences (etcdctl's codes end at 5).
    static constexpr int DifferencesFound = 6;

    // `writers`: more clients of the destination, each with its own connections (Qt opens
    // at most six per host and client), that share the writes with `dest`.
    MirrorSession(client::Client *source, client::Client *dest, const Options &options,
                  QObject *parent = nullptr, const QList<client::Client *> &writers = {});
    ~MirrorSession() override;

    void start();
    // Stop watching, finish the writes under way, verify if asked, finish().
    void stop();

signals:
    void finished(int exitCode);

private:
    struct Root
    {
        QString key;
        quint64 index = 0; // X-Etcd-Index of its snapshot
        QList<mirror::Entry> entries;
        QPointer<client::Watcher> watcher;
    };
    struct Item
    {
        mirror::Op op;
        bool event = false;
        bool copy = false;
        quint64 index = 0;  // event index
        qint64 arrived = 0; // ms on m_clock
    };

    void snapshot();
    void fetchRoot(const QString &key);
    void listRefused(const QString &key, const client::Error &why);
    void snapshotDone();
    void copyRoot(int i);
    void copyQueued();
    void startWatch(Root &root);
    void onEvent(const QString &root, const client::Response &event);
    void onHistoryCleared(const client::Error &error);
    void enqueue(const Item &item);
    void pump();
    void run(const Item &item);
    void putDir(const Item &item);
    void done(const Item &item);
    void failWrite(const Item &item, const client::Error &error);
    void drained();
    void verify();
    void verifyRoot(int i);
    void report();
    void scheduleTtl(const mirror::Op &op);
    void checkTtls();
    void finish(int code);
    quint64 appliedThrough() const;
    static bool refused(const client::Error &error);

    client::Client *m_source;
    client::Client *m_dest;
    QList<client::Client *> m_writers; // m_dest first
    int m_nextWriter = 0;
    client::Client *writer();
    Options m_options;
    QList<Root> m_roots;
    QStringList m_refused;
    int m_generation = 0; // snapshot() count: answers to an older one are dropped
    int m_pendingFetches = 0;
    int m_pendingCopies = 0;
    QList<Item> m_copyItems;
    bool m_copying = false;
    bool m_live = false;
    bool m_restarting = false;
    bool m_stopping = false;
    bool m_finished = false;
    QList<Item> m_held; // events that arrived during the copy
    std::deque<Item> m_queue;
    QList<Item> m_inFlight;
    int m_copyRemaining = 0;

    qint64 m_keysCopied = 0;
    qint64 m_dirsCopied = 0;
    qint64 m_deletedStale = 0;
    qint64 m_eventsApplied = 0;
    int m_restarts = 0;
    quint64 m_lastReceived = 0;
    quint64 m_lastAppliedArrival = 0;
    bool m_anyApplied = false;
    quint64 m_sourceIndex = 0;
    bool m_probing = false;
    QElapsedTimer m_clock;
    qint64 m_copyStarted = 0;
    QTimer m_progress;

    // TTL refreshes at the source (refresh=true) reach no watcher: shortly before a node
    // written with a TTL expires at the destination, the source is asked for its TTL and a
    // longer one is given to the destination node (refresh, so nothing else changes).
    QHash<QString, qint64> m_ttlDeadline; // key -> when the destination expires it (m_clock)
    QMultiMap<qint64, QPair<QString, qint64>> m_ttlDue; // check time -> (key, deadline)
    QHash<QString, quint64> m_touched; // key -> index of the last source event for it
    QTimer m_ttlTimer;
    qint64 m_ttlRefreshes = 0;

    QList<QStringList> m_differences;
    int m_pendingVerifies = 0;
    int m_verifiedNodes = 0;
};

} // namespace ctl
