// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "raft/SnapshotMetadata.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPair>
#include <QString>

#include <functional>
#include <memory>
#include <thread>

class QSocketNotifier;

namespace node {

// Writes snapshot files without stopping the member: a thread of its own writes the file while
// the member goes on applying, serving reads, watches and heartbeats, and off the WAL writer,
// so that the clients' WAL syncs never wait behind a snapshot file's write and sync.
//
// stream() takes the image piece by piece from a source, called on the owner's thread for about
// kTurnNs per turn of its event loop, never more than kDepth pieces ahead of the writer. The
// member's source (StateMachine::imageStream) encodes the live store through a capture
// (store::StoreCapture): a store of any size is written without a copy of it in memory, and the
// member is held for half a millisecond at a time (a 64 KiB piece takes tens of microseconds)
// and to begin the capture (issue 15, target 2). Once the last piece is produced, the source is
// destroyed on the writer thread, so what it frees does not hold the member. Producing on the
// owner's thread rather than the writer's means no lock on the store is held by a thread the
// scheduler may preempt: a writer thread that encoded under the state machine's read lock was
// preempted inside a piece on two busy cores and held the member for up to 12 ms (bench/README
// "Scale").
//
// The file is written as <path>.tmp; its checksum is read back from the file (the header that
// holds it precedes data whose size is known only at the end); then it is synced, renamed over
// <path>, and the directory synced (the atomic write storage::DiskOps does). The thread reports
// through a pipe the owner's event loop watches, and finished() follows on the owner's thread.
//
// Invariants: at most one writer thread at a time; at most kDepth pieces wait for it, and their
// buffers are reused. Ownership: owns the thread and the source until finished(); destroying
// this object produces the remaining pieces at once and waits for the file (the member's files
// stay consistent either way: a snapshot file is only ever used once complete, and the WAL keeps
// every entry it covers), so the source must stay usable until then. Thread: the owner's (the
// member's), where the source's functions run too; the writer thread writes, and destroys the
// source after its last piece (so the source must not need the owner's thread to die).
class BackgroundSnapshot : public QObject
{
    Q_OBJECT

public:
    // An image produced piece by piece on the owner's thread.
    struct Source
    {
        // Appends the next piece to *piece (empty when called); true while more follows.
        std::function<bool(QByteArray *piece)> next;
        // After the last piece: bytes to write over the image at the given offsets (a length
        // that precedes what it measures), into *out. False when the image cannot be written
        // (then errno says why).
        std::function<bool(QList<QPair<qint64, QByteArray>> *out)> patches;
    };

    explicit BackgroundSnapshot(QObject *parent = nullptr);
    ~BackgroundSnapshot() override;

    // Writes the image `source` produces, for `metadata`, to the snapshot file at `path` on a
    // thread of its own. False (and *error) while one is running.
    bool stream(const raft::SnapshotMetadata &metadata, const QString &path, Source source,
                QString *error);
    bool running() const { return m_thread.joinable(); }

    // The longest turn the owner spent producing pieces for the last snapshot (or the one
    // running): as the clock saw it (with any time the thread was preempted inside the turn),
    // and in the thread's processor time. What a snapshot held the member for at a time.
    struct Turns
    {
        qint64 longestNs = 0;
        qint64 longestCpuNs = 0;
    };
    Turns turns() const { return m_turns; }

    // Pieces produced but not yet taken by the writer, at most (the member's are 64 KiB: 1 MiB).
    static constexpr int kDepth = 16;
    // The owner's time for producing pieces per turn of its event loop: the longest a snapshot
    // holds it at a time, but for a piece begun just before the end of it.
    static constexpr qint64 kTurnNs = 500 * 1000;

    struct Handoff; // the pieces between the owner and the writer thread

Q_SIGNALS:
    // The writer is done: the file is complete and durable (ok), or it is not there and
    // `error` says why. `bytes` is the file's size; `seconds` from the start to now.
    void finished(bool ok, const QString &error, qint64 bytes, double seconds);

private:
    void onReported();
    void reap();
    // Hands the writer the source's next piece, when it has room for it; false once nothing
    // more is to be produced (the last piece is handed over, or the writer gave up).
    bool produceOne();
    // The owner's turn: one piece, then the next turn is posted (or the writer posts it once it
    // has taken a piece, when it had no room).
    void produce();

    Source m_source;
    std::shared_ptr<Handoff> m_handoff;
    Turns m_turns;
    std::thread m_thread; // the writer, joined once it has reported
    int m_readFd = -1;
    std::unique_ptr<QSocketNotifier> m_notifier;
    QString m_path;
    QElapsedTimer m_clock;
};

} // namespace node
