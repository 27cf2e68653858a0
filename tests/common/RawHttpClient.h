// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QTcpSocket>

#include "TestLoopback.h"

#include <functional>

// A raw HTTP client for tests: what curl and friends put on the wire, byte by
// byte (curl --path-as-is included), read back without interpretation. Blocking
// calls with timeouts; use from the test's thread.
class RawHttpClient
{
public:
    // Connects to `port` on `host`: by default this test process's loopback address, where
    // DaemonProcess members listen.
    explicit RawHttpClient(quint16 port, const QHostAddress &host = TestLoopback::address())
    {
        socket.connectToHost(host, port);
        socket.waitForConnected(5000);
    }
    void send(const QByteArray &bytes)
    {
        socket.write(bytes);
        socket.flush();
    }
    // Reads until `done(buffer)` holds or the timeout passes.
    bool readUntil(const std::function<bool(const QByteArray &)> &done, int timeoutMs = 5000)
    {
        QElapsedTimer t;
        t.start();
        while (!done(buffer) && t.elapsed() < timeoutMs) {
            if (socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0)
                break;
            socket.waitForReadyRead(50);
            buffer += socket.readAll();
        }
        buffer += socket.readAll();
        return done(buffer);
    }
    // One complete response with a Content-Length body; removes it from the buffer.
    QByteArray readResponse(int timeoutMs = 5000)
    {
        auto complete = [](const QByteArray &b) {
            const qsizetype end = b.indexOf("\r\n\r\n");
            if (end < 0)
                return false;
            const qsizetype cl = b.toLower().indexOf("content-length:");
            if (cl < 0 || cl > end)
                return true;
            const qsizetype eol = b.indexOf("\r\n", cl);
            const int len = b.mid(cl + 15, eol - cl - 15).trimmed().toInt();
            return b.size() >= end + 4 + len;
        };
        if (!readUntil(complete, timeoutMs))
            return {};
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        const qsizetype cl = buffer.toLower().indexOf("content-length:");
        int len = 0;
        if (cl >= 0 && cl < end) {
            const qsizetype eol = buffer.indexOf("\r\n", cl);
            len = buffer.mid(cl + 15, eol - cl - 15).trimmed().toInt();
        }
        const QByteArray one = buffer.left(end + 4 + len);
        buffer.remove(0, end + 4 + len);
        return one;
    }
    bool waitClosed(int timeoutMs = 5000)
    {
        if (socket.state() == QAbstractSocket::UnconnectedState)
            return true;
        QElapsedTimer t;
        t.start();
        while (socket.state() != QAbstractSocket::UnconnectedState && t.elapsed() < timeoutMs) {
            socket.waitForReadyRead(50);
            buffer += socket.readAll();
        }
        return socket.state() == QAbstractSocket::UnconnectedState;
    }
    // A form-encoded PUT of /v2/keys/<key>, as curl -XPUT -d value=... sends it.
    static QByteArray putRequest(const QByteArray &key, const QByteArray &value)
    {
        const QByteArray form = "value=" + value;
        return "PUT /v2/keys/" + key +
               " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
               "Content-Length: " +
               QByteArray::number(form.size()) + "\r\n\r\n" + form;
    }

    QTcpSocket socket;
    QByteArray buffer;
};
