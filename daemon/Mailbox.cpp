#include "Mailbox.h"

#include <QThread>

bool Mailbox::post(std::function<void()> call)
{
    QMutexLocker lock(&m_mutex);
    if (!m_target)
        return false;
    // Queued even on the target's own thread: callers rely on the call never
    // running inside their own stack.
    return QMetaObject::invokeMethod(m_target, std::move(call), Qt::QueuedConnection);
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
