// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QMetaObject>
#include <QSslSocket>
#include <QTcpSocket>

namespace transport {

// What a socket holds that the kernel has not taken yet, and the signals that say it shrank: the
// one rule every writer that bounds what it buffers uses (peer links, watch streams, the proxy).
//
// Why not QTcpSocket::bytesToWrite() and bytesWritten(): over TLS, QSslSocket::bytesToWrite()
// counts only the plaintext not yet encrypted, and its bytesWritten() fires as soon as bytes are
// encrypted (Qt 6.4, QTlsBackendOpenSSL::transmit), not when they leave the underlying TCP
// socket's buffer. A writer throttled on those alone pours everything it has into that hidden
// buffer when the reader is slow: a whole snapshot file, or a stream watcher's every event. The
// encrypted bytes are encryptedBytesToWrite(), and their draining is encryptedBytesWritten().
//
// Holds the connections made by watch(); stop() or destruction of the socket or the context ends
// them, as does destroying the SocketDrain. unsentBytes() and watch() on the socket's thread;
// stop() from any (QObject::disconnect is thread-safe).
class SocketDrain
{
public:
    SocketDrain() = default;
    ~SocketDrain() { stop(); }
    Q_DISABLE_COPY_MOVE(SocketDrain)

    // Bytes written to `socket` and not yet handed to the kernel, encrypted or not.
    static qint64 unsentBytes(const QTcpSocket *socket)
    {
        qint64 unsent = socket->bytesToWrite();
        if (const auto *tls = qobject_cast<const QSslSocket *>(socket))
            unsent += tls->encryptedBytesToWrite();
        return unsent;
    }

    // Calls `onDrained` (in `context`'s thread) whenever unsentBytes(socket) may have gone down.
    template <typename Slot> void watch(QTcpSocket *socket, const QObject *context, Slot onDrained)
    {
        stop();
        auto *tls = qobject_cast<QSslSocket *>(socket);
        if (!tls) {
            m_written = QObject::connect(socket, &QIODevice::bytesWritten, context, onDrained);
            return;
        }
        // An encrypting QSslSocket emits bytesWritten() after it took the plaintext and before
        // the ciphertext reaches the TCP socket's buffer, when those bytes are counted nowhere:
        // a writer fed then would add up to its whole bound again. encryptedBytesWritten() is the
        // kernel taking bytes, and follows every encryption.
        m_written = QObject::connect(tls, &QIODevice::bytesWritten, context, [tls, onDrained] {
            if (tls->mode() == QSslSocket::UnencryptedMode)
                onDrained();
        });
        m_encryptedWritten =
            QObject::connect(tls, &QSslSocket::encryptedBytesWritten, context, onDrained);
    }

    bool isWatching() const { return bool(m_written); }

    void stop()
    {
        QObject::disconnect(m_written);
        QObject::disconnect(m_encryptedWritten);
        m_written = {};
        m_encryptedWritten = {};
    }

private:
    QMetaObject::Connection m_written;
    QMetaObject::Connection m_encryptedWritten;
};

} // namespace transport
