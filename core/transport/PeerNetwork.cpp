// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "transport/PeerNetwork.h"

#include "transport/TransportLogging.h"

#include <QFile>

namespace transport {

SendResult PeerNetwork::sendBulk(quint64 to, const BulkPayload &payload)
{
    if (payload.path.isEmpty())
        return send(to, payload.head, Priority::Bulk);
    if (!hasPeer(to))
        return SendResult::UnknownPeer;
    QByteArray bytes = payload.head;
    QFile file(payload.path);
    QString error;
    if (payload.offset < 0 || payload.length < 0)
        error = QStringLiteral("negative offset or length");
    else if (!file.open(QIODevice::ReadOnly) || !file.seek(payload.offset))
        error = file.errorString();
    if (error.isEmpty()) {
        const QByteArray body = file.read(payload.length);
        if (body.size() == payload.length)
            bytes.append(body);
        else
            error = QStringLiteral("%1 bytes instead of %2").arg(body.size()).arg(payload.length);
    }
    if (!error.isEmpty()) {
        qCWarning(lcTransport).noquote()
            << QStringLiteral("cannot send a bulk payload to peer %1: %2: %3")
                   .arg(QString::number(to, 16), payload.path, error);
        QMetaObject::invokeMethod(
            this, [this, to] { emit bulkSendFinished(to, false); }, Qt::QueuedConnection);
        return SendResult::Invalid;
    }
    return send(to, bytes, Priority::Bulk);
}

} // namespace transport
