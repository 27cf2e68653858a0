// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QObject>

class QSocketNotifier;

namespace server {

// Turns SIGTERM and SIGINT (terminationRequested) and SIGHUP (reloadRequested: reload the TLS
// files, instead of the default action, which ended the process without a word) into Qt
// signals, through the self-pipe pattern: the handler only writes one byte (async-signal-safe),
// the event loop reads it. One instance per process; main thread.
class SignalWatcher : public QObject
{
    Q_OBJECT
public:
    explicit SignalWatcher(QObject *parent = nullptr);
    ~SignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);
    void reloadRequested();

private:
    static void handler(int signalNumber);
    static int s_fds[2];
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace server
