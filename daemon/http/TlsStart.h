// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QAbstractSocket>
#include <QObject>

#include <functional>

class QSslSocket;

namespace http {

// Starts the server side of TLS on an accepted client connection once its first bytes show that
// the client speaks TLS, and closes it, logged, when the handshake fails for any reason.
//
// Why wait for those bytes: a client that sends plain HTTP to an https URL gets an answer, as
// from Go's net/http server (the exact bytes of its tls.RecordHeaderError path):
// "HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n", instead of
// a connection that hangs or closes without a word. A first byte that starts a TLS record
// (handshake or alert) goes to OpenSSL untouched (QSslSocket peeks in unencrypted mode); five
// bytes that are neither TLS nor an HTTP method are refused and logged, as Go does ("first record
// does not look like a TLS handshake").
//
// Every error before the connection is encrypted (an untrusted or missing client certificate,
// a protocol mismatch, a server context OpenSSL refuses) is logged with the peer's address and
// closes the connection: Qt itself closes only after certificate verification failures, so the
// others used to leave the client waiting for ever. `started` runs once encryption has started
// (the HTTP server may take the socket then: before, its readyRead would carry raw bytes).
// A socket that goes before that, or fails, is deleted here (Qt does not always report a
// failed handshake as a disconnection). A child of its socket; the socket's thread.
class TlsStart : public QObject
{
public:
    TlsStart(QSslSocket *socket, std::function<void()> started);

    static const QByteArray httpToHttpsAnswer;

private:
    void look();
    void failed(QAbstractSocket::SocketError error);

    enum class State { Waiting, Started, Refused };
    QSslSocket *m_socket;
    const QString m_peer; // for the log: the socket forgets it once closed
    std::function<void()> m_started;
    State m_state = State::Waiting;
    bool m_failureLogged = false;
};

} // namespace http
