// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QMutex>
#include <QObject>

#include <deque>
#include <functional>

namespace http {

// The target-thread end of a Mailbox: a child of the target object (so it
// lives on the target's thread, follows it through moveToThread and dies with
// it), holding the calls posted to it in its own queue under its own mutex.
// Each push() posts one data-free wake-up (a queued invocation of runOne(),
// no arguments); each wake-up runs the oldest call. So calls run in push
// order, one event-loop turn each, interleaved with the thread's other events
// exactly where a queued functor would have been.
//
// Why not QMetaObject::invokeMethod with the functor itself: the functor is
// then written by the posting thread into Qt's slot object and read by the
// target thread, with the hand-over inside Qt's (uninstrumented) event queue,
// which ThreadSanitizer cannot see; here every hand-over of data goes through
// a QMutex, whose inline code carries Qt's TSan annotations.
//
// Thread-safety: push() from any thread while the receiver exists (Mailbox
// guarantees that by closing before the target is deleted); runOne() on the
// receiver's thread. Calls still queued when the receiver is deleted are
// destroyed unrun, as Qt drops events posted to a deleted object.
class MailboxReceiver : public QObject
{
    Q_OBJECT
public:
    explicit MailboxReceiver(QObject *target);

    // False if Qt refused the wake-up (the call is then dropped).
    bool push(std::function<void()> call);

    Q_INVOKABLE void runOne();

private:
    QMutex m_mutex;
    std::deque<std::function<void()>> m_calls;
};

} // namespace http
