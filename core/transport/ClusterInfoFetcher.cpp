// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "transport/ClusterInfoFetcher.h"

#include "transport/PeerAddress.h"
#include "transport/PeerDialer.h"
#include "transport/TransportLogging.h"

#include <QTcpSocket>

namespace transport {

ClusterInfoFetcher::ClusterInfoFetcher(const QUrl &url, int timeoutMs, const PeerTls &tls,
                                       Callback callback, QObject *parent)
    : QObject(parent), m_url(url), m_timeoutMs(timeoutMs), m_tls(tls),
      m_callback(std::move(callback))
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this,
            [this] { fail(QStringLiteral("no answer within %1 ms").arg(m_timeoutMs)); });
}

ClusterInfoFetcher::~ClusterInfoFetcher()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void ClusterInfoFetcher::start()
{
    QString error;
    const std::optional<PeerAddress> address = PeerAddress::fromUrl(m_url, false, &error);
    if (address)
        m_socket = PeerDialer::create(
            *address, m_tls, this,
            [this] {
                m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
                m_socket->write(Frame::encode(FrameType::ClusterInfoRequest));
            },
            &error);
    if (!m_socket) {
        // Still asynchronous, as promised to the caller.
        QMetaObject::invokeMethod(
            this, [this, error] { fail(error); }, Qt::QueuedConnection);
        return;
    }
    m_socket->setReadBufferSize(kFrameHeaderSize + kMaxFrameBody);
    connect(m_socket, &QTcpSocket::readyRead, this, &ClusterInfoFetcher::onReadyRead);
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this] { fail(m_socket->errorString()); });
    connect(m_socket, &QTcpSocket::disconnected, this,
            [this] { fail(QStringLiteral("closed before answering")); });
    m_timeout.start(m_timeoutMs);
    PeerDialer::start(m_socket, *address);
}

void ClusterInfoFetcher::onReadyRead()
{
    const FrameReader::Status status = m_reader.read(m_socket);
    if (status == FrameReader::Status::NeedMore)
        return;
    if (status == FrameReader::Status::Error) {
        fail(QStringLiteral("bad frame: %1").arg(m_reader.error()));
        return;
    }
    const Frame frame = m_reader.takeFrame();
    if (frame.type != FrameType::ClusterInfoResponse || frame.body.isEmpty()) {
        fail(QStringLiteral("unexpected %1 frame").arg(frameTypeName(frame.type)));
        return;
    }
    if (frame.body.at(0) != 0) {
        fail(QStringLiteral("the member has no cluster information to give"));
        return;
    }
    finish(frame.body.mid(1));
}

void ClusterInfoFetcher::fail(const QString &why)
{
    if (m_done)
        return;
    qCWarning(lcTransport).noquote()
        << QStringLiteral("cannot fetch cluster information from %1: %2")
               .arg(m_url.toString(), why);
    finish(std::nullopt);
}

void ClusterInfoFetcher::finish(std::optional<QByteArray> result)
{
    if (m_done)
        return;
    m_done = true;
    m_timeout.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    deleteLater();
    Callback callback = std::move(m_callback);
    if (callback)
        callback(std::move(result));
}

} // namespace transport
