// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "TlsStart.h"

#include <QLoggingCategory>
#include <QSslSocket>

namespace http {

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

namespace {

// TLS record types that may open a connection: handshake (a ClientHello) and alert.
constexpr char kRecordHandshake = 0x16;
constexpr char kRecordAlert = 0x15;

// Go's tlsRecordHeaderLooksLikeHTTP: the five bytes of a would-be record header.
bool looksLikeHttp(QByteArrayView head)
{
    static const QByteArrayView methods[] = {"GET /", "HEAD ", "POST ", "PUT /", "OPTIO"};
    for (QByteArrayView m : methods) {
        if (head == m)
            return true;
    }
    return false;
}

} // namespace

const QByteArray TlsStart::httpToHttpsAnswer =
    QByteArrayLiteral("HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS "
                      "server.\n");

TlsStart::TlsStart(QSslSocket *socket, std::function<void()> started)
    : QObject(socket), m_socket(socket), m_peer(socket->peerAddress().toString()),
      m_started(std::move(started))
{
    // Queued: the error may be emitted from inside startServerEncryption() (a context OpenSSL
    // refuses); the socket is closed once that call has returned. Nothing runs for a socket
    // already gone: this object dies with it.
    connect(socket, &QAbstractSocket::errorOccurred, this, &TlsStart::failed, Qt::QueuedConnection);
    connect(socket, &QAbstractSocket::disconnected, this, [this] {
        if (m_state != State::Started)
            m_socket->deleteLater(); // never handed to the HTTP server, which would delete it
    });
    connect(socket, &QIODevice::readyRead, this, &TlsStart::look);
    if (socket->bytesAvailable() > 0)
        look();
}

void TlsStart::failed(QAbstractSocket::SocketError error)
{
    // After the handshake the HTTP server deals with errors; one line per connection.
    if (m_socket->isEncrypted() || m_failureLogged)
        return;
    m_failureLogged = true;
    const QString &peer = m_peer;
    if (error == QAbstractSocket::RemoteHostClosedError)
        qCDebug(lcHttp).noquote()
            << QStringLiteral("TLS client %1 went away before the handshake finished").arg(peer);
    else
        qCWarning(lcHttp).noquote() << QStringLiteral("TLS handshake with %1 failed: %2")
                                           .arg(peer, m_socket->errorString());
    m_socket->abort();
    m_socket->deleteLater(); // Qt does not always report a failed handshake as a disconnection
}

void TlsStart::look()
{
    if (m_state != State::Waiting)
        return;
    char head[5];
    const qint64 got = m_socket->peek(head, sizeof head);
    if (got <= 0)
        return;
    if (head[0] == kRecordHandshake || head[0] == kRecordAlert) {
        m_state = State::Started;
        disconnect(m_socket, &QIODevice::readyRead, this, &TlsStart::look);
        m_socket->startServerEncryption();
        m_started();
        return;
    }
    if (got < qint64(sizeof head))
        return; // not TLS: wait for the five bytes Go looks at
    m_state = State::Refused;
    m_failureLogged = true; // the line below says why
    const QString &peer = m_peer;
    if (looksLikeHttp(QByteArrayView(head, sizeof head))) {
        qCWarning(lcHttp).noquote()
            << QStringLiteral("rejected connection from %1: plain HTTP request on an https URL")
                   .arg(peer);
        m_socket->skip(m_socket->bytesAvailable());
        m_socket->write(httpToHttpsAnswer);
        m_socket->disconnectFromHost();
    } else {
        qCWarning(lcHttp).noquote()
            << QStringLiteral("rejected connection from %1: first record does not look like a "
                              "TLS handshake")
                   .arg(peer);
        m_socket->abort();
    }
}

} // namespace http
