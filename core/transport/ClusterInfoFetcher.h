// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "transport/FrameReader.h"
#include "transport/PeerTls.h"

#include <QObject>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <optional>

class QTcpSocket;

namespace transport {

// One ClusterInfoRequest to a running member's peer URL, for a member that joins an
// existing cluster and does not know the cluster id yet: connect, ask, read one
// ClusterInfoResponse, close (over TLS for an https URL, see PeerDialer). The callback runs exactly
// once from the event loop with the provider's bytes, or nullopt on any failure (bad URL, refused,
// timeout, provider missing, malformed answer). If the owner is destroyed first, the callback is
// dropped. Ownership: owns its socket; parented to PeerTransport; deletes itself when done. Owner's
// thread.
class ClusterInfoFetcher : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(std::optional<QByteArray>)>;

    ClusterInfoFetcher(const QUrl &url, int timeoutMs, const PeerTls &tls, Callback callback,
                       QObject *parent = nullptr);
    ~ClusterInfoFetcher() override;

    void start();

private:
    void onReadyRead();
    void fail(const QString &why);
    void finish(std::optional<QByteArray> result);

    QUrl m_url;
    int m_timeoutMs;
    PeerTls m_tls;
    Callback m_callback;
    QTcpSocket *m_socket = nullptr;
    FrameReader m_reader;
    QTimer m_timeout;
    bool m_done = false;
};

} // namespace transport
