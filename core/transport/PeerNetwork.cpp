// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "transport/PeerNetwork.h"

#include "transport/FileBulkReader.h"
#include "transport/TransportLogging.h"

#include <optional>

namespace transport {

SendResult PeerNetwork::sendBulk(quint64 to, const BulkPayload &payload)
{
    if (payload.path.isEmpty())
        return send(to, payload.head, Priority::Bulk);
    if (!hasPeer(to))
        return SendResult::UnknownPeer;
    // The whole payload in memory: this default serves in-memory networks (tests); PeerTransport
    // streams it from the file a chunk at a time with the same reader.
    FileBulkReader reader;
    std::optional<QByteArray> body;
    if (reader.open(payload.path, payload.offset, payload.length))
        body = reader.read(payload.length);
    if (!body) {
        qCWarning(lcTransport).noquote()
            << QStringLiteral("cannot send a bulk payload to peer %1: %2")
                   .arg(QString::number(to, 16), reader.error());
        QMetaObject::invokeMethod(
            this, [this, to] { emit bulkSendFinished(to, false); }, Qt::QueuedConnection);
        return SendResult::Invalid;
    }
    return send(to, payload.head + *body, Priority::Bulk);
}

} // namespace transport
