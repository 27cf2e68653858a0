// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "TestLoopback.h"

#include <QHostAddress>
#include <QPointer>
#include <QStringList>
#include <QTcpServer>
#include <QTcpSocket>

// A minimal HTTP forward proxy for --discovery-proxy: it takes absolute-form requests
// ("GET http://host:port/path HTTP/1.1", what a client sends to an HTTP proxy), notes the URL,
// and sends each to `upstream` whatever host it names (so a discovery URL on a name that does
// not resolve works only through the proxy), one request per connection ("Connection: close"),
// then pipes the bytes both ways. Test thread only; connections are children of the server.
class ForwardProxy : public QTcpServer
{
public:
    ForwardProxy(const QHostAddress &upstreamHost, quint16 upstreamPort)
        : m_upstreamHost(upstreamHost), m_upstreamPort(upstreamPort)
    {
        listen(TestLoopback::address(), 0);
        connect(this, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *client = nextPendingConnection())
                serve(client);
        });
    }
    QString url() const
    {
        return QStringLiteral("http://%1:%2").arg(TestLoopback::host()).arg(serverPort());
    }
    QStringList seen() const { return m_seen; } // request lines as received

private:
    void serve(QTcpSocket *client)
    {
        client->setParent(this);
        auto *head = new QByteArray;
        connect(client, &QTcpSocket::readyRead, client, [this, client, head] {
            if (client->property("piped").toBool())
                return;
            *head += client->readAll();
            const qsizetype end = head->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            client->setProperty("piped", true);
            const qsizetype lineEnd = head->indexOf("\r\n");
            const QByteArray line = head->left(lineEnd);
            m_seen.append(QString::fromLatin1(line));
            QList<QByteArray> parts = line.split(' ');
            QByteArray target = parts.value(1);
            if (target.startsWith("http://")) // absolute-form -> origin-form
                target = target.mid(target.indexOf('/', 7));
            QByteArray request = parts.value(0) + ' ' + target + ' ' + parts.value(2) + "\r\n";
            for (const QByteArray &h : head->mid(lineEnd + 2, end - lineEnd - 2).split('\n')) {
                const QByteArray header = h.trimmed();
                if (!header.isEmpty() && !header.toLower().startsWith("connection:") &&
                    !header.toLower().startsWith("proxy-connection:"))
                    request += header + "\r\n";
            }
            request += "Connection: close\r\n\r\n" + head->mid(end + 4);
            delete head;
            auto *upstream = new QTcpSocket(client);
            connect(upstream, &QTcpSocket::connected, upstream,
                    [upstream, request] { upstream->write(request); });
            connect(upstream, &QTcpSocket::readyRead, client,
                    [client, upstream] { client->write(upstream->readAll()); });
            connect(client, &QTcpSocket::readyRead, upstream,
                    [client, upstream] { upstream->write(client->readAll()); });
            connect(upstream, &QTcpSocket::disconnected, client,
                    [client] { client->disconnectFromHost(); });
            connect(upstream, &QTcpSocket::errorOccurred, client, [client, upstream] {
                if (upstream->state() != QAbstractSocket::ConnectedState)
                    client->disconnectFromHost();
            });
            connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
            upstream->connectToHost(m_upstreamHost, m_upstreamPort);
        });
    }

    QHostAddress m_upstreamHost;
    quint16 m_upstreamPort;
    QStringList m_seen;
};
