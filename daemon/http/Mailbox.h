// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "MailboxReceiver.h"

#include <QMutex>
#include <QObject>

#include <functional>
#include <memory>

namespace http {

// A way to run functions on one thread from any other: post() queues a call
// on the thread of the target object, until close(). Shared (shared_ptr) by
// everything that posts, so a poster never holds a pointer to an object that
// may be gone: the owner closes the mailbox before it deletes the target, and
// posts after that are dropped. Thread-safe, except that it must be created
// on the target's thread (its MailboxReceiver becomes the target's child);
// the target may be moved to another thread afterwards.
class Mailbox
{
public:
    explicit Mailbox(QObject *target);

    static std::shared_ptr<Mailbox> create(QObject *target)
    {
        return std::make_shared<Mailbox>(target);
    }

    // False (and `call` dropped) once closed.
    bool post(std::function<void()> call);
    // True when called on the target's thread and not closed: a caller that
    // tolerates being re-entered may then run its call at once instead of
    // posting it (a posted call costs a turn of the event loop).
    bool isCurrentThread();
    void close();

private:
    QMutex m_mutex;
    QObject *m_target;           // nullptr once closed
    MailboxReceiver *m_receiver; // the target's child: valid while m_target is
};

} // namespace http
