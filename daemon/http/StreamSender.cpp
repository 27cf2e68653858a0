// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "StreamSender.h"

#include <QLoggingCategory>

#include <cerrno>
#include <cstring>

#include <sched.h>

namespace http {

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

StreamSender::StreamSender()
    : m_host(new QObject), m_mailbox(Mailbox::create(m_host)),
      m_outbox(std::make_shared<StreamOutbox>(m_mailbox, true))
{
    m_thread.setObjectName(QStringLiteral("qetcd-streams"));
    m_host->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_host, &QObject::deleteLater);
    m_thread.start();
    // Any process may put its own threads at SCHED_IDLE; such a thread runs only when no other
    // wants the processor, and an ordinary thread that wakes up takes it at once.
    m_mailbox->post([] {
        sched_param param{};
        if (sched_setscheduler(0, SCHED_IDLE, &param) != 0)
            qCWarning(lcHttp, "watch streams are sent at normal priority: %s",
                      std::strerror(errno));
    });
}

StreamSender::~StreamSender()
{
    // Channels still held elsewhere schedule nothing more here.
    m_outbox->close();
    m_mailbox->close();
    m_thread.quit();
    m_thread.wait();
}

} // namespace http
