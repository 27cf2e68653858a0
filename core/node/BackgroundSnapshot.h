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
// stream() takes the image piece by piece from a source. The member's source
// (StateMachine::imageStream) reads the live store through a capture (store::StoreCapture),
// under the state machine's read lock for a moment per piece: a store of any size is written
// without a copy of it in memory, and the member pauses only to begin the capture (issue 15,
// target 2). The file is written as <path>.tmp; its checksum is read back from the file (the
// header that holds it precedes data whose size is known only at the end); then it is synced,
// renamed over <path>, and the directory synced (the atomic write storage::DiskOps does). The
// thread reports through a pipe the owner's event loop watches, and finished() follows on the
// owner's thread.
//
// Invariant: at most one writer thread at a time. Ownership: owns the thread; destroying this
// object waits for a running one to finish its file (the member's files stay consistent either
// way: a snapshot file is only ever used once complete, and the WAL keeps every entry it
// covers). Thread: the owner's (the member's); the source's functions run on the writer thread.
class BackgroundSnapshot : public QObject
{
    Q_OBJECT

public:
    // An image produced piece by piece on the writer thread.
    struct Source
    {
        // Appends the next piece to *piece; true while more follows.
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

Q_SIGNALS:
    // The writer is done: the file is complete and durable (ok), or it is not there and
    // `error` says why. `bytes` is the file's size; `seconds` from the start to now.
    void finished(bool ok, const QString &error, qint64 bytes, double seconds);

private:
    void onReported();
    void reap();

    std::thread m_thread; // the writer, joined once it has reported
    int m_readFd = -1;
    std::unique_ptr<QSocketNotifier> m_notifier;
    QString m_path;
    QElapsedTimer m_clock;
};

} // namespace node
