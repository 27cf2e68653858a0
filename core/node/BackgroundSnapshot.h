// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "raft/SnapshotMetadata.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>
#include <thread>

class QSocketNotifier;

namespace node {

// Takes a snapshot without stopping the member: fork() gives a child process the member's
// memory as it is at that instant (copy-on-write, the kernel's job), and the child serializes
// the state machine from it and writes the snapshot file, while the member goes on applying,
// serving reads, watches and heartbeats. The member's pause is the fork itself (copying page
// tables: milliseconds for a store of a million keys) instead of serializing the whole store,
// and no image of the store is ever built in the member's own memory. Redis' BGSAVE works the
// same way.
//
// The child only runs the serializer handed to start() (pure code: reads memory, allocates)
// and plain POSIX calls (open, write, fdatasync, rename, fsync), then _exit()s: no Qt event
// loop, no logging, no locks another thread could have held at the fork. It writes
// <path>.tmp, syncs it, renames it over <path> and syncs the directory (the atomic write
// storage::DiskOps does), then reports the outcome through a pipe the parent watches.
//
// write() is the same job for an image the member built itself (small stores, where building
// it costs less than a fork): a thread of its own writes the file the same way, off the WAL
// writer, so the clients' WAL syncs never wait behind a snapshot file's write and sync on that
// thread. Both end with finished(), on the owner's thread.
//
// Invariant: at most one child or writer thread at a time. Ownership: owns the child; destroying
// this object waits for a running one to finish its file (the member's files stay consistent either
// way: a snapshot file is only ever used once complete, and the WAL keeps every entry it covers).
// Thread: the owner's (the member's), which must be the thread that holds the state being
// serialized still.
class BackgroundSnapshot : public QObject
{
    Q_OBJECT

public:
    explicit BackgroundSnapshot(QObject *parent = nullptr);
    ~BackgroundSnapshot() override;

    // Starts a child that writes the snapshot file at `path` for `metadata`, with the data
    // `image()` returns in the child. False (and *error) when no child could be started.
    bool start(const raft::SnapshotMetadata &metadata, const QString &path,
               const std::function<QByteArray()> &image, QString *error);
    // Writes `image` (taken by the caller at `metadata`) to the snapshot file at `path` on a
    // thread of its own; finished() as for start(). False (and *error) while one is running.
    bool write(const raft::SnapshotMetadata &metadata, const QString &path, const QByteArray &image,
               QString *error);
    bool running() const { return m_pid > 0 || m_thread.joinable(); }
    // How long the last fork() held the member (copying its page tables), in ns; 0 after write().
    qint64 lastForkNs() const { return m_forkNs; }

    // A child that has not reported after this long is killed and counted failed: it could
    // only be stuck (a lock some other thread of the member held at the fork, say), and
    // the member must not go without snapshots for good. Ten minutes is a hundred times
    // what a million keys take.
    static constexpr int kChildTimeoutMs = 10 * 60 * 1000;
    void setTimeoutMs(int ms) { m_timeout.setInterval(ms); } // tests shorten it

Q_SIGNALS:
    // The child is gone: the file is complete and durable (ok), or it is not there and
    // `error` says why. `bytes` is the file's size; `seconds` from start() to now.
    void finished(bool ok, const QString &error, qint64 bytes, double seconds);

private:
    void onChildReported();
    void onTimeout();
    void reap();
    bool openReportPipe(const QString &path, int *writeFd, QString *error);
    void watchReportPipe();

    qint64 m_pid = 0;
    std::thread m_thread; // write()'s writer, joined once it has reported
    int m_readFd = -1;
    std::unique_ptr<QSocketNotifier> m_notifier;
    QTimer m_timeout;
    QString m_path;
    QElapsedTimer m_clock;
    qint64 m_forkNs = 0;
};

} // namespace node
