// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "Mailbox.h"

#include <QThread>

namespace http {

Mailbox::Mailbox(QObject *target) : m_target(target), m_receiver(new MailboxReceiver(target))
{
    Q_ASSERT_X(target->thread() == QThread::currentThread(), "Mailbox",
               "create a mailbox on its target's thread");
}

bool Mailbox::post(std::function<void()> call)
{
    QMutexLocker lock(&m_mutex);
    if (!m_target)
        return false;
    // Queued even on the target's own thread: callers rely on the call never
    // running inside their own stack.
    return m_receiver->push(std::move(call));
}

void Mailbox::close()
{
    QMutexLocker lock(&m_mutex);
    m_target = nullptr;
}

bool Mailbox::isCurrentThread()
{
    QMutexLocker lock(&m_mutex);
    return m_target && m_target->thread() == QThread::currentThread();
}

} // namespace http
