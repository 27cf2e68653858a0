// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "MailboxReceiver.h"

#include <QMetaMethod>

namespace http {

namespace {

const QMetaMethod &runOneMethod()
{
    static const QMetaMethod method = MailboxReceiver::staticMetaObject.method(
        MailboxReceiver::staticMetaObject.indexOfMethod("runOne()"));
    return method;
}

} // namespace

MailboxReceiver::MailboxReceiver(QObject *target) : QObject(target) {}

bool MailboxReceiver::push(std::function<void()> call)
{
    {
        QMutexLocker lock(&m_mutex);
        m_calls.push_back(std::move(call));
    }
    if (runOneMethod().invoke(this, Qt::QueuedConnection))
        return true;
    QMutexLocker lock(&m_mutex);
    m_calls.pop_back();
    return false;
}

void MailboxReceiver::runOne()
{
    std::function<void()> call;
    {
        QMutexLocker lock(&m_mutex);
        if (m_calls.empty())
            return;
        call = std::move(m_calls.front());
        m_calls.pop_front();
    }
    call();
}

} // namespace http
