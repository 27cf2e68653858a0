// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <functional>
#include <memory>

// A scripted HTTP/1.1 server on 127.0.0.1 for client tests: each request is
// handed to `handler`, which answers (at once or later) through the socket
// helpers, or drops the connection. Lets tests produce exactly the transport
// trouble the client must survive: refused connections, 5xx, silence,
// connections dropped after the headers, chunked streams.
// Test thread only.
class FakeServer : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QByteArray method;
        QByteArray target; // path?query as sent
        QList<QPair<QByteArray, QByteArray>> headers;
        QByteArray body;
        QPointer<QTcpSocket> socket;

        QByteArray header(const QByteArray &name) const;
        QByteArray path() const
        {
            return target.left(target.indexOf('?') < 0 ? target.size() : target.indexOf('?'));
        }
        QByteArray query() const
        {
            return target.indexOf('?') < 0 ? QByteArray() : target.mid(target.indexOf('?') + 1);
        }
        // Value of one query parameter (raw, not decoded).
        QByteArray param(const QByteArray &name) const;
    };

    enum class Tls { Off, On, RequireClientCertificate };
    // With TLS the server presents certs/server.pem (CA: certs/ca.pem).
    explicit FakeServer(Tls tls = Tls::Off, QObject *parent = nullptr);
    static QString certificate(const QString &name); // path of tests/client/certs/<name>
    QUrl url() const;
    quint16 port() const { return m_server->serverPort(); }

    std::function<void(const Request &)> handler;
    QList<Request> requests; // every request received, in order

    // Complete answer with Content-Length.
    static void respond(QTcpSocket *s, int status, const QByteArray &body,
                        const QList<QPair<QByteArray, QByteArray>> &headers = {});
    // Status line and headers of a chunked response; send chunks later.
    static void startChunked(QTcpSocket *s, int status,
                             const QList<QPair<QByteArray, QByteArray>> &headers = {});
    static void sendChunk(QTcpSocket *s, const QByteArray &data);
    static void endChunked(QTcpSocket *s);
    static void drop(QTcpSocket *s);

    // Keys-API headers for an answer at store index `index`.
    static QList<QPair<QByteArray, QByteArray>> etcdHeaders(quint64 index);
    // {"action":..,"node":{"key":..,"value":..,"modifiedIndex":i,"createdIndex":i}}
    static QByteArray event(const QByteArray &action, const QByteArray &key,
                            const QByteArray &value, quint64 index);

    void closeAll();

private:
    void onReadable(QTcpSocket *s);
    void acceptPending();

    std::unique_ptr<QTcpServer> m_server;
    bool m_tls = false;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};
