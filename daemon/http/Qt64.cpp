// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "Qt64.h"

#include <QString>
#include <QtGlobal>

#include <mutex>

namespace http::Qt64 {

namespace {

QtMessageHandler previousMessageHandler = nullptr;

void dropAdopterNoise(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    // Qt HttpServer 6.4 (1. in Qt64.h): once per adopter when the frontend
    // binds it ("The TCP server QTcpServer(0x…, name = "qetcd-client-handoff")
    // is not listening."), once per connection when the frontend takes it.
    if (type == QtWarningMsg &&
        (message ==
             QLatin1String("QTcpServer::nextPendingConnection() called while not listening") ||
         (message.startsWith(QLatin1String("The TCP server")) &&
          message.contains(QLatin1String(adopterName)) &&
          message.contains(QLatin1String("is not listening")))))
        return;
    if (previousMessageHandler)
        previousMessageHandler(type, context, message);
}

} // namespace

void quietenAdopterWarnings()
{
    static std::once_flag installed;
    std::call_once(installed,
                   [] { previousMessageHandler = qInstallMessageHandler(dropAdopterNoise); });
}

} // namespace http::Qt64
