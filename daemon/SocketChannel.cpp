#include "SocketChannel.h"

#include "ConnectionGuard.h"
#include "HttpWire.h"

SocketChannel::SocketChannel(QTcpSocket *socket, bool head, bool close, bool http10)
    : m_socket(socket), m_head(head), m_close(close || http10), m_http10(http10)
{
}

SocketChannel::~SocketChannel()
{
    QObject::disconnect(m_disconnected);
}

bool SocketChannel::isOpen() const
{
    return !m_done && m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
}

void SocketChannel::finish()
{
    m_done = true;
    QObject::disconnect(m_disconnected);
    // Dropping the callback breaks the ownership cycle a watch keeps through it.
    m_onClosed = nullptr;
    if (m_socket) {
        if (auto *guard = ConnectionGuard::of(m_socket))
            guard->requestDone();
        if (m_close)
            m_socket->disconnectFromHost();
    }
}

void SocketChannel::respond(const HttpResponse &response)
{
    if (!isOpen())
        return;
    m_socket->write(HttpWire::response(response, m_head, m_close));
    finish();
}

void SocketChannel::beginStream(const HttpResponse &head)
{
    if (!isOpen())
        return;
    m_socket->write(HttpWire::streamHead(head, !m_http10));
}

void SocketChannel::writeChunk(const QByteArray &data)
{
    if (!isOpen())
        return;
    if (m_socket->bytesToWrite() > maxBacklogBytes) {
        // The reader does not keep up; etcd ends such a stream too.
        m_socket->abort();
        return;
    }
    m_socket->write(m_http10 ? data : HttpWire::chunk(data));
}

void SocketChannel::endStream()
{
    if (!isOpen())
        return;
    if (!m_http10)
        m_socket->write(HttpWire::lastChunk());
    finish();
}

void SocketChannel::onClosed(std::function<void()> callback)
{
    if (!isOpen())
        return;
    m_onClosed = std::move(callback);
    QObject::disconnect(m_disconnected);
    m_disconnected = QObject::connect(m_socket, &QTcpSocket::disconnected, m_socket, [this] {
        m_done = true;
        // Move out first: the callback may drop the last reference to this channel.
        auto callback = std::move(m_onClosed);
        m_onClosed = nullptr;
        QObject::disconnect(m_disconnected);
        if (callback)
            callback();
    });
}
