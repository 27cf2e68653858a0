// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

// What Qt HttpServer 6.4 (Debian bookworm's 6.4.2; see the project's notes
// on it) does not do, and where this code does it instead. Each is done once,
// at the place named, marked there with "Qt HttpServer 6.4"; moving to a Qt
// that does it means deleting that code.
//
//  1. QAbstractHttpServer takes connections only from a QTcpServer it binds
//     (pendingConnectionAvailable), and warns that such a server does not
//     listen; ours never do (Server::Adopter hands them sockets accepted on
//     the main thread). The two warnings are dropped here
//     (quietenAdopterWarnings). Goes once Qt can be given a socket directly.
//  2. Pipelined requests behind an unanswered one are answered out of order
//     (fixed in 6.5 for QHttpServerResponder): Connection::serveInTurn.
//     Answers here bypass the responder, so this goes only together with
//     writing through it.
//  3. "Connection: close" and HTTP/1.0 are ignored: RequestLimits notes
//     HTTP/1.0, Frontend::serve decides to close, HttpWire says so.
//  4. HEAD answers carry the body: HttpWire::response(head = true).
//  5. "Expect: 100-continue" is never answered: RequestLimits (SendContinue).
//  6. No header or body size limit and no request timeout: RequestLimits.
//  7. Writing through a stored answer after the client left is a
//     use-after-free: SocketChannel checks its QPointer and the socket's
//     state on the socket's thread before every write.
//  8. Connections in the TLS handshake count against QTcpServer's 30 pending
//     ones: TlsStart finishes the handshake before Server::Adopter offers the
//     socket, and the Adopter takes 1024 pending.
//  9. Accepted sockets keep Nagle on: Server::Adopter sets TCP_NODELAY.
// 10. QFuture routes crash when the client leaves: none is used; deferred
//     answers reach the socket's thread through a Mailbox.
namespace http::Qt64 {

// The objectName of every Server::Adopter (the warnings of 1. name it).
inline constexpr char adopterName[] = "qetcd-client-handoff";

// Installs, once per process, a message handler that drops the two warnings
// of 1. about servers named adopterName and passes everything else on.
// Thread-safe.
void quietenAdopterWarnings();

} // namespace http::Qt64
